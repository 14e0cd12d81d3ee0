package io.kolladoctor.fixes.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.catalog.HeatRegionNull;
import io.kolladoctor.checks.sweep.Sweep;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.IniConfig;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.live.host.HostFetcher.CommandResult;
import io.kolladoctor.deployment.live.openstack.CloudFetcher.ApiResult;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.AuditLog;
import io.kolladoctor.fixes.DeployHost;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.PlanRunner;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A1 fix's plan, built from the check's own fixtures (checks/src/test/resources/fixtures/heat.region-null, over
 * _base) with the deploy host's Kolla directory in a temporary directory: which steps for an override absent, present
 * or already right, with and without kolla-ansible, on a snapshot; and the plan run through the real PlanRunner.
 */
class HeatRegionNullSetRegionTest {

    static final Path FIXTURES = CheckFixtures.ROOT;
    static final String NODE = "k8s-prod-4xkq2ma3jz7n-master-0";
    static final String RENDERED = "/etc/kolla/heat-engine/heat.conf";

    @TempDir
    Path tmp;

    /** A fixture case of the check, with files of {@code overlay} (a snapshot tree) over it. */
    Facts facts(String caseName, Path overlay) throws Exception {
        return CheckFixtures.facts("heat.region-null", caseName, overlay);
    }

    /** node-region-null (a node of k8s-prod with region null) before the controller was fixed. */
    Facts controllerUnsetWithNullNode() throws Exception {
        Path overlay = tmp.resolve("overlay");
        Path conf = overlay.resolve("hosts/ctl1/files" + RENDERED);
        Files.createDirectories(conf.getParent());
        Files.copy(FIXTURES.resolve("heat.region-null/controller-unset/hosts/ctl1/files" + RENDERED), conf);
        return facts("node-region-null", overlay);
    }

    DeployHost here(boolean kollaAnsible) throws IOException {
        Path kolla = Files.createDirectories(tmp.resolve("kolla"));
        Path inventory = Files.writeString(kolla.resolve("multinode"), "[control]\nctl1\n");
        Path bin = Files.createDirectories(tmp.resolve("venv/bin"));
        Path ka = bin.resolve("kolla-ansible");
        if (kollaAnsible) {
            Files.writeString(ka, "#!/bin/sh\n");
            ka.toFile().setExecutable(true);
        }
        return new DeployHost(true, kolla, Optional.of(inventory), DeployHost.onPath("kolla-ansible", "/nonexistent:" + bin));
    }

    static List<Finding> check(Facts facts) {
        return new Sweep(Duration.ofSeconds(20)).run(facts, List.of(new HeatRegionNull())).findings();
    }

    static Finding engine(List<Finding> findings) {
        return findings.stream().filter(f -> Fixes.subjectOf(f).equals("heat-engine")).findFirst().orElseThrow();
    }

    static List<String> shown(Plan plan) {
        return plan.steps().stream().map(s -> s.operation().display()).toList();
    }

    Path override() {
        return tmp.resolve("kolla/config/heat.conf");
    }

    @Test
    void noOverrideNoKollaAnsibleSetsTheOverrideAndHeatEngineAndNamesTheClusterToRecreate() throws Exception {
        Facts facts = controllerUnsetWithNullNode();
        List<Finding> findings = check(facts);
        Fix fix = new HeatRegionNullSetRegion(f -> uncheckedHere(false));
        assertThat(engine(findings).status()).isEqualTo(Status.FAIL);
        Plan plan = fix.plan(engine(findings), facts).orElseThrow();

        assertThat(plan.subject()).isEqualTo("heat-engine");
        assertThat(plan.risk()).isEqualTo(Risk.DISRUPTIVE);
        assertThat(plan.steps()).extracting(Step::risk)
                .containsExactly(Risk.SAFE, Risk.DISRUPTIVE, Risk.DISRUPTIVE, Risk.SAFE);
        assertThat(plan.steps().get(0).purpose()).startsWith("create the Kolla override " + override());
        assertThat(plan.steps().get(0).operation()).isEqualTo(new Operation.LocalIniMerge(override().toString(),
                "DEFAULT", java.util.Map.of("region_name_for_services", "RegionOne")));
        assertThat(plan.steps().get(0).undo()).isEqualTo("rm " + override());
        assertThat(shown(plan).get(1)).startsWith("ctl1: sed -i.kolla-doctor.bak").endsWith(RENDERED);
        assertThat(shown(plan).get(2)).isEqualTo("ctl1: docker restart heat_engine");
        assertThat(plan.steps().get(3).operation()).isInstanceOf(Operation.WaitUntilHealed.class);
        assertThat(plan.steps()).noneMatch(s -> s.operation() instanceof Operation.LocalCommand);
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("kolla-ansible is not on this machine's PATH")
                .endsWith("kolla-ansible -i " + tmp.resolve("kolla/multinode") + " --configdir " + tmp.resolve("kolla")
                        + " reconfigure -t heat"));
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("cannot heal")
                .contains("node " + NODE + " (cluster k8s-prod, CREATE_FAILED)").contains("openstack coe cluster delete"));
        // the node's own FAIL gets no plan: no config heals it
        Finding node = findings.stream().filter(f -> NODE.equals(f.subject().host())).findFirst().orElseThrow();
        assertThat(node.status()).isEqualTo(Status.FAIL);
        assertThat(fix.plan(node, facts)).isEmpty();
    }

    @Test
    void theSedOfThePlanSetsTheOptionInTheRenderedFileKeepingEveryLine() throws Exception {
        assumeThat(DeployHost.onPath("sed", System.getenv("PATH"))).as("sed on this machine").isPresent();
        Facts facts = controllerUnsetWithNullNode();
        Plan plan = new HeatRegionNullSetRegion(f -> uncheckedHere(false)).plan(engine(check(facts)), facts).orElseThrow();
        Operation.HostCommand sed = (Operation.HostCommand) plan.steps().get(1).operation();
        Path conf = tmp.resolve("heat.conf");
        Files.copy(FIXTURES.resolve("heat.region-null/controller-unset/hosts/ctl1/files" + RENDERED), conf);
        List<String> before = Files.readAllLines(conf);
        for (int run = 0; run < 2; run++) { // twice: the same result
            List<String> argv = new ArrayList<>(sed.argv());
            argv.set(argv.size() - 1, conf.toString());
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        }
        List<String> after = Files.readAllLines(conf);
        assertThat(IniConfig.parse(String.join("\n", after)).value("DEFAULT", "region_name_for_services")).contains("RegionOne");
        assertThat(after).hasSize(before.size() + 1).containsAll(before);
        assertThat(after.get(1)).isEqualTo("region_name_for_services = RegionOne");
        assertThat(tmp.resolve("heat.conf.kolla-doctor.bak")).exists();
    }

    @Test
    void kollaAnsibleHereRunsTheReconfigureInsteadOfEditingRenderedFiles() throws Exception {
        Facts facts = controllerUnsetWithNullNode();
        DeployHost deploy = here(true);
        Plan plan = new HeatRegionNullSetRegion(f -> deploy).plan(engine(check(facts)), facts).orElseThrow();
        assertThat(plan.steps()).extracting(s -> s.operation().getClass().getSimpleName())
                .containsExactly("LocalIniMerge", "LocalCommand", "WaitUntilHealed");
        Operation.LocalCommand reconfigure = (Operation.LocalCommand) plan.steps().get(1).operation();
        assertThat(reconfigure.argv()).containsExactly(tmp.resolve("venv/bin/kolla-ansible").toString(), "-i",
                tmp.resolve("kolla/multinode").toString(), "--configdir", tmp.resolve("kolla").toString(),
                "reconfigure", "-t", "heat");
        assertThat(plan.steps().get(1).risk()).isEqualTo(Risk.DISRUPTIVE);
        assertThat(plan.notes()).noneMatch(n -> n.contains("not on this machine's PATH"));
    }

    @Test
    void anOverrideWithOtherOptionsIsAddedToAndOneAlreadyRightIsLeftAlone() throws Exception {
        Facts facts = controllerUnsetWithNullNode();
        DeployHost deploy = here(true);
        Files.createDirectories(override().getParent());
        Files.writeString(override(), "[DEFAULT]\ndebug = True\n\n[heat_api]\nworkers = 2\n");
        Fix fix = new HeatRegionNullSetRegion(f -> deploy);
        Plan present = fix.plan(engine(check(facts)), facts).orElseThrow();
        assertThat(present.steps().getFirst().purpose()).startsWith("add to the Kolla override " + override()
                + ", keeping its other sections and options");
        assertThat(present.steps().getFirst().undo()).isEqualTo("mv " + override() + ".kolla-doctor.bak " + override());

        Files.writeString(override(), "[DEFAULT]\ndebug = True\nregion_name_for_services = RegionOne\n");
        Plan right = fix.plan(engine(check(facts)), facts).orElseThrow();
        assertThat(right.steps()).extracting(s -> s.operation().getClass().getSimpleName())
                .containsExactly("LocalCommand", "WaitUntilHealed");
        assertThat(right.notes()).anySatisfy(n -> assertThat(n).contains("already sets [DEFAULT] region_name_for_services"));

        Files.writeString(override(), "[DEFAULT]\nregion_name_for_services = RegionTwo\n");
        Plan other = fix.plan(engine(check(facts)), facts).orElseThrow();
        assertThat(other.steps().getFirst().purpose()).contains("replace region_name_for_services = RegionTwo");
    }

    @Test
    void aPassingCheckGetsNoPlan() throws Exception {
        Facts facts = facts("ok", null);
        List<Finding> findings = check(facts);
        assertThat(findings).allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.OK));
        Fix fix = new HeatRegionNullSetRegion(f -> uncheckedHere(false));
        for (Finding f : findings) {
            assertThat(fix.plan(f, facts)).isEmpty();
        }
    }

    @Test
    void theWarnBeforeAnyClusterGetsAPlanThatFindsNothingToRecreate() throws Exception {
        Facts facts = facts("controller-unset-no-clusters", null);
        Finding warn = engine(check(facts));
        assertThat(warn.status()).isEqualTo(Status.WARN);
        Plan plan = new HeatRegionNullSetRegion(f -> uncheckedHere(false)).plan(warn, facts).orElseThrow();
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).startsWith("No cluster node with region_name = null"));
    }

    @Test
    void clustersNotReachedAreNamedFromHeatsMetadata() throws Exception {
        Facts facts = facts("controller-unset", null);
        Plan plan = new HeatRegionNullSetRegion(f -> uncheckedHere(false)).plan(engine(check(facts)), facts).orElseThrow();
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("server kube-master (cluster k8s-prod, "
                + "CREATE_FAILED, per Heat's metadata)"));
    }

    @Test
    void onASnapshotThePlanSaysWhatItCannotKnow() throws Exception {
        Facts facts = controllerUnsetWithNullNode();
        Plan plan = new HeatRegionNullSetRegion().plan(engine(check(facts)), facts).orElseThrow(); // the real DeployHost::of
        assertThat(plan.steps().getFirst().purpose()).startsWith("merge into the Kolla override /etc/kolla/config/heat.conf"
                + " (not read: these facts were not collected on the deploy host");
        assertThat(shown(plan)).anyMatch(s -> s.startsWith("ctl1: sed"));
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("not from the deploy host (a snapshot)")
                .endsWith(": kolla-ansible -i INVENTORY reconfigure -t heat"));
    }

    @Test
    void nodeCustomConfigFromGlobalsIsWhereTheOverrideGoes() throws Exception {
        Path overlay = tmp.resolve("globals-overlay");
        Files.createDirectories(overlay.resolve("kolla"));
        Files.writeString(overlay.resolve("kolla/globals.yml"), Files.readString(FIXTURES.resolve("_base/kolla/globals.yml"))
                + "\nnode_custom_config: /srv/kolla-overrides\n");
        Facts facts = facts("controller-unset-no-clusters", overlay);
        Plan plan = new HeatRegionNullSetRegion(f -> uncheckedHere(false)).plan(engine(check(facts)), facts).orElseThrow();
        assertThat(((Operation.LocalIniMerge) plan.steps().getFirst().operation()).path())
                .isEqualTo("/srv/kolla-overrides/heat.conf");
    }

    /** The plan through the real runner: the override written here, kolla-ansible run here, the verdict honest. */
    @Test
    void appliedThePlanWritesTheOverrideRunsTheReconfigureAndSaysWhatIsStillWrong() throws Exception {
        Facts facts = controllerUnsetWithNullNode();
        DeployHost deploy = here(true);
        Files.createDirectories(override().getParent());
        Files.writeString(override(), "[heat_api]\nworkers = 2\n");
        Plan plan = new HeatRegionNullSetRegion(f -> deploy).plan(engine(check(facts)), facts).orElseThrow();

        List<String> ran = new ArrayList<>();
        Actions actions = new Actions() {
            @Override
            public CommandResult run(String host, List<String> argv, boolean sudo, Duration timeout) {
                ran.add(host + ": " + String.join(" ", argv));
                return new CommandResult(host, String.join(" ", argv), 0, "", "", "ssh");
            }

            @Override
            public ApiResult call(String method, String serviceType, String path, String jsonBody) {
                throw new AssertionError("no API call expected");
            }

            @Override
            public CommandResult runLocal(List<String> argv, Duration timeout) {
                ran.add("local: " + String.join(" ", argv));
                return new CommandResult("this machine", String.join(" ", argv), 0, "TASK [heat : Restart heat-engine "
                        + "container]\nchanged: [ctl1]\n\nPLAY RECAP ****\nctl1                       : ok=31   changed=3    "
                        + "unreachable=0    failed=0\n", "", "local");
            }
        };
        // after the fix the controller side passes, the node still fails (it keeps its null)
        List<Finding> after = check(facts("node-region-null", null));
        Path log = tmp.resolve("audit.jsonl");
        PlanRunner.Outcome outcome = new PlanRunner(actions, new AuditLog(log, SecretMasker.patterns()), new Yes(),
                checkId -> after).apply(plan);

        assertThat(Files.readString(override())).isEqualTo("[heat_api]\nworkers = 2\n\n[DEFAULT]\n"
                + "region_name_for_services = RegionOne\n");
        assertThat(Files.readString(tmp.resolve("kolla/config/heat.conf.kolla-doctor.bak"))).isEqualTo("[heat_api]\nworkers = 2\n");
        assertThat(ran).containsExactly("local: " + tmp.resolve("venv/bin/kolla-ansible") + " -i " + tmp.resolve("kolla/multinode")
                + " --configdir " + tmp.resolve("kolla") + " reconfigure -t heat");
        assertThat(outcome.healed()).isTrue();
        assertThat(outcome.steps()).extracting(PlanRunner.StepOutcome::detail).element(1).asString()
                .contains("ctl1 : ok=31 changed=3 unreachable=0 failed=0");
        assertThat(outcome.summary()).contains("no longer finds anything wrong with heat-engine")
                .contains("still reports 1 other finding(s): FAIL " + NODE + "/" + NODE);
        List<String> events = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode j = Json.parse(line);
            events.add(j.path("event").asText() + ":" + j.path("result").asText());
        }
        assertThat(events).containsExactly("confirmed:ok", "step:done", "step:done", "step:done", "verified:healed");
    }

    private DeployHost uncheckedHere(boolean kollaAnsible) {
        try {
            return here(kollaAnsible);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class Yes implements PlanRunner.Operator {
        @Override
        public boolean approve(String question) {
            return true;
        }

        @Override
        public String typeBack(Plan plan, String prompt) {
            return plan.confirmation();
        }

        @Override
        public void say(String line) {
        }
    }
}
