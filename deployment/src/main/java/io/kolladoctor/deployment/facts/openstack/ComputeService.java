package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/** A Nova service ({@code GET /os-services}): binary, host, enabled/disabled, up/down, forced down. */
public record ComputeService(String id, String binary, String host, String zone, String status, String state,
                             boolean forcedDown, String updatedAt, String disabledReason) {
    static ComputeService from(JsonNode n) {
        return new ComputeService(Json.text(n, "id"), Json.text(n, "binary"), Json.text(n, "host"), Json.text(n, "zone"),
                Json.text(n, "status"), Json.text(n, "state"), Json.bool(n, "forced_down", false),
                Json.text(n, "updated_at"), Json.text(n, "disabled_reason"));
    }

    public boolean isDown() {
        return "down".equals(state) || forcedDown;
    }
}
