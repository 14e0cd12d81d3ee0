package io.kolladoctor.checks.catalog;

import static io.kolladoctor.checks.FindingAssertions.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Fixtures;
import io.kolladoctor.checks.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainersExitedTest {

    private static List<Finding> run(String caseName) {
        return Fixtures.run(new ContainersExited(), caseName);
    }

    @Test
    void exitedSchedulerFailsWithStateApiAndLogEvidence() {
        Finding f = only(run("exited-scheduler"), Status.FAIL);
        assertThat(f.subject().host()).isEqualTo("ctl1");
        assertThat(f.subject().name()).isEqualTo("nova_scheduler");
        assertThat(f.summary()).contains("exited (0) 13 hours ago").contains("scheduling");
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.excerpt()).contains("ExitCode=0").contains("FinishedAt=2026-11-19T14:05:12"));
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.excerpt()).contains("state=down"));
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("ctl1:/var/log/kolla/nova/nova-scheduler.log");
            assertThat(e.excerpt()).contains("ECONNREFUSED");
        });
        assertThat(f.fixHint()).contains("docker start");
    }

    @Test
    void healthyHostsAreOkOnePerHost() {
        List<Finding> findings = run("starting"); // keystone health "starting" is not a failure
        assertThat(findings).allMatch(f -> f.status() == Status.OK);
        assertThat(findings).extracting(f -> f.subject().name()).containsExactlyInAnyOrder("ctl1", "cmp1", "stor1");
    }

    @Test
    void unhealthyContainerFailsWithLastProbe() {
        Finding f = only(run("unhealthy"), Status.FAIL);
        assertThat(f.subject().display()).isEqualTo("ctl1/keystone");
        assertThat(f.summary()).contains("unhealthy").contains("failing streak 5");
        assertThat(f.evidence().get(0).location()).isEqualTo("State.Health");
        assertThat(f.evidence().get(0).excerpt()).contains("Connection refused");
    }

    @Test
    void schedulerInsideItsRestartWindowIsOnlyInfo() {
        List<Finding> findings = run("restart-window");
        assertThat(findings).noneMatch(f -> f.status() == Status.FAIL);
        assertThat(only(findings, Status.INFO).summary()).contains("restart window");
    }

    @Test
    void restartLoopFails() {
        Finding f = only(run("restarting"), Status.FAIL);
        assertThat(f.subject().name()).isEqualTo("rabbitmq");
        assertThat(f.summary()).contains("restarting in a loop (57 restarts)");
    }

    @Test
    void exitedContainerOfDisabledServiceIsInfo() {
        List<Finding> findings = run("disabled-service");
        assertThat(findings).noneMatch(f -> f.status() == Status.FAIL);
        Finding f = only(findings, Status.INFO);
        assertThat(f.subject().name()).isEqualTo("magnum_api");
        assertThat(f.summary()).contains("disabled");
    }

    @Test
    void failedOneShotContainerWarns() {
        Finding f = only(run("one-shot"), Status.WARN);
        assertThat(f.subject().name()).isEqualTo("bootstrap_osd_0");
        assertThat(f.summary()).contains("exited with code 1");
    }

    @Test
    void containersThatAreNotKollasAreIgnored() {
        assertThat(run("not-kolla")).noneMatch(f -> f.subject().name().equals("registry")).allMatch(f -> f.status() == Status.OK);
    }

    @Test
    void skipsWhenNoHostRunsKollaContainers() {
        Finding f = only(run("no-containers"), Status.SKIP);
        assertThat(f.summary()).contains("no Kolla containers");
    }

    @Test
    void truncatedListIsAnErrorForThatHostOnly() {
        List<Finding> findings = run("broken-list");
        Finding error = only(findings, Status.ERROR);
        assertThat(error.subject().name()).isEqualTo("ctl1");
        assertThat(error.summary()).contains("truncated JSON").contains("ctl1:docker/containers.json");
        assertThat(findings).filteredOn(f -> f.status() == Status.OK).extracting(f -> f.subject().name())
                .containsExactlyInAnyOrder("cmp1", "stor1");
    }
}
