package io.kolladoctor.deployment.facts.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code status.containerStatuses[]} entry of a pod: its current state ({@code running}, {@code waiting},
 * {@code terminated}) with the reason ({@code CrashLoopBackOff}), and the last termination (reason, exit code,
 * and the message: with {@code terminationMessagePolicy: FallbackToLogsOnError} the tail of the container's log,
 * e.g. Apache's {@code AH00072: make_sock: could not bind to address …}).
 */
public record ContainerStatus(String namespace, String pod, String container, boolean ready, int restartCount,
                              String state, String reason, String lastReason, Long lastExitCode, String lastMessage) {

    /** Every container status of every pod of a {@code PodList}'s items. */
    static List<ContainerStatus> from(JsonNode pod) {
        String namespace = Json.text(pod.path("metadata"), "namespace");
        String name = Json.text(pod.path("metadata"), "name");
        List<ContainerStatus> statuses = new ArrayList<>();
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            String state = null;
            String reason = null;
            for (String s : List.of("running", "waiting", "terminated")) {
                if (cs.path("state").has(s)) {
                    state = s;
                    reason = Json.text(cs.path("state").path(s), "reason");
                }
            }
            JsonNode last = cs.path("lastState").path("terminated");
            statuses.add(new ContainerStatus(namespace, name, Json.text(cs, "name"), Json.bool(cs, "ready", false),
                    (int) Json.number(cs, "restartCount", 0), state, reason, Json.text(last, "reason"),
                    last.path("exitCode").canConvertToLong() ? last.path("exitCode").asLong() : null,
                    Json.text(last, "message")));
        }
        return statuses;
    }

    /** {@code main: waiting CrashLoopBackOff, 23 restarts, last terminated Error (exit 1)}. */
    public String describe() {
        StringBuilder text = new StringBuilder(container).append(": ").append(state == null ? "unknown state" : state);
        if (reason != null) {
            text.append(' ').append(reason);
        }
        text.append(ready ? ", ready" : ", not ready").append(", ").append(restartCount).append(" restarts");
        if (lastReason != null || lastExitCode != null) {
            text.append(", last terminated ").append(lastReason == null ? "" : lastReason)
                    .append(lastExitCode == null ? "" : " (exit " + lastExitCode + ")");
        }
        return text.toString();
    }
}
