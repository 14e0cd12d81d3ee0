package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/** A Heat stack ({@code GET /v1/{project}/stacks}); {@code parent} is set on nested stacks. */
public record HeatStack(String id, String name, String status, String statusReason, String parent, String projectId) {
    static HeatStack from(JsonNode n) {
        return new HeatStack(Json.text(n, "id"), Json.text(n, "stack_name"), Json.text(n, "stack_status"),
                Json.text(n, "stack_status_reason"), Json.text(n, "parent"), Json.text(n, "project"));
    }

    public boolean isDeleting() {
        return "DELETE_FAILED".equals(status) || "DELETE_IN_PROGRESS".equals(status);
    }
}
