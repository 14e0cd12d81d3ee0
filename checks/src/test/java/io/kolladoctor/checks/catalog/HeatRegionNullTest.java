package io.kolladoctor.checks.catalog;

import static io.kolladoctor.checks.FindingAssertions.about;
import static io.kolladoctor.checks.FindingAssertions.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Fixtures;
import io.kolladoctor.checks.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatRegionNullTest {

    private static final String PROD_MASTER = "k8s-prod-4xkq2ma3jz7n-master-0";
    private static final String DEV_MASTER = "k8s-dev-q7w2e9r4t1y6-master-0";

    private static List<Finding> run(String caseName) {
        return Fixtures.run(new HeatRegionNull(), caseName);
    }

    @Test
    void regionOnControllerAndNodeIsOk() {
        List<Finding> findings = run("ok");
        assertThat(findings).allMatch(f -> f.status() == Status.OK).hasSize(2);
        Finding engine = about(findings, "heat-engine");
        assertThat(engine.summary()).contains("region RegionOne");
        assertThat(engine.evidence()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("ctl1:/etc/kolla/heat-engine/heat.conf");
            assertThat(e.excerpt()).isEqualTo("region_name_for_services = RegionOne");
        });
        Finding node = about(findings, DEV_MASTER);
        assertThat(node.summary()).contains("k8s-dev (CREATE_COMPLETE)");
        assertThat(node.evidence()).extracting(e -> e.excerpt())
                .containsExactly("[heat] region_name = RegionOne", "\"region_name\": \"RegionOne\"");
    }

    @Test
    void nodeCreatedBeforeTheFixFailsEvenThoughHeatEngineIsFixed() {
        List<Finding> findings = run("node-region-null");
        assertThat(about(findings, "heat-engine").status()).isEqualTo(Status.OK);
        Finding f = only(findings, Status.FAIL);
        assertThat(f.subject().display()).isEqualTo(PROD_MASTER);
        assertThat(f.subject().host()).isEqualTo(PROD_MASTER);
        assertThat(f.summary()).contains("k8s-prod (CREATE_FAILED)").contains("region 'null'").contains("recreating");
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo(PROD_MASTER + ":/etc/os-collect-config.conf");
            assertThat(e.location()).isEqualTo("line 15");
            assertThat(e.excerpt()).isEqualTo("[heat] region_name = null");
        });
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo(PROD_MASTER + ":/var/lib/os-collect-config/heat_local.json");
            assertThat(e.excerpt()).isEqualTo("\"region_name\": null");
        });
        assertThat(f.evidence()).anySatisfy(e -> { // Heat's own copy: still null, so reconfiguring Heat heals nothing
            assertThat(e.source()).contains("orchestration/stacks/6c8e2a4f-1b3d-4e5f-a7c9-0d2e4f6a8b1c/resources/kube-master");
            assertThat(e.excerpt()).isEqualTo("\"region_name\": null");
        });
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.excerpt())
                .contains("CREATE_FAILED").contains("enable_cert_manager_api_deployment"));
        assertThat(f.fixHint()).contains("region_name_for_services").contains("recreate");
        assertThat(f.evidence()).noneSatisfy(e -> assertThat(e.excerpt()).contains("Qw7eR4tY1uI8oP5a"));
    }

    @Test
    void controllerUnsetWhileClustersExistFailsAndJudgesTheUnreachedClusterFromHeat() {
        List<Finding> findings = run("controller-unset");
        assertThat(findings).allMatch(f -> f.status() == Status.FAIL).hasSize(2);
        Finding engine = about(findings, "heat-engine");
        assertThat(engine.summary()).contains("unset in heat.conf on ctl1").contains("expected RegionOne")
                .contains("Magnum clusters exist (k8s-prod)");
        assertThat(engine.evidence()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo("[DEFAULT] line 1");
            assertThat(e.excerpt()).isEqualTo("no region_name_for_services in [DEFAULT]");
        });
        Finding server = about(findings, "9e4b1f7a-3c2d-4a8e-b5f6-1d0c9e8a7b24");
        assertThat(server.summary()).contains("kube-master of cluster k8s-prod");
        assertThat(server.evidence()).singleElement().satisfies(e -> assertThat(e.excerpt()).isEqualTo("\"region_name\": null"));
    }

    @Test
    void controllerUnsetWithoutClustersOnlyWarns() {
        Finding f = only(run("controller-unset-no-clusters"), Status.WARN);
        assertThat(f.subject().display()).isEqualTo("heat-engine");
        assertThat(f.summary()).contains("no Magnum cluster yet").doesNotContain("could not be read");
        assertThat(f.fixHint()).contains("/etc/kolla/config/heat.conf");
    }

    @Test
    void skipsWhenHeatIsDisabled() {
        Finding f = only(run("heat-disabled"), Status.SKIP);
        assertThat(f.summary()).contains("Heat is disabled");
    }

    @Test
    void truncatedHeatLocalIsAnErrorForThatNodeOnly() {
        List<Finding> findings = run("truncated-heat-local");
        Finding error = only(findings, Status.ERROR);
        assertThat(error.subject().display()).isEqualTo(DEV_MASTER);
        assertThat(error.summary()).contains(DEV_MASTER + ":/var/lib/os-collect-config/heat_local.json")
                .contains("truncated JSON");
        assertThat(about(findings, "heat-engine").status()).isEqualTo(Status.OK);
    }
}
