package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fix heat.region-null} on snapshots: the demo (the controller side already fixed, one cluster node still null)
 * has nothing a config change can fix; the demo as it was before the controller was fixed gets the A1 plan.
 */
class FixHeatRegionNullTest {

    @TempDir
    Path dir;

    @Test
    void theDemoHasOnlyANodeNoConfigHeals() {
        Cli r = Cli.run("fix", "heat.region-null", "--dry-run", "--demo");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Nothing to fix");
    }

    @Test
    void theDemoBeforeTheControllerFixGetsThePlanStepByStep() throws IOException {
        Trees.copy(Path.of("src/demo"), dir);
        for (String host : new String[] {"ctl1", "ctl2", "ctl3"}) {
            Path conf = dir.resolve("hosts/" + host + "/files/etc/kolla/heat-engine/heat.conf");
            Files.writeString(conf, Files.readString(conf).replaceAll("(?m)^region_name_for_services = .*\\R", ""));
        }
        Cli r = Cli.run("fix", "heat.region-null", "--dry-run", "--snapshot", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Plan heat.region-null/set-region for heat.region-null on heat-engine — risk DISRUPTIVE")
                .contains("1. [SAFE] merge into the Kolla override /etc/kolla/config/heat.conf")
                .contains("this machine: merge into /etc/kolla/config/heat.conf: [DEFAULT] region_name_for_services = "
                        + "RegionOne (every other line kept")
                .contains("ctl2: sed -i.kolla-doctor.bak")
                .contains("ctl3: docker restart heat_engine")
                .contains("kolla-ansible -i INVENTORY reconfigure -t heat")
                .contains("node k8s-prod-4xkq2ma3jz7n-master-0 (cluster k8s-prod, CREATE_FAILED)")
                .contains("Dry run: nothing was changed");
        // the secrets of the rendered files never reach the plan
        assertThat(r.out()).doesNotContain("transport_url");
    }

    @Test
    void theRunbookOffersTheFixOnHeatEnginesWarnBeforeAnyClusterExists() throws IOException {
        // the check's fixture: heat-engine without region_name_for_services, no Magnum cluster yet -> WARN
        Path fixtures = Path.of("../checks/src/test/resources/fixtures");
        Trees.copy(fixtures.resolve("_base"), dir);
        Trees.copy(fixtures.resolve("heat.region-null/controller-unset-no-clusters"), dir);
        Cli check = Cli.run("check", "--snapshot", dir.toString(), "--only", "heat.region-null");
        assertThat(check.out()).contains("WARN").doesNotContain("FAIL ");
        Cli r = Cli.run("playbook", "run", "heat-region-null", "--snapshot", dir.toString());
        assertThat(r.out()).as(r.err())
                .contains("Plan heat.region-null/set-region for heat.region-null on heat-engine")
                .doesNotContain("no plan for: WARN");
    }
}
