package io.kolladoctor.fixes;

import io.kolladoctor.deployment.facts.kubernetes.Pod;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.live.kubernetes.KubeFetcher;
import io.kolladoctor.deployment.parse.MalformedException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Carries out {@link Operation.KubeAwaitPods}: polls the namespace's pods until none of the deleted ones is left (a
 * pod with a finalizer or a grace period lingers as Terminating) and as many replacements mounting the ConfigMap are
 * Ready. Ready is the pod's own verdict — every container ready, so its readiness probe answers — which is the
 * Kubernetes form of the catalog's "the process binds; the port answers".
 */
final class PodsReadyWait {

    record Result(boolean done, String detail) {
    }

    private PodsReadyWait() {
    }

    static Result await(Actions actions, Operation.KubeAwaitPods wait, Duration poll) throws IOException {
        Instant until = Instant.now().plus(wait.timeout());
        String path = "/api/v1/namespaces/" + URLEncoder.encode(wait.namespace(), StandardCharsets.UTF_8) + "/pods";
        String state = "no answer yet";
        while (true) {
            KubeFetcher.Answer answer = actions.kube(wait.context(), "GET", path, null, null);
            if (answer.status() == 200) {
                try {
                    Result result = judge(Pod.listOf(answer.body()), wait);
                    if (result.done()) {
                        return result;
                    }
                    state = result.detail();
                } catch (MalformedException e) {
                    state = "the pod list is not JSON (" + e.getMessage() + ")";
                }
            } else {
                state = "listing pods: HTTP " + answer.status() + ": " + answer.message();
            }
            if (!Instant.now().plus(poll).isBefore(until) || !PlanRunner.pause(poll)) {
                return new Result(false, "after " + wait.timeout().toSeconds() + " s: " + state);
            }
        }
    }

    static Result judge(List<Pod> pods, Operation.KubeAwaitPods wait) {
        List<Pod> mounting = pods.stream().filter(p -> p.configMaps().contains(wait.configMap())).toList();
        List<String> old = mounting.stream().filter(p -> wait.replacedUids().contains(p.uid())).map(Pod::name).toList();
        List<Pod> fresh = mounting.stream().filter(p -> !wait.replacedUids().contains(p.uid())).toList();
        List<String> ready = fresh.stream().filter(Pod::ready).map(Pod::name).toList();
        if (old.isEmpty() && ready.size() >= wait.replacedUids().size()) {
            return new Result(true, ready.size() + " pod(s) Ready: " + String.join(", ", ready));
        }
        return new Result(false, (old.isEmpty() ? "" : "still terminating: " + String.join(", ", old) + "; ")
                + ready.size() + " of " + wait.replacedUids().size() + " replacement(s) Ready"
                + (fresh.size() > ready.size() ? " (not ready: " + String.join(", ", fresh.stream().filter(p -> !p.ready())
                .map(p -> p.name() + " " + p.phase()).toList()) + ")" : ""));
    }
}
