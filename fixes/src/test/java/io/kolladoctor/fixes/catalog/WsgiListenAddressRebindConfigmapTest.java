package io.kolladoctor.fixes.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.catalog.WsgiListenAddress;
import io.kolladoctor.checks.sweep.Sweep;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A3 ConfigMap fix's plan on the check's own fixtures (checks/src/test/resources/fixtures/wsgi.listen-address),
 * and the JSON patch it sends. Its run against an API server is tested end to end in app's FixKubernetesTest.
 */
class WsgiListenAddressRebindConfigmapTest {

    static final Path FIXTURES = CheckFixtures.ROOT;
    static final String PODS = "kubernetes/kolla-k8s/kolla/pods.json";

    @TempDir
    Path tmp;

    static Facts facts(String caseName, Path overlay) throws Exception {
        return CheckFixtures.facts("wsgi.listen-address", caseName, overlay);
    }

    static List<Optional<Plan>> plans(Facts facts) throws Exception {
        List<Optional<Plan>> plans = new ArrayList<>();
        for (Finding f : new Sweep(Duration.ofSeconds(20)).run(facts, List.of(new WsgiListenAddress())).findings()) {
            if (f.status() == Status.FAIL && "configmap-key".equals(f.subject().kind())) {
                plans.add(new WsgiListenAddressRebindConfigmap().plan(f, facts));
            }
        }
        return plans;
    }

    static List<String> shown(Plan plan) {
        return plan.steps().stream().map(s -> s.operation().display()).toList();
    }

    @Test
    void aServiceNameInListenBecomesTheWildcardAndTheMountingPodsAreRestarted() throws Exception {
        List<Optional<Plan>> plans = plans(facts("kubernetes-service-name", null));
        assertThat(plans).hasSize(1);
        Plan plan = plans.getFirst().orElseThrow();
        assertThat(plan.steps().getFirst().purpose()).contains("→ Listen 0.0.0.0:");
        assertThat(shown(plan)).anyMatch(d -> d.startsWith("kubernetes kolla-k8s: PATCH /api/v1/namespaces/kolla/configmaps/"))
                .anyMatch(d -> d.startsWith("kubernetes kolla-k8s: DELETE /api/v1/namespaces/kolla/pods/"))
                .anyMatch(d -> d.contains("wait until 1 new pod(s) mounting ConfigMap"));
        Operation.KubeRequest patch = (Operation.KubeRequest) plan.steps().getFirst().operation();
        JsonNode body = new ObjectMapper().readTree(patch.body());
        assertThat(body.get(1).get("value").asText()).contains("Listen 0.0.0.0:").doesNotContainPattern("(?m)^Listen [a-z]");
    }

    @Test
    void aBarePodIsNotDeletedAndThePlanSaysSo() throws Exception {
        Path overlay = tmp.resolve("overlay");
        ObjectMapper json = new ObjectMapper();
        ObjectNode pods = (ObjectNode) json.readTree(FIXTURES.resolve("wsgi.listen-address/kubernetes-service-name/" + PODS).toFile());
        pods.get("items").forEach(p -> ((ObjectNode) p.get("metadata")).remove("ownerReferences"));
        Files.createDirectories(overlay.resolve(PODS).getParent());
        json.writeValue(overlay.resolve(PODS).toFile(), pods);
        Plan plan = plans(facts("kubernetes-service-name", overlay)).getFirst().orElseThrow();
        assertThat(shown(plan)).noneMatch(d -> d.contains("DELETE")).noneMatch(d -> d.contains("wait until"));
        assertThat(plan.notes()).anyMatch(n -> n.contains("has no controller: deleting it would lose it"))
                .anyMatch(n -> n.contains("Apache reads the new Listen only when it starts"));
    }

    @Test
    void nothingToPlanWhereTheCheckPasses() throws Exception {
        assertThat(plans(facts("ok", null))).isEmpty();
    }

    @Test
    void testThenReplaceOfOneKeyWithThePointerEscaped() throws Exception {
        JsonNode patch = new ObjectMapper().readTree(WsgiListenAddressRebindConfigmap.jsonPatch("a/b~c.conf",
                "Listen x:1\n\"q\"\n", "Listen 0.0.0.0:1\n\"q\"\n"));
        assertThat(patch).hasSize(2);
        assertThat(patch.get(0).get("op").asText()).isEqualTo("test");
        assertThat(patch.get(0).get("path").asText()).isEqualTo("/data/a~1b~0c.conf");
        assertThat(patch.get(0).get("value").asText()).isEqualTo("Listen x:1\n\"q\"\n");
        assertThat(patch.get(1).get("op").asText()).isEqualTo("replace");
        assertThat(patch.get(1).get("value").asText()).isEqualTo("Listen 0.0.0.0:1\n\"q\"\n");
    }
}
