package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kolla-doctor check}, live, on the lab: the healthy lab has nothing above INFO; each headline failure made
 * real by lab/break is found as a FAIL on its subject with evidence; lab/heal (what the catalog's fix does) makes
 * it OK again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabCheckIT {

    static LabLive lab;

    @BeforeAll
    static void lab() {
        lab = LabLive.require();
    }

    @Test
    @Order(1)
    void healthyLabHasNothingAboveInfo() throws Exception {
        JsonNode report = lab.check();
        List<String> bad = Stream.of("WARN", "FAIL", "ERROR")
                .flatMap(s -> LabLive.findings(report, null, s).stream())
                .map(f -> f.path("status").asText() + " " + f.path("check").asText() + " " + LabLive.subject(f) + ": "
                        + f.path("summary").asText())
                .toList();
        assertThat(bad).as("findings above INFO on the healthy lab").isEmpty();
        assertThat(LabLive.findings(report, null, "OK")).as("OK findings").isNotEmpty();
    }

    static Stream<Arguments> headline() {
        return Stream.of(
                Arguments.of("A1", "heat.region-null", "k8s-lab-master-0"),
                Arguments.of("A2", "keystone.service-project-membership", "aodh"),
                Arguments.of("A3", "wsgi.listen-address", "ctl01/"),
                Arguments.of("A4", "ceph.osd-bootstrap-labels", "stor01/"),
                Arguments.of("A5", "neutron.stale-floating-ips", ""),
                Arguments.of("A6", "containers.exited", "ctl01/nova_scheduler"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("headline")
    @Order(2)
    void breakIsFoundAndHealClearsIt(String id, String check, String subject) throws Exception {
        try {
            lab.run("break", id); // inside: a break that fails half-way is healed too
            JsonNode broken = lab.check("--only", check);
            List<JsonNode> fails = LabLive.findings(broken, check, "FAIL");
            assertThat(fails).as(id + ": FAIL findings of " + check + " after lab/break").isNotEmpty();
            assertThat(fails).as(id + ": a FAIL on " + subject).anySatisfy(f -> {
                assertThat(LabLive.subject(f)).contains(subject);
                assertThat(f.path("evidence")).as("evidence").isNotEmpty();
            });
        } finally {
            lab.run("heal", id);
        }
        JsonNode healed = lab.check("--only", check);
        assertThat(LabLive.findings(healed, check, "FAIL")).as(id + ": FAIL after lab/heal").isEmpty();
        assertThat(LabLive.findings(healed, check, "ERROR")).as(id + ": ERROR after lab/heal").isEmpty();
        assertThat(LabLive.findings(healed, check, "OK")).as(id + ": OK after lab/heal").isNotEmpty();
    }
}
