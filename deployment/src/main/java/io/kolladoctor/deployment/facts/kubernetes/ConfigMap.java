package io.kolladoctor.deployment.facts.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.util.Map;

/** A ConfigMap of a {@code ConfigMapList}: Kolla-Kubernetes keeps service configs here (e.g. {@code wsgi-aodh.conf}). */
public record ConfigMap(String namespace, String name, Map<String, String> data) {
    static ConfigMap from(JsonNode n) {
        return new ConfigMap(Json.text(n.path("metadata"), "namespace"), Json.text(n.path("metadata"), "name"),
                Map.copyOf(Json.strings(n.path("data")).entrySet().stream()
                        .filter(e -> e.getValue() != null)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }
}
