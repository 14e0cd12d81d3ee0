package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/** A Neutron router ({@code GET /v2.0/routers}). */
public record Router(String id, String name, String projectId, String status) {
    static Router from(JsonNode n) {
        return new Router(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "project_id"), Json.text(n, "status"));
    }
}
