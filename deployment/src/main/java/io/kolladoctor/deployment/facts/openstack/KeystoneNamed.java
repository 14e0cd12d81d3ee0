package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/** Anything Keystone lists with just an id and a name: roles ({@code GET /v3/roles}), domains ({@code GET /v3/domains}). */
public record KeystoneNamed(String id, String name) {
    static KeystoneNamed from(JsonNode n) {
        return new KeystoneNamed(Json.text(n, "id"), Json.text(n, "name"));
    }
}
