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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kolla-doctor fix} on the lab, for each headline failure that has a fix (A2-A6; A1, whose fix cannot heal the
 * cluster node, in its own test): lab/break makes it real; without
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

    /**
     * A1: the fix sets the controller side, not the node. The lab has no kolla-ansible, so the plan merges the option
     * into the deploy host's override (lab/out/kolla/config/heat.conf), sets it in ctl01's rendered
     * /etc/kolla/heat-engine/heat.conf and restarts heat_engine; the check then passes on heat-engine and still FAILs on
     * the cluster node, which keeps the null Heat gave it (the plan's note says to recreate it; lab/heal does). What the
     * lab cannot show: its heat_engine container mirrors a heat-engine running beside it (lab/README), so the restart
     * does not restart that process; the check reads the file, as on a real host.
     */
    @Test
    void heatRegionNullSetsTheControllerSideAndLeavesTheNodeToRecreate(@TempDir Path tmp) throws Exception {
        String check = "heat.region-null";
        String node = "k8s-lab-master-0";
        Path audit = tmp.resolve("audit.jsonl");
        Path override = lab.out.resolve("kolla/config/heat.conf");
        try {
            Files.deleteIfExists(override); // a run before this one may have left it
            lab.run("break", "A1");
            assertThat(LabLive.findings(lab.check("--only", check), check, "FAIL")).extracting(LabLive::subject)
                    .contains("heat-engine", node + "/" + node);

            Cli dry = Cli.run(lab.args("fix", check, "--audit-log", audit.toString()));
            assertThat(dry.exit()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("Plan heat.region-null/set-region for heat.region-null on heat-engine")
                    .contains("create the Kolla override " + override)
                    .contains("ctl01: sed -i.kolla-doctor.bak").contains("ctl01: docker restart heat_engine")
                    // no kolla-ansible here: the plan must not run it, and prints it for later
                    .contains("kolla-ansible is not on this machine's PATH")
                    .contains("kolla-ansible -i " + lab.out.resolve("kolla/multinode") + " --configdir "
                            + lab.out.resolve("kolla") + " reconfigure -t heat")
                    .doesNotContain("this machine: kolla-ansible")
                    .contains("node " + node).contains("Dry run: nothing was changed");
            assertThat(audit).doesNotExist();
            assertThat(override).doesNotExist();
            assertThat(LabLive.findings(lab.check("--only", check), check, "FAIL")).extracting(LabLive::subject)
                    .as("still broken after the dry run").contains("heat-engine");

            Cli fix = Cli.run(lab.args("fix", check, "--arm", "--yes", "--audit-log", audit.toString()));
            assertThat(fix.out()).as(fix.out() + fix.err()).contains("VERIFIED")
                    .contains("still reports 1 other finding(s): FAIL " + node + "/" + node);
            assertThat(Files.readString(override)).isEqualTo("[DEFAULT]\nregion_name_for_services = RegionOne\n");
            JsonNode after = lab.check("--only", check);
            assertThat(LabLive.findings(after, check, "OK")).extracting(LabLive::subject).contains("heat-engine");
            assertThat(LabLive.findings(after, check, "FAIL")).extracting(LabLive::subject)
                    .as("the node keeps region null: only recreating it heals it").containsExactly(node + "/" + node);

            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(audit)) {
                lines.add(Json.parse(line));
            }
            assertThat(lines).extracting(j -> j.path("event").asText() + ":" + j.path("result").asText())
                    .containsExactly("confirmed:ok", "step:done", "step:done", "step:done", "step:done", "verified:healed");
            assertThat(lines).filteredOn(j -> j.path("event").asText().equals("step"))
                    .extracting(j -> j.path("operation").asText())
                    .satisfiesExactly(
                            op -> assertThat(op).startsWith("this machine: merge into " + override),
                            op -> assertThat(op).startsWith("ctl01: sed -i.kolla-doctor.bak"),
                            op -> assertThat(op).isEqualTo("ctl01: docker restart heat_engine"),
                            op -> assertThat(op).startsWith("re-run the check"));
        } finally {
            lab.run("heal", "A1"); // re-renders heat.conf, restarts Heat, recreates the stack: the node gets its region
            Files.deleteIfExists(override);
            Files.deleteIfExists(Path.of(override + ".kolla-doctor.bak"));
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
