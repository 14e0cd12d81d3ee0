package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/** A Keystone v3 user ({@code GET /v3/users}). */
public record KeystoneUser(String id, String name, String domainId, boolean enabled) {
    static KeystoneUser from(JsonNode n) {
        return new KeystoneUser(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "domain_id"), Json.bool(n, "enabled", true));
    }
}
