package io.kolladoctor.checks.catalog;

import static io.kolladoctor.checks.FindingAssertions.only;
import static io.kolladoctor.checks.FindingAssertions.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Fixtures;
import io.kolladoctor.checks.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class WsgiListenAddressTest {

    private static List<Finding> run(String caseName) {
        return Fixtures.run(new WsgiListenAddress(), caseName);
    }

    @Test
    void listenOnOwnAddressesAndWildcardsIsOk() {
        List<Finding> findings = run("ok");
        assertThat(findings).as("%s", findings).allMatch(f -> f.status() == Status.OK);
        assertThat(findings).extracting(f -> f.subject().name())
                .containsExactlyInAnyOrder("ctl1", "kolla-k8s:kolla/aodh-api/wsgi-aodh.conf");
        Finding ctl1 = findings.stream().filter(f -> f.subject().name().equals("ctl1")).findFirst().orElseThrow();
        // keystone (2), horizon, placement, cinder (a host name resolved by getent); not fluentd's wsgi formats nor
        // the override under /etc/kolla/config
        assertThat(ctl1.summary()).startsWith("4 Apache config(s), 5 Listen directive(s)");
    }

    @Test
    void seedListenOnAnAddressTheHostLacksFails() {
        List<Finding> findings = run("host-seed");
        Finding aodh = withStatus(findings, Status.FAIL).stream()
                .filter(f -> f.subject().name().equals("/etc/kolla/aodh-api/wsgi-aodh.conf")).findFirst().orElseThrow();
        assertThat(aodh.subject().host()).isEqualTo("ctl1");
        assertThat(aodh.summary()).contains("Listen 20.0.24.58:8042").contains("20.0.24.58 is not an address of ctl1")
                .contains("AH00072");
        assertThat(aodh.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("ctl1:/etc/kolla/aodh-api/wsgi-aodh.conf");
            assertThat(e.location()).isEqualTo("line 1");
            assertThat(e.excerpt()).isEqualTo("Listen 20.0.24.58:8042");
        });
        assertThat(aodh.evidence()).anySatisfy(e -> assertThat(e.excerpt()).contains("eth0 10.0.0.11/24").contains("eth0 10.0.0.10/32"));
        assertThat(aodh.evidence()).anySatisfy(e -> assertThat(e.excerpt()).contains("State=restarting"));
        assertThat(aodh.fixHint()).contains("api_interface_address");
    }

    @Test
    void nameThatDoesNotResolveOnTheHostFailsAndKeystoneOnItsAddressDoesNot() {
        List<Finding> findings = run("host-seed");
        Finding placement = withStatus(findings, Status.FAIL).stream()
                .filter(f -> f.subject().name().endsWith("placement-api-wsgi.conf")).findFirst().orElseThrow();
        assertThat(placement.summary()).contains("ctl1-api does not resolve on ctl1");
        assertThat(placement.evidence()).extracting(Evidence::source).contains("ctl1: getent ahostsv4 ctl1-api");
        assertThat(withStatus(findings, Status.FAIL)).hasSize(2).noneMatch(f -> f.subject().name().contains("keystone"));
        assertThat(findings).noneMatch(f -> f.status() == Status.ERROR || f.status() == Status.WARN);
    }

    @Test
    void serviceNameInAConfigMapFailsOnItsClusterIp() {
        Finding f = only(run("kubernetes-service-name"), Status.FAIL);
        assertThat(f.subject().name()).isEqualTo("kolla-k8s:kolla/aodh-api/wsgi-aodh.conf");
        assertThat(f.summary()).contains("Listen aodh-api:8042").contains("aodh-api is a Service")
                .contains("ClusterIP 10.233.12.34");
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.source()).contains("configmap kolla/aodh-api key wsgi-aodh.conf");
            assertThat(e.excerpt()).isEqualTo("Listen aodh-api:8042");
        });
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.excerpt()).contains("clusterIP 10.233.12.34"));
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.location()).isEqualTo("items[aodh-api-6b8f9d7c4-xk2lq].status");
            assertThat(e.excerpt()).contains("podIP 10.233.64.17").contains("CrashLoopBackOff").contains("41 restarts")
                    .contains("AH00072: make_sock: could not bind to address 10.233.12.34:8042");
        });
        assertThat(f.fixHint()).contains("0.0.0.0");
    }

    @Test
    void twoVhostsOnOnePortOfAHostWarn() {
        List<Finding> findings = run("duplicate-port");
        assertThat(findings).noneMatch(x -> x.status() == Status.FAIL || x.status() == Status.ERROR);
        Finding w = only(findings, Status.WARN);
        assertThat(w.subject().host()).isEqualTo("ctl1");
        assertThat(w.summary()).contains("port 8042").contains("2 Listen directives");
        assertThat(w.evidence()).extracting(Evidence::source).containsExactlyInAnyOrder(
                "ctl1:/etc/kolla/aodh-api/wsgi-aodh.conf", "ctl1:/etc/kolla/gnocchi-api/wsgi-gnocchi.conf");
    }

    @Test
    void skipsWhenNoHostNorConfigMapHasAnApacheConfig() {
        Finding f = only(run("nothing"), Status.SKIP);
        assertThat(f.summary()).contains("no Apache (wsgi) configuration");
    }

    @Test
    void truncatedIpAddrIsAnErrorNamingTheFile() {
        List<Finding> findings = run("broken-ip-addr");
        Finding e = only(findings, Status.ERROR);
        assertThat(e.subject().name()).isEqualTo("ctl1");
        assertThat(e.summary()).contains("ctl1:commands/ip-addr.json").contains("ip -j addr JSON").contains("truncated JSON");
        assertThat(findings).noneMatch(f -> f.status() == Status.OK || f.status() == Status.FAIL);
    }
}
