package io.kolladoctor.app.tui.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.checks.sweep.Sweep;
import io.kolladoctor.checks.sweep.SweepResult;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.ContainerHealth;
import io.kolladoctor.deployment.facts.host.DockerContainer;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rows the console's views show, built from the demo deployment's facts. */
class ConsoleDataTest {

    private static FactSource demo;
    private static final ExecutorService POOL = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void open() throws Exception {
        demo = Demo.open();
    }

    @AfterAll
    static void close() {
        demo.close();
        POOL.shutdownNow();
    }

    private static Facts facts() {
        return new Facts(demo);
    }

    @Test
    void containersOfEveryHostWithTheExitedSchedulerFirst() {
        Facts facts = facts();
        Section<ContainerRow> s = ContainerRow.load(facts, Deployments.masker(facts), POOL);
        assertThat(s.problems()).isEmpty();
        assertThat(s.rows()).hasSizeGreaterThan(100);
        ContainerRow first = s.rows().get(0);
        assertThat(first.host() + "/" + first.name()).isEqualTo("ctl2/nova_scheduler");
        assertThat(first.stateText()).isEqualTo("exited (0)");
        assertThat(first.since()).isEqualTo("13h");
        assertThat(first.tag()).isEqualTo("rocky");
        assertThat(first.logFile()).isEqualTo("/var/log/kolla/nova/nova-scheduler.log");
        assertThat(s.rows().stream().filter(r -> r.trouble() >= 2)).containsExactly(first);
        assertThat(s.rows().stream().map(ContainerRow::host).distinct())
                .contains("ctl1", "ctl2", "ctl3", "cmp1", "cmp2", "stor1");
    }

    @Test
    void logTailsOfAContainerComeFromItsKollaLogFile() {
        Facts facts = facts();
        List<LogTails.Tail> tails = LogTails.of(facts, Deployments.masker(facts), "ctl2", "/var/log/kolla/nova/nova-scheduler.log");
        assertThat(tails).hasSize(1);
        assertThat(tails.get(0).path()).isEqualTo("ctl2:/var/log/kolla/nova/nova-scheduler.log");
        assertThat(tails.get(0).lines()).anyMatch(l -> l.contains("ECONNREFUSED"));
        List<LogTails.Tail> none = LogTails.of(facts, Deployments.masker(facts), "ctl1", "/var/log/kolla/nova/nova-scheduler.log");
        assertThat(none.get(0).lines()).isEmpty();
        assertThat(none.get(0).problem()).isNotBlank();
    }

    @Test
    void podsWithTheCrashLoopingAodhApiFirstAndItsLastTerminationMessage() {
        Facts facts = facts();
        Section<PodRow> s = PodRow.load(facts, Deployments.masker(facts));
        assertThat(s.rows()).hasSize(4);
        PodRow api = s.rows().get(0);
        assertThat(api.name()).startsWith("aodh-api-");
        assertThat(api.readyText()).isEqualTo("1/2");
        assertThat(api.status()).isEqualTo("CrashLoopBackOff");
        assertThat(api.restarts()).isEqualTo(211);
        assertThat(api.trouble()).isEqualTo(2);
        assertThat(api.containerStates()).anySatisfy(c -> assertThat(c.lastMessage()).contains("AH00072"));
        assertThat(s.rows().subList(1, 4)).allSatisfy(p -> assertThat(p.status()).isEqualTo("Running"));
        assertThat(PodRow.events(facts, Deployments.masker(facts), api)).hasSize(4)
                .last().isEqualTo("2026-11-20T03:11:41Z  Warning  BackOff (x4930)  Back-off restarting failed container");
        assertThat(PodRow.events(facts, Deployments.masker(facts), s.rows().get(1))).isEmpty();
    }

    @Test
    void servicesOfTheFourApisWithTheDownSchedulerFirstAndTheCatalog() {
        Facts facts = facts();
        Section<ServiceRow> s = ServiceRow.load(facts, Deployments.masker(facts));
        ServiceRow first = s.rows().get(0);
        assertThat(first.binary() + "@" + first.host()).isEqualTo("nova-scheduler@ctl2");
        assertThat(first.up()).isFalse();
        assertThat(first.heartbeatAge()).isEqualTo("13h");
        assertThat(s.rows().stream().filter(ServiceRow::trouble)).containsExactly(first);
        assertThat(s.problems()).isEmpty();
        assertThat(s.rows()).extracting(ServiceRow::service).containsSequence("nova", "nova")
                .containsOnly("nova", "neutron", "cinder", "heat");
        assertThat(s.rows().stream().collect(java.util.stream.Collectors.groupingBy(ServiceRow::service,
                java.util.stream.Collectors.counting()))).isEqualTo(Map.of("nova", 11L, "neutron", 14L, "cinder", 5L, "heat", 6L));
        ServiceRow l3 = s.rows().stream().filter(r -> "neutron-l3-agent".equals(r.binary()) && "ctl1".equals(r.host()))
                .findFirst().orElseThrow();
        assertThat(l3.up()).isTrue();
        assertThat(l3.enabled()).isTrue();
        assertThat(l3.heartbeatAge()).isEqualTo("22s");
        assertThat(l3.note()).isEqualTo("L3 agent");
        Section<EndpointRow> catalog = EndpointRow.load(facts, Deployments.masker(facts));
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.rows()).hasSize(36).anySatisfy(e -> {
            assertThat(e.service()).isEqualTo("keystone");
            assertThat(e.iface()).isEqualTo("admin");
            assertThat(e.url()).isEqualTo("http://10.0.0.10:35357");
        });
    }

    @Test
    void clustersWithTheirStacksFailedFirstAndTheFailedResourcesInTheDetail() {
        Facts facts = facts();
        SecretMasker masker = Deployments.masker(facts);
        Section<ClusterRow> s = ClusterRow.load(facts, masker);
        assertThat(s.rows()).extracting(ClusterRow::name).containsExactly("k8s-old", "k8s-prod", "k8s-dev");
        ClusterRow old = s.rows().get(0);
        assertThat(old.status()).isEqualTo("DELETE_FAILED");
        assertThat(old.stackStatus()).isEqualTo("DELETE_FAILED");
        assertThat(old.reason()).contains("required by one or more floating IPs");
        ClusterRow.Detail detail = ClusterRow.detail(facts, masker, old);
        assertThat(detail.failedResources()).anyMatch(r -> r.startsWith("extrouter_inside ") && r.contains("DELETE_FAILED"));
        assertThat(detail.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("stack events: "));
        ClusterRow.Detail prod = ClusterRow.detail(facts, masker, s.rows().get(1));
        assertThat(prod.problems()).isEmpty();
        assertThat(prod.failedResources()).hasSize(3)
                .anyMatch(r -> r.startsWith("enable_cert_manager_api_deployment (OS::Heat::SoftwareDeployment) CREATE_FAILED"));
        assertThat(prod.events()).hasSize(10).first().asString().startsWith("2026-10-28T13:58:02Z  k8s-prod-4xkq2ma3jz7n  CREATE_IN_PROGRESS");
        assertThat(prod.events()).last().asString().contains("CREATE_FAILED: Resource CREATE failed: WaitConditionTimeout");
    }

    @Test
    void alarmsAodhDidNotAnswerAreOneLineSayingWhy() {
        Facts facts = facts();
        Section<AlarmRow> s = AlarmRow.load(facts, Deployments.masker(facts));
        assertThat(s.rows()).isEmpty();
        assertThat(s.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("aodh alarms: ")
                .contains("could not be collected: GET http://10.233.12.34:8042/v2/alarms: Connection refused"));
    }

    @Test
    void theLoadersShareTheSweepsFactsWithoutChangingAnyFinding() {
        Facts shared = facts();
        SecretMasker masker = Deployments.masker(shared);
        // the views read some of the same bytes as other types (pods.json as raw JSON, as Pods, as statuses)
        PodRow.load(shared, masker);
        ServiceRow.load(shared, masker);
        ClusterRow.load(shared, masker);
        ContainerRow.load(shared, masker, POOL);
        SweepResult withViews = new Sweep(Duration.ofSeconds(60)).run(shared, Catalog.all());
        SweepResult alone = new Sweep(Duration.ofSeconds(60)).run(facts(), Catalog.all());
        assertThat(withViews.findings()).extracting(Finding::status).doesNotContain(Status.ERROR);
        assertThat(withViews.findings()).isEqualTo(alone.findings());
        assertThat(withViews.findings().stream().filter(f -> f.status() == Status.FAIL).map(Finding::checkId).distinct())
                .hasSize(6);
    }

    @Test
    void secretsInProbeOutputAndLabelsAreMasked() {
        SecretMasker masker = SecretMasker.patterns().withKnown(List.of("Zr4ke7vQ9mWp"));
        DockerContainer c = new DockerContainer("ctl1", "4f1d2c", "keystone", "kolla/centos-binary-keystone:rocky",
                "running", "Up 2 days (unhealthy)", 0, Instant.parse("2026-11-18T03:00:00Z"), null, 0, "unless-stopped",
                Map.of("kolla_version", "7.0.2", "debug_token", "Zr4ke7vQ9mWp"),
                new ContainerHealth("unhealthy", 3, new ContainerHealth.Probe(Instant.parse("2026-11-20T03:11:00Z"), 1,
                        "curl: (7) http://admin:Zr4ke7vQ9mWp@10.0.0.10:5000 refused\npassword = hunter2hunter2")),
                "ctl1: docker inspect keystone");
        ContainerRow row = ContainerRow.of(c, Instant.parse("2026-11-20T03:12:00Z"), masker);
        assertThat(row.probeOutput()).doesNotContain("Zr4ke7vQ9mWp").doesNotContain("hunter2hunter2")
                .contains(SecretMasker.MASK);
        assertThat(row.labels().get("debug_token")).isEqualTo(SecretMasker.MASK);
        assertThat(row.trouble()).isEqualTo(2);
        assertThat(row.since()).isEqualTo("2d");
    }
}
