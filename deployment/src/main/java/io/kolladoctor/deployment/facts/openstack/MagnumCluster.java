package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.util.ArrayList;
import java.util.List;

/** A Magnum cluster ({@code GET /v1/clusters}; the detail body adds the reason and node addresses). */
public record MagnumCluster(String uuid, String name, String status, String statusReason, String stackId,
                            List<String> masterAddresses, List<String> nodeAddresses) {
    static MagnumCluster from(JsonNode n) {
        return new MagnumCluster(Json.text(n, "uuid"), Json.text(n, "name"), Json.text(n, "status"),
                Json.text(n, "status_reason"), Json.text(n, "stack_id"), strings(n.path("master_addresses")),
                strings(n.path("node_addresses")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    public boolean isDeleting() {
        return "DELETE_FAILED".equals(status) || "DELETE_IN_PROGRESS".equals(status);
    }
}
