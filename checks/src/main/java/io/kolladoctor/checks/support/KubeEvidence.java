package io.kolladoctor.checks.support;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.deployment.facts.kubernetes.ContainerStatus;
import io.kolladoctor.deployment.facts.kubernetes.Pod;
import java.util.List;
import java.util.stream.Collectors;

/** Evidence about Kubernetes objects, quoted the way {@code kubectl get -o json} shows them. */
public final class KubeEvidence {

    private KubeEvidence() {
    }

    /**
     * A pod's addresses, phase and containers ({@code main: waiting CrashLoopBackOff, not ready, 23 restarts, last
     * terminated Error (exit 1)}), with the last lines of each container's last termination message (its log
     * tail, e.g. AH00072).
     */
    public static Evidence pod(String context, Pod pod, List<ContainerStatus> statuses) {
        String excerpt = "podIP " + String.join(",", pod.podIps()) + ", phase " + pod.phase() + "; " + statuses.stream()
                .filter(s -> s.pod().equals(pod.name()) && (s.namespace() == null || s.namespace().equals(pod.namespace())))
                .map(s -> s.describe() + (s.lastMessage() == null ? "" : ":\n" + tail(s.lastMessage(), 3)))
                .collect(Collectors.joining("; "));
        return Evidence.field("kubernetes(" + context + ") " + pod.namespace() + "/pods.json",
                "items[" + pod.name() + "].status", excerpt);
    }

    private static String tail(String text, int lines) {
        List<String> all = text.strip().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
