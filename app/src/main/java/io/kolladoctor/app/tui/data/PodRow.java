package io.kolladoctor.app.tui.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.kubernetes.KubernetesApi;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One pod of a Kubernetes context the source reaches (Kolla-Kubernetes, Magnum clusters), from the raw
 * {@code PodList} body: the columns {@code kubectl get pods -o wide} prints (ready, status, restarts, node, age)
 * and, for its detail, each container's state with its last termination message, and the pod's conditions.
 */
public record PodRow(String context, String namespace, String name, int ready, int containers, String status,
                     int restarts, String node, String age, List<String> podIps, List<Container> containerStates,
                     List<String> conditions, int trouble) {

    /** One container of the pod: {@code main: waiting CrashLoopBackOff, …} and its last termination message. */
    public record Container(String name, String state, String lastMessage) {
    }

    public PodRow {
        podIps = List.copyOf(podIps);
        containerStates = List.copyOf(containerStates);
        conditions = List.copyOf(conditions);
    }

    public String readyText() {
        return ready + "/" + containers;
    }

    /** Every pod of every context and namespace of the source's topology, troubled ones first. */
    public static Section<PodRow> load(Facts facts, SecretMasker masker) {
        Map<String, List<String>> contexts = facts.source().topology().kubernetes();
        if (contexts.isEmpty()) {
            return Section.failed("this source reaches no Kubernetes context");
        }
        List<PodRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Instant now = facts.asOf();
        contexts.forEach((context, namespaces) -> {
            for (String namespace : namespaces) {
                try {
                    JsonNode list = facts.get(KubernetesApi.raw(context, namespace, "pods"));
                    for (JsonNode pod : list.path("items")) {
                        rows.add(of(context, pod, now, masker));
                    }
                } catch (FactUnavailableException e) {
                    problems.add(context + "/" + namespace + ": " + masker.mask(e.getMessage()));
                }
            }
        });
        rows.sort(Comparator.comparingInt((PodRow p) -> -p.trouble()).thenComparing(PodRow::context)
                .thenComparing(PodRow::namespace).thenComparing(PodRow::name));
        return Section.of(rows, problems);
    }

    static PodRow of(String context, JsonNode pod, Instant now, SecretMasker masker) {
        JsonNode meta = pod.path("metadata");
        JsonNode status = pod.path("status");
        String reason = text(status, "reason") != null ? text(status, "reason") : text(status, "phase");
        int ready = 0;
        int restarts = 0;
        List<Container> containers = new ArrayList<>();
        JsonNode statuses = status.path("containerStatuses");
        for (JsonNode cs : statuses) {
            if (cs.path("ready").asBoolean(false)) {
                ready++;
            }
            restarts += cs.path("restartCount").asInt(0);
            JsonNode waiting = cs.path("state").path("waiting");
            JsonNode terminated = cs.path("state").path("terminated");
            if (text(waiting, "reason") != null) {
                reason = text(waiting, "reason");
            } else if (terminated.isObject()) {
                reason = text(terminated, "reason") != null ? text(terminated, "reason")
                        : "ExitCode:" + terminated.path("exitCode").asInt();
            }
            containers.add(container(cs, masker));
        }
        if (text(meta, "deletionTimestamp") != null) {
            reason = "Terminating";
        }
        int total = Math.max(statuses.size(), pod.path("spec").path("containers").size());
        List<String> conditions = new ArrayList<>();
        for (JsonNode c : status.path("conditions")) {
            String line = text(c, "type") + "=" + text(c, "status");
            if (text(c, "reason") != null) {
                line += " (" + text(c, "reason") + (text(c, "message") == null ? "" : ": " + text(c, "message")) + ")";
            }
            conditions.add(masker.mask(line));
        }
        List<String> ips = new ArrayList<>();
        status.path("podIPs").forEach(ip -> ips.add(ip.path("ip").asText()));
        if (ips.isEmpty() && text(status, "podIP") != null) {
            ips.add(text(status, "podIP"));
        }
        String shown = reason == null ? "Unknown" : reason;
        boolean fine = ("Running".equals(shown) && ready == total) || "Succeeded".equals(shown) || "Completed".equals(shown);
        int trouble = fine ? (restarts > 0 ? 1 : 0) : 2;
        return new PodRow(context, text(meta, "namespace"), text(meta, "name"), ready, total, shown, restarts,
                text(pod.path("spec"), "nodeName"), Age.between(Age.parse(text(meta, "creationTimestamp")), now),
                ips, containers, conditions, trouble);
    }

    private static Container container(JsonNode cs, SecretMasker masker) {
        StringBuilder state = new StringBuilder();
        for (String s : List.of("running", "waiting", "terminated")) {
            JsonNode node = cs.path("state").path(s);
            if (node.isObject()) {
                state.append(s);
                if (text(node, "reason") != null) {
                    state.append(' ').append(text(node, "reason"));
                }
            }
        }
        state.append(cs.path("ready").asBoolean(false) ? ", ready" : ", not ready")
                .append(", ").append(cs.path("restartCount").asInt(0)).append(" restarts");
        JsonNode last = cs.path("lastState").path("terminated");
        if (last.isObject()) {
            state.append(", last terminated ").append(text(last, "reason") == null ? "" : text(last, "reason"))
                    .append(last.has("exitCode") ? " (exit " + last.path("exitCode").asInt() + ")" : "");
        }
        String message = text(last, "message");
        return new Container(text(cs, "name"), masker.mask(state.toString()), message == null ? null : masker.mask(message.strip()));
    }

    /**
     * The events about a pod ({@code kubectl describe}'s last section) from the namespace's event list, oldest
     * first; one line saying why when the list cannot be had.
     */
    public static List<String> events(Facts facts, SecretMasker masker, PodRow pod) {
        List<String> lines = new ArrayList<>();
        try {
            JsonNode list = facts.get(KubernetesApi.raw(pod.context(), pod.namespace(), "events"));
            for (JsonNode e : list.path("items")) {
                if (!pod.name().equals(text(e.path("involvedObject"), "name"))) {
                    continue;
                }
                String when = text(e, "lastTimestamp") != null ? text(e, "lastTimestamp") : text(e, "eventTime");
                int count = e.path("count").asInt(1);
                lines.add(masker.mask((when == null ? "" : when + "  ") + text(e, "type") + "  " + text(e, "reason")
                        + (count > 1 ? " (x" + count + ")" : "") + "  " + text(e, "message")));
            }
        } catch (FactUnavailableException e) {
            lines.add("events: " + masker.mask(e.getMessage()));
        }
        return lines;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
