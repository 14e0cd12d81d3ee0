package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kolla-doctor fix} on the lab, for each headline failure that has a fix (A2-A6): lab/break makes it real; without
 * {@code --arm} the plan is printed, names the subject, and nothing changes (the check still fails, no audit line);
 * with {@code --arm} the plan runs, the check passes, and the audit log holds every step. lab/heal afterwards only
 * clears the lab's own record of the break (it finds nothing left to undo).
 */
class LabFixIT {

    static LabLive lab;

    @BeforeAll
    static void lab() {
        lab = LabLive.require();
    }

    static Stream<Arguments> fixable() {
        return Stream.of(
                Arguments.of("A2", "keystone.service-project-membership", "aodh", null),
                Arguments.of("A3", "wsgi.listen-address", "ctl01:/etc/kolla/aodh-api/wsgi-aodh.conf", null),
                Arguments.of("A4", "ceph.osd-bootstrap-labels", "stor01/loop", "from-plan"),
                Arguments.of("A6", "containers.exited", "ctl01/nova_scheduler", null),
                Arguments.of("A5", "neutron.stale-floating-ips", "floating IP", "from-plan"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixable")
    void dryRunChangesNothingAndArmedFixHealsWithAnAuditTrail(String id, String check, String subject, String confirm,
                                                              @TempDir Path tmp) throws Exception {
        Path audit = tmp.resolve("audit.jsonl");
        try {
            lab.run("break", id); // inside: a break that fails half-way is healed too
            Cli dry = Cli.run(lab.args("fix", check, "--audit-log", audit.toString()));
            assertThat(dry.exit()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("Plan " + check).contains(subject).contains("Dry run: nothing was changed");
            assertThat(audit).doesNotExist();
            assertThat(LabLive.findings(lab.check("--only", check), check, "FAIL")).as("still broken after the dry run")
                    .isNotEmpty();

            List<String> armed = new ArrayList<>(List.of("fix", check, "--arm", "--yes", "--audit-log", audit.toString()));
            if (confirm != null) {
                armed.addAll(List.of("--confirm", String.join(",", destructiveSubjects(dry.out()))));
            }
            Cli fix = Cli.run(lab.args(armed.getFirst(), armed.subList(1, armed.size()).toArray(String[]::new)));
            assertThat(fix.out()).as(fix.out() + fix.err()).contains("VERIFIED");
            assertThat(LabLive.findings(lab.check("--only", check), check, "FAIL")).as("FAIL after the armed fix").isEmpty();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(audit)) {
                lines.add(Json.parse(line));
            }
            assertThat(lines).extracting(j -> j.path("event").asText()).contains("confirmed", "step", "verified");
            assertThat(lines).filteredOn(j -> j.path("event").asText().equals("step"))
                    .allSatisfy(j -> assertThat(j.path("result").asText()).isEqualTo("done"));
            assertThat(lines.getLast().path("result").asText()).isEqualTo("healed");
        } finally {
            lab.run("heal", id);
        }
    }

    /** What the destructive plans ask to be typed back: "(type 'X' to confirm)" in each plan's header. */
    private static List<String> destructiveSubjects(String plans) {
        List<String> subjects = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(type '([^']+)' to confirm\\)").matcher(plans);
        while (m.find()) {
            subjects.add(m.group(1));
        }
        assertThat(subjects).as("destructive plans in:\n" + plans).isNotEmpty();
        return subjects;
    }
}
