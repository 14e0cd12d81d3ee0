package io.kolladoctor.deployment.facts.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.util.ArrayList;
import java.util.List;

/** A pod of a {@code PodList}: where it runs, its addresses, phase, and the ConfigMaps it mounts. */
public record Pod(String namespace, String name, String nodeName, String phase, List<String> podIps,
                  List<String> configMaps, int restarts, boolean ready) {

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
        return new Pod(Json.text(n.path("metadata"), "namespace"), Json.text(n.path("metadata"), "name"),
                Json.text(n.path("spec"), "nodeName"), Json.text(status, "phase"), List.copyOf(ips), List.copyOf(maps),
                restarts, ready);
    }
}
