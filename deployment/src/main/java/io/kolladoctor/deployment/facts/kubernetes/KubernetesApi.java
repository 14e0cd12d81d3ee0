package io.kolladoctor.deployment.facts.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.parse.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** List bodies of one Kubernetes context and namespace: {@code kubernetes/<context>/<namespace>/<kind>.json}. */
public final class KubernetesApi {

    private KubernetesApi() {
    }

    public static Fact<List<Pod>> pods(String context, String namespace) {
        return list(context, namespace, "pods", Pod::from);
    }

    public static Fact<List<ConfigMap>> configMaps(String context, String namespace) {
        return list(context, namespace, "configmaps", ConfigMap::from);
    }

    public static Fact<List<KubeService>> services(String context, String namespace) {
        return list(context, namespace, "services", KubeService::from);
    }

    /** The container statuses of every pod (read from the same pods.json): crash loops and last termination messages. */
    public static Fact<List<ContainerStatus>> containerStatuses(String context, String namespace) {
        return Fact.of(FactRequest.kubernetes(context, namespace + "/pods.json"), "Kubernetes pods list (container statuses)", m -> {
            List<ContainerStatus> statuses = new ArrayList<>();
            for (JsonNode node : Json.list(Json.parse(m.text()), "items")) {
                statuses.addAll(ContainerStatus.from(node));
            }
            return List.copyOf(statuses);
        });
    }

    /** Any list body kept as JSON (deployments, jobs, events) for views that display it. */
    public static Fact<JsonNode> raw(String context, String namespace, String kind) {
        // its own type name: sharing list()'s would memoize both views of the same bytes under one key
        return Fact.of(FactRequest.kubernetes(context, namespace + "/" + kind + ".json"), "Kubernetes " + kind + " list (JSON)",
                m -> Json.parse(m.text()));
    }

    static <T> Fact<List<T>> list(String context, String namespace, String kind, Function<JsonNode, T> mapper) {
        return Fact.of(FactRequest.kubernetes(context, namespace + "/" + kind + ".json"), "Kubernetes " + kind + " list", m -> {
            List<T> items = new ArrayList<>();
            for (JsonNode node : Json.list(Json.parse(m.text()), "items")) {
                items.add(mapper.apply(node));
            }
            return List.copyOf(items);
        });
    }
}
