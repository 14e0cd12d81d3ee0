package io.kolladoctor.deployment.facts.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/** A Service of a {@code ServiceList}: its name resolves (in-cluster) to {@code clusterIp}, which no pod interface holds. */
public record KubeService(String namespace, String name, String clusterIp, String type) {
    static KubeService from(JsonNode n) {
        return new KubeService(Json.text(n.path("metadata"), "namespace"), Json.text(n.path("metadata"), "name"),
                Json.text(n.path("spec"), "clusterIP"), Json.text(n.path("spec"), "type"));
    }
}
