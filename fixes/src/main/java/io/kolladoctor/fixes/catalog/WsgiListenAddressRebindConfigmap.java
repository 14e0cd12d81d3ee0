package io.kolladoctor.fixes.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.ApacheConfig;
import io.kolladoctor.deployment.facts.kubernetes.ConfigMap;
import io.kolladoctor.deployment.facts.kubernetes.KubernetesApi;
import io.kolladoctor.deployment.facts.kubernetes.Pod;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wsgi.listen-address (catalog A3), on Kolla-Kubernetes: the wsgi config lives in a ConfigMap key, and a {@code Listen}
 * on a name or address there is wrong for every pod but, at best, one (a Service name resolves to a ClusterIP no pod
 * holds — seed 000, FAQ 4 — and a pod IP changes with the pod). So every {@code Listen} that is neither a wildcard nor
 * loopback becomes {@code 0.0.0.0:<port>}, in one JSON patch that first tests the key still holds the text the sweep
 * read (a ConfigMap changed since is refused by the API server, not overwritten). Then the pods mounting the ConfigMap
 * are deleted so their controller starts them on the new config — Apache reads it only at start — and the fix waits
 * until as many replacements are Ready. A pod without a controller is not deleted (nothing would bring it back).
 */
public final class WsgiListenAddressRebindConfigmap implements Fix {

    /** The check's subject: {@code <context>:<namespace>/<configmap>/<key>} (a context name may hold ':' or '/'). */
    private static final Pattern SUBJECT = Pattern.compile("(.+):([^:/]+)/([^/]+)/([^/]+)");
    private static final Pattern ENDPOINT = Pattern.compile("(?i)^(\\s*Listen\\s+)(\\S+)(.*)$");

    @Override
    public String id() {
        return "wsgi.listen-address/rebind-configmap";
    }

    @Override
    public String checkId() {
        return "wsgi.listen-address";
    }

    @Override
    public String title() {
        return "Listen on 0.0.0.0 in the ConfigMap, restart the pods that mount it";
    }

    @Override
    public Optional<Plan> plan(Finding finding, Facts facts) throws FactUnavailableException {
        Matcher subject = SUBJECT.matcher(finding.subject().name());
        if (!finding.checkId().equals(checkId()) || finding.status() != Status.FAIL
                || !"configmap-key".equals(finding.subject().kind()) || !subject.matches()) {
            return Optional.empty();
        }
        String context = subject.group(1);
        String ns = subject.group(2);
        String mapName = subject.group(3);
        String key = subject.group(4);
        Optional<String> text = facts.get(KubernetesApi.configMaps(context, ns)).stream()
                .filter(m -> m.name().equals(mapName)).map(ConfigMap::data).map(d -> d.get(key)).filter(t -> t != null)
                .findFirst();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>(text.get().lines().toList());
        List<String> changes = new ArrayList<>();
        for (ApacheConfig.Listen listen : ApacheConfig.parse(text.get()).listens()) {
            if (listen.isWildcard() || isLoopback(listen.address()) || listen.line() > lines.size()) {
                continue;
            }
            Matcher m = ENDPOINT.matcher(lines.get(listen.line() - 1));
            if (m.matches()) {
                String fixed = m.group(1) + "0.0.0.0:" + listen.port() + m.group(3);
                changes.add("line " + listen.line() + ": " + lines.get(listen.line() - 1).strip() + " → " + fixed.strip());
                lines.set(listen.line() - 1, fixed);
            }
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        String fixedText = String.join("\n", lines) + (text.get().endsWith("\n") ? "\n" : "");
        String where = ns + "/" + mapName;
        String basePath = "/api/v1/namespaces/" + encode(ns);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("ConfigMap " + where + " key " + key + ": " + String.join("; ", changes),
                new Operation.KubeRequest(context, "PATCH", basePath + "/configmaps/" + encode(mapName),
                        "application/json-patch+json", jsonPatch(key, text.get(), fixedText),
                        "a JSON patch of data." + key + ", applied only if the key still holds the text the sweep read",
                        Set.of(200, 202)), // kube-apiserver: 200; 202 (accepted, fabric8's mock) is applied too
                Risk.DISRUPTIVE, "put back " + String.join("; ", changes.stream().map(c -> c.replaceFirst(" → .*", "")).toList())));
        List<Pod> mounting = facts.get(KubernetesApi.pods(context, ns)).stream()
                .filter(p -> p.configMaps().contains(mapName)).toList();
        Set<String> restarted = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        for (Pod pod : mounting) {
            if (pod.controller() == null || pod.uid() == null) {
                notes.add("Pod " + pod.name() + " has no controller: deleting it would lose it, so it is not restarted "
                        + "here; recreate it from its manifest once the ConfigMap is fixed.");
                continue;
            }
            restarted.add(pod.uid());
            steps.add(new Step("restart pod " + pod.name() + " (" + pod.controller() + " starts a new one on the fixed config)",
                    new Operation.KubeRequest(context, "DELETE", basePath + "/pods/" + encode(pod.name()), null, null,
                            null, Set.of(200, 202, 404)), Risk.DISRUPTIVE, null));
        }
        if (!restarted.isEmpty()) {
            steps.add(new Step("wait until the new pods are Ready (Apache bound its port)",
                    new Operation.KubeAwaitPods(context, ns, mapName, restarted, Duration.ofSeconds(300)), Risk.SAFE, null));
        } else {
            notes.add("No pod mounting ConfigMap " + where + " was restarted: Apache reads the new Listen only when it starts.");
        }
        steps.add(new Step("re-run the check until the finding is gone", new Operation.WaitUntilHealed(Duration.ofSeconds(60)),
                Risk.SAFE, null));
        notes.add("If this ConfigMap is rendered by a chart or by kolla-kubernetes' templates, correct the source too, "
                + "or the next deploy brings the bad Listen back.");
        return Optional.of(new Plan(id(), checkId(), Fixes.subjectOf(finding), key, steps, notes));
    }

    /** {@code test} then {@code replace} of one data key, in one request: the API server applies both or neither. */
    static String jsonPatch(String key, String expected, String replacement) {
        String pointer = "/data/" + key.replace("~", "~0").replace("/", "~1");
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        patch.addObject().put("op", "test").put("path", pointer).put("value", expected);
        patch.addObject().put("op", "replace").put("path", pointer).put("value", replacement);
        return patch.toString();
    }

    private static boolean isLoopback(String address) {
        return address != null && (address.startsWith("127.") || address.equals("::1") || address.equals("localhost"));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
