package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/** An Octavia load balancer ({@code GET /v2/lbaas/loadbalancers}). */
public record LoadBalancer(String id, String name, String description, String vipSubnetId, String vipPortId,
                           String vipAddress, String provisioningStatus, String operatingStatus, String projectId) {
    static LoadBalancer from(JsonNode n) {
        return new LoadBalancer(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "description"),
                Json.text(n, "vip_subnet_id"), Json.text(n, "vip_port_id"), Json.text(n, "vip_address"),
                Json.text(n, "provisioning_status"), Json.text(n, "operating_status"), Json.text(n, "project_id"));
    }
}
