package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/** A Neutron floating IP ({@code GET /v2.0/floatingips}); {@code portId} null means unassociated. */
public record FloatingIp(String id, String address, String portId, String routerId, String fixedIp, String projectId,
                         String status, String networkId, String description) {
    static FloatingIp from(JsonNode n) {
        return new FloatingIp(Json.text(n, "id"), Json.text(n, "floating_ip_address"), Json.text(n, "port_id"),
                Json.text(n, "router_id"), Json.text(n, "fixed_ip_address"),
                Json.text(n, "project_id") != null ? Json.text(n, "project_id") : Json.text(n, "tenant_id"),
                Json.text(n, "status"), Json.text(n, "floating_network_id"), Json.text(n, "description"));
    }
}
