package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/** A Keystone v3 project ({@code GET /v3/projects}). */
public record KeystoneProject(String id, String name, String domainId) {
    static KeystoneProject from(JsonNode n) {
        return new KeystoneProject(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "domain_id"));
    }
}
