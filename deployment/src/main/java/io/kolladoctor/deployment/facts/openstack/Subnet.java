package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/** A Neutron subnet ({@code GET /v2.0/subnets}). */
public record Subnet(String id, String name, String networkId, String cidr) {
    static Subnet from(JsonNode n) {
        return new Subnet(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "network_id"), Json.text(n, "cidr"));
    }
}
