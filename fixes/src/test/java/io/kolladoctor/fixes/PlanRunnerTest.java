package io.kolladoctor.fixes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.Subject;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.live.host.HostFetcher.CommandResult;
import io.kolladoctor.deployment.live.openstack.CloudFetcher.ApiResult;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's rules, on scripted hosts and APIs (the real ones are exercised on the lab by the app's FixIT):
 * confirmation by risk, order, stop at the first failure, audit before the next step, verification.
 */
class PlanRunnerTest {

    /** Records what would have been sent; answers with the scripted exit statuses / HTTP statuses. */
    static final class ScriptedActions implements Actions {
        final List<String> sent = new ArrayList<>();
        int exit;
        int status = 204;

        @Override
        public CommandResult run(String host, List<String> argv, boolean sudo, Duration timeout) {
            sent.add(host + ": " + String.join(" ", argv));
            return new CommandResult(host, String.join(" ", argv), exit, "", exit == 0 ? "" : "Error: No such container",
                    "ssh root@" + host);
        }

        @Override
        public ApiResult call(String method, String serviceType, String path, String jsonBody) {
            sent.add(method + " " + serviceType + " " + path);
            return new ApiResult(status, status == 204 ? "" : "{\"error\": \"Conflict password=hunter2hunter\"}", method);
        }
    }

    static final class ScriptedOperator implements PlanRunner.Operator {
        boolean approve = true;
        String typed = "";
        final List<String> said = new ArrayList<>();

        @Override
        public boolean approve(String question) {
            return approve;
        }

        @Override
        public String typeBack(Plan plan, String prompt) {
            return typed;
        }

        @Override
        public void say(String line) {
            said.add(line);
        }
    }

    static final Finding HEALTHY = new Finding("containers.exited", Status.OK, Subject.of("host", "ctl1"), "all running",
            List.of(), null, null);

    static Plan plan(Risk risk) {
        return new Plan("containers.exited/start", "containers.exited", "ctl1/nova_scheduler", "nova_scheduler", List.of(
                new Step("start it", Operation.HostCommand.of("ctl1", Duration.ofSeconds(5), "docker", "start", "nova_scheduler"),
                        risk, "docker stop nova_scheduler"),
                new Step("tell Keystone", new Operation.ApiCall("PUT", "identity", "/projects/p/users/u/roles/r", null,
                        Set.of(204)), Risk.SAFE, null)), List.of());
    }

    static List<JsonNode> audit(Path file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(Json.parse(line));
        }
        return lines;
    }

    @Test
    void aConfirmedPlanRunsInOrderIsAuditedAndVerified(@TempDir Path tmp) throws Exception {
        ScriptedActions actions = new ScriptedActions();
        Path log = tmp.resolve("audit.jsonl");
        PlanRunner runner = new PlanRunner(actions, new AuditLog(log, SecretMasker.patterns()), new ScriptedOperator(),
                check -> List.of(HEALTHY));
        PlanRunner.Outcome outcome = runner.apply(plan(Risk.DISRUPTIVE));
        assertThat(actions.sent).containsExactly("ctl1: docker start nova_scheduler", "PUT identity /projects/p/users/u/roles/r");
        assertThat(outcome.healed()).isTrue();
        assertThat(audit(log)).extracting(j -> j.path("event").asText() + ":" + j.path("result").asText())
                .containsExactly("confirmed:ok", "step:done", "step:done", "verified:healed");
    }

    @Test
    void aDisruptivePlanNotApprovedSendsNothing(@TempDir Path tmp) throws Exception {
        ScriptedActions actions = new ScriptedActions();
        ScriptedOperator operator = new ScriptedOperator();
        operator.approve = false;
        Path log = tmp.resolve("audit.jsonl");
        PlanRunner.Outcome outcome = new PlanRunner(actions, new AuditLog(log, SecretMasker.patterns()), operator,
                check -> List.of(HEALTHY)).apply(plan(Risk.DISRUPTIVE));
        assertThat(actions.sent).isEmpty();
        assertThat(outcome.confirmed()).isFalse();
        assertThat(audit(log)).singleElement().satisfies(j -> assertThat(j.path("event").asText()).isEqualTo("refused"));
    }

    @Test
    void aDestructivePlanNeedsItsSubjectTypedBackExactly(@TempDir Path tmp) throws Exception {
        ScriptedActions actions = new ScriptedActions();
        ScriptedOperator operator = new ScriptedOperator();
        operator.typed = "nova_schedule"; // one letter short
        AuditLog audit = new AuditLog(tmp.resolve("audit.jsonl"), SecretMasker.patterns());
        new PlanRunner(actions, audit, operator, check -> List.of(HEALTHY)).apply(plan(Risk.DESTRUCTIVE));
        assertThat(actions.sent).isEmpty();
        operator.typed = "nova_scheduler";
        new PlanRunner(actions, audit, operator, check -> List.of(HEALTHY)).apply(plan(Risk.DESTRUCTIVE));
        assertThat(actions.sent).hasSize(2);
    }

    @Test
    void aFailedStepStopsThePlanAndSaysWhatWasNotDone(@TempDir Path tmp) throws Exception {
        ScriptedActions actions = new ScriptedActions();
        actions.exit = 1;
        Path log = tmp.resolve("audit.jsonl");
        PlanRunner.Outcome outcome = new PlanRunner(actions, new AuditLog(log, SecretMasker.patterns()),
                new ScriptedOperator(), check -> List.of(HEALTHY)).apply(plan(Risk.SAFE));
        assertThat(actions.sent).containsExactly("ctl1: docker start nova_scheduler");
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.steps()).extracting(PlanRunner.StepOutcome::state)
                .containsExactly(PlanRunner.StepState.FAILED, PlanRunner.StepState.NOT_RUN);
        assertThat(outcome.summary()).contains("0 of 2 steps done");
        assertThat(audit(log)).extracting(j -> j.path("event").asText()).containsExactly("confirmed", "step", "stopped");
        assertThat(audit(log).get(1).path("detail").asText()).contains("exit 1").contains("No such container");
    }

    @Test
    void anApiErrorIsAuditedMasked(@TempDir Path tmp) throws Exception {
        ScriptedActions actions = new ScriptedActions();
        actions.status = 409;
        Path log = tmp.resolve("audit.jsonl");
        new PlanRunner(actions, new AuditLog(log, SecretMasker.patterns()), new ScriptedOperator(),
                check -> List.of(HEALTHY)).apply(plan(Risk.SAFE));
        String text = Files.readString(log);
        assertThat(text).contains("HTTP 409").doesNotContain("hunter2hunter");
    }

    @Test
    void aFindingStillThereOrAnErrorIsNotHealed(@TempDir Path tmp) throws Exception {
        Finding stillFailing = new Finding("containers.exited", Status.FAIL, new Subject("container", "nova_scheduler", "ctl1"),
                "restarting in a loop", List.of(), null, null);
        Finding cannotTell = new Finding("containers.exited", Status.ERROR, Subject.of("host", "ctl1"), "ssh refused",
                List.of(), null, null);
        for (Finding left : List.of(stillFailing, cannotTell)) {
            PlanRunner.Outcome outcome = new PlanRunner(new ScriptedActions(),
                    new AuditLog(tmp.resolve("audit.jsonl"), SecretMasker.patterns()), new ScriptedOperator(),
                    check -> List.of(left)).apply(plan(Risk.SAFE));
            assertThat(outcome.healed()).as(left.summary()).isFalse();
            assertThat(outcome.summary()).contains(left.summary());
        }
    }
}
