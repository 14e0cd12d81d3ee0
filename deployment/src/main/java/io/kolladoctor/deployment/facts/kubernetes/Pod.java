package io.kolladoctor.deployment.facts.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.parse.MalformedException;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod of a {@code PodList}: where it runs, its addresses, phase, the ConfigMaps it mounts, its uid (a StatefulSet's
 * pod comes back under the same name, never the same uid) and its controller ({@code ReplicaSet/aodh-api-6b8f9d7c4};
 * null for a bare pod, which nothing recreates once deleted).
 */
public record Pod(String namespace, String name, String nodeName, String phase, List<String> podIps,
                  List<String> configMaps, int restarts, boolean ready, String uid, String controller) {

    /** The items of a {@code PodList} body. */
    public static List<Pod> listOf(String body) throws MalformedException {
        List<Pod> pods = new ArrayList<>();
        for (JsonNode node : Json.list(Json.parse(body), "items")) {
            pods.add(from(node));
        }
        return List.copyOf(pods);
    }

    static Pod from(JsonNode n) {
        JsonNode status = n.path("status");
        List<String> ips = new ArrayList<>();
        status.path("podIPs").forEach(ip -> ips.add(Json.text(ip, "ip")));
        if (ips.isEmpty() && Json.text(status, "podIP") != null) {
            ips.add(Json.text(status, "podIP"));
        }
        List<String> maps = new ArrayList<>();
        n.path("spec").path("volumes").forEach(v -> {
            String cm = Json.text(v.path("configMap"), "name");
            if (cm != null) {
                maps.add(cm);
            }
        });
        int restarts = 0;
        boolean ready = status.path("containerStatuses").size() > 0;
        for (JsonNode cs : status.path("containerStatuses")) {
            restarts += (int) Json.number(cs, "restartCount", 0);
            ready &= Json.bool(cs, "ready", false);
        }
        String controller = null;
        for (JsonNode owner : n.path("metadata").path("ownerReferences")) {
            if (Json.bool(owner, "controller", false)) {
                controller = Json.text(owner, "kind") + "/" + Json.text(owner, "name");
            }
        }
        return new Pod(Json.text(n.path("metadata"), "namespace"), Json.text(n.path("metadata"), "name"),
                Json.text(n.path("spec"), "nodeName"), Json.text(status, "phase"), List.copyOf(ips), List.copyOf(maps),
                restarts, ready, Json.text(n.path("metadata"), "uid"), controller);
    }
}
