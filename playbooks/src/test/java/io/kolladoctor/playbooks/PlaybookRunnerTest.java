package io.kolladoctor.playbooks;

import static io.kolladoctor.playbooks.Fakes.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner on a scripted deployment and operator: flows, arming, confirmation, the journal, and resuming a run that
 * was cut short (the end-to-end kill-and-resume of the real process is the app's PlaybookResumeE2ETest).
 */
class PlaybookRunnerTest {

    @TempDir
    Path dir;

    final Fakes.ScriptedActions actions = new Fakes.ScriptedActions();
    final Fakes.Deployment deployment = new Fakes.Deployment(actions);

    static final Finding NOVA_DOWN = finding("containers.exited", Status.FAIL, "ctl1", "nova_scheduler");
    static final Finding NOVA_UP = finding("containers.exited", Status.OK, "ctl1", "nova_scheduler");

    static Playbook parse(String yaml) {
        Parsed parsed = new PlaybookParser(Vocabulary.standard()).parse(yaml, "test.yaml");
        assertThat(parsed.problems()).isEmpty();
        return parsed.playbook();
    }

    PlaybookRunner runner(Fakes.Operator operator, boolean armed) {
        return runner(operator, armed, false);
    }

    PlaybookRunner runner(Fakes.Operator operator, boolean armed, boolean fresh) {
        return new PlaybookRunner(deployment, operator, new AuditLog(dir.resolve("audit.jsonl"), SecretMasker.patterns()),
                new PlaybookRunner.Settings(armed, dir.resolve("journals"), fresh));
    }

    static final Playbook FLOWS = parse("""
            name: flows
            title: flows
            steps:
              - {id: intro, note: hello}
              - {id: look, check: containers.exited, on_fail: goto probe}
              - {id: skipped-by-goto, note: never shown}
              - {id: probe, command: [echo, hi], host: h1, safe: true}
              - id: pick
                choose: which way?
                options:
                  - {label: back, then: goto intro}
                  - {label: on, then: goto last}
              - {id: not-chosen, note: never shown either}
              - {id: last, note: bye, then: end}
            """);

    @Test
    void followsFlowsAndJournalsEachStep() throws IOException {
        deployment.answer("containers.exited", List.of(NOVA_DOWN));
        Fakes.Operator operator = new Fakes.Operator().choosing(1);

        PlaybookRunner.RunResult result = runner(operator, false).run(FLOWS);

        assertThat(result.end()).isEqualTo(PlaybookRunner.End.COMPLETED);
        assertThat(actions.sent).containsExactly("h1: echo hi");
        assertThat(operator.screen()).contains("1. intro [note]", "FAIL ctl1/nova_scheduler: nova_scheduler is FAIL",
                "$ h1: echo hi", "h1 | out of echo hi", "   → ok: chose: on", "7. last [note]")
                .doesNotContain("never shown");
        JournalState state = JournalState.read(result.journal()).orElseThrow();
        assertThat(state.completed()).containsExactly("intro", "look", "probe", "pick", "last");
        assertThat(state.finished()).isTrue();
        assertThat(Files.readString(result.journal())).contains("\"step\":\"look\",\"result\":\"failed\"")
                .contains("\"step\":\"pick\",\"result\":\"ok\",\"detail\":\"chose: on\",\"next\":\"last\"")
                .contains("\"event\":\"finish\",\"result\":\"completed\"");
    }

    static final Playbook MUTATING = parse("""
            name: mutating
            title: mutating
            steps:
              - {id: start, fix: containers.exited/start, subject: nova}
              - {id: restart, command: [docker, restart, rabbitmq], group: control, sudo: true}
              - {id: look, command: [docker, ps], host: ctl1, safe: true}
            """);

    @Test
    void withoutArmMutatingStepsAreShownAndSkippedAndNothingIsSent() throws IOException {
        deployment.answer("containers.exited", List.of(NOVA_DOWN));
        deployment.groups.put("control", List.of("ctl1", "ctl2"));
        Fakes.Operator operator = new Fakes.Operator();

        PlaybookRunner.RunResult result = runner(operator, false).run(MUTATING);

        assertThat(result.end()).isEqualTo(PlaybookRunner.End.COMPLETED);
        assertThat(result.skippedUnarmed()).isEqualTo(2);
        assertThat(result.summary()).contains("2 step(s) that change things were skipped");
        assertThat(actions.sent).containsExactly("ctl1: docker ps"); // the safe one only
        assertThat(operator.questions).isEmpty();
        assertThat(operator.screen()).contains("Plan containers.exited/start for containers.exited on ctl1/nova_scheduler",
                "ctl1: docker start nova_scheduler", "$ every host of group control: sudo docker restart rabbitmq",
                "not armed (--arm): a command that changes things, on ctl1, ctl2");
        assertThat(dir.resolve("audit.jsonl")).doesNotExist();
    }

    @Test
    void armedCommandNeedsAYesRunsOnEveryHostOfItsGroupAndIsAudited() throws IOException {
        deployment.groups.put("control", List.of("ctl1", "ctl2"));
        Fakes.Operator operator = new Fakes.Operator().approving(true);
        Playbook book = parse("""
                name: cmd
                title: cmd
                steps:
                  - {id: restart, command: [docker, restart, rabbitmq], group: control, sudo: true}
                """);

        PlaybookRunner.RunResult result = runner(operator, true).run(book);

        assertThat(result.end()).isEqualTo(PlaybookRunner.End.COMPLETED);
        assertThat(operator.questions).containsExactly("Run this command on ctl1, ctl2?");
        assertThat(actions.sent).containsExactly("ctl1: sudo docker restart rabbitmq", "ctl2: sudo docker restart rabbitmq");
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("\"fix\":\"playbook:cmd/restart\"", "\"result\":\"done\""));
    }

    @Test
    void declinedCommandStopsWithoutSending() throws IOException {
        deployment.groups.put("control", List.of("ctl1"));
        PlaybookRunner.RunResult result = runner(new Fakes.Operator().approving(false), true).run(MUTATING);

        assertThat(result.end()).isEqualTo(PlaybookRunner.End.STOPPED);
        assertThat(actions.sent).isEmpty();
    }

    @Test
    void unexpectedExitFailsTheStepAndFollowsOnFail() throws IOException {
        actions.exits.put("false", 1);
        Playbook book = parse("""
                name: exits
                title: exits
                steps:
                  - {id: a, command: ["false"], host: h, safe: true, on_fail: goto c}
                  - {id: b, note: skipped}
                  - {id: c, command: ["false"], host: h, safe: true, expect: [0, 2]}
                  - {id: d, note: not reached}
                """);

        PlaybookRunner.RunResult result = runner(new Fakes.Operator(), false).run(book);

        assertThat(result.end()).isEqualTo(PlaybookRunner.End.FAILED);
        assertThat(result.summary()).isEqualTo("failed at step c: failed — h: exit 1 (expected 0 or 2)");
        assertThat(JournalState.read(result.journal()).orElseThrow().completed()).containsExactly("a", "c");
    }

    @Test
    void armedFixGoesThroughThePlanRunnersConfirmation() throws IOException {
        deployment.answer("containers.exited", List.of(NOVA_DOWN));
        Fakes.Operator operator = new Fakes.Operator().approving(false);
        Playbook book = parse("""
                name: fix
                title: fix
                steps:
                  - {id: start, fix: containers.exited/start}
                """);

        PlaybookRunner.RunResult result = runner(operator, true).run(book);

        assertThat(result.end()).isEqualTo(PlaybookRunner.End.STOPPED);
        assertThat(operator.questions).containsExactly("Apply these 2 step(s) to ctl1/nova_scheduler?");
        assertThat(actions.sent).isEmpty();
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"event\":\"refused\"");
    }

    @Test
    void fixWithNothingToFixPasses() throws IOException {
        deployment.answer("containers.exited", List.of(NOVA_UP));
        Playbook book = parse("""
                name: fix
                title: fix
                steps:
                  - {id: start, fix: containers.exited/start}
                """);

        PlaybookRunner.RunResult result = runner(new Fakes.Operator(), true).run(book);

        assertThat(result.end()).isEqualTo(PlaybookRunner.End.COMPLETED);
        assertThat(Files.readString(result.journal())).contains("nothing to fix");
    }

    @Test
    void waitPassesWhenTheCheckDoesOrTimesOut() throws IOException {
        Playbook book = parse("""
                name: waits
                title: waits
                steps:
                  - {id: w, wait: containers.exited, timeout: 2s, interval: 10ms, on_timeout: goto late}
                  - {id: ok, note: in time, then: end}
                  - {id: late, note: too late, then: stop}
                """);
        deployment.answer("containers.exited", List.of(NOVA_DOWN), List.of(NOVA_DOWN), List.of(NOVA_UP));
        Fakes.Operator operator = new Fakes.Operator();

        assertThat(runner(operator, false).run(book).end()).isEqualTo(PlaybookRunner.End.COMPLETED);
        assertThat(deployment.swept).hasSize(3);
        assertThat(operator.screen()).contains("not yet: FAIL ctl1/nova_scheduler").doesNotContain("too late");

        Fakes.Deployment stuck = new Fakes.Deployment(actions).answer("containers.exited", List.of(NOVA_DOWN));
        Playbook quick = parse("""
                name: quick
                title: quick
                steps:
                  - {id: w, wait: containers.exited, timeout: 50ms, interval: 10ms}
                """);
        PlaybookRunner.RunResult result = new PlaybookRunner(stuck, new Fakes.Operator(), null,
                new PlaybookRunner.Settings(false, dir.resolve("j2"), false)).run(quick);
        assertThat(result.end()).isEqualTo(PlaybookRunner.End.FAILED);
        assertThat(result.summary()).startsWith("failed at step w: timed_out — after 50ms still: FAIL ctl1/nova_scheduler");
    }

    @Test
    void aGotoLoopWithoutAQuestionIsStopped() throws IOException {
        deployment.answer("containers.exited", List.of(NOVA_DOWN));
        Playbook book = parse("""
                name: loop
                title: loop
                steps:
                  - {id: again, check: containers.exited, on_fail: goto again}
                """);

        PlaybookRunner.RunResult result = runner(new Fakes.Operator(), false).run(book);

        assertThat(result.end()).isEqualTo(PlaybookRunner.End.STOPPED);
        assertThat(deployment.swept).hasSize(PlaybookRunner.MAX_STEPS);
    }

    static final Playbook RESUMABLE = parse("""
            name: resumable
            title: resumable
            steps:
              - {id: a, note: first}
              - {id: b, command: [touch, /tmp/b], host: h}
              - {id: c, note: third}
              - {id: d, command: [touch, /tmp/d], host: h}
            """);

    /** A journal as a killed process leaves it: a completed, b begun and never ended. */
    Path interruptedAt(Playbook book, int completed, int begun) throws IOException {
        Journal journal = Journal.start(dir.resolve("journals"), book, Instant.parse("2026-11-23T09:00:00Z"));
        for (int i = 0; i < completed; i++) {
            journal.begin(book.steps().get(i));
            journal.end(book.steps().get(i), new StepOutcome(StepOutcome.Result.OK, null, Flow.NEXT),
                    book.steps().get(i + 1).id());
        }
        if (begun >= 0) {
            journal.begin(book.steps().get(begun));
        }
        return journal.file();
    }

    @Test
    void resumesAfterTheLastCompletedStepAndRerunsAnInterruptedNote() throws IOException {
        Path file = interruptedAt(RESUMABLE, 2, 2); // a, b done; c (a note) interrupted
        Fakes.Operator operator = new Fakes.Operator();

        PlaybookRunner.RunResult result = runner(operator, true).run(RESUMABLE);

        assertThat(result.journal()).isEqualTo(file);
        assertThat(result.end()).isEqualTo(PlaybookRunner.End.COMPLETED);
        assertThat(operator.screen()).contains("Resuming run " + result.runId() + " of playbook resumable",
                "completed: a, b", "Step c was interrupted mid-way; it changes nothing, so it runs again.")
                .doesNotContain("1. a [note]", "2. b [command]");
        assertThat(actions.sent).containsExactly("h: touch /tmp/d");
        assertThat(operator.questions).containsExactly("Run this command on h?");
        assertThat(JournalState.read(file).orElseThrow().completed()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void anInterruptedCommandIsPutToTheOperator() throws IOException {
        Path file = interruptedAt(RESUMABLE, 1, 1); // b (a command) interrupted
        Fakes.Operator operator = new Fakes.Operator().approving(false, false);

        PlaybookRunner.RunResult paused = runner(operator, true).run(RESUMABLE);

        assertThat(paused.end()).isEqualTo(PlaybookRunner.End.PAUSED);
        assertThat(operator.questions).containsExactly(
                "Step b (command) was interrupted mid-way and may have partly happened. Run it again?",
                "Skip step b and go on after it?");
        assertThat(actions.sent).isEmpty();
        assertThat(JournalState.read(file).orElseThrow().interrupted()).isEqualTo("b");

        Fakes.Operator second = new Fakes.Operator().approving(false, true, true); // not again; skip it; yes to d
        PlaybookRunner.RunResult done = runner(second, true).run(RESUMABLE);

        assertThat(done.end()).isEqualTo(PlaybookRunner.End.COMPLETED);
        assertThat(actions.sent).containsExactly("h: touch /tmp/d");
        assertThat(Files.readString(file)).contains("\"step\":\"b\",\"result\":\"skipped\",\"detail\":\"interrupted; "
                + "skipped by the operator\",\"next\":\"c\"");

        Fakes.Operator third = new Fakes.Operator();
        interruptedAt(RESUMABLE, 1, 1);
        runner(third.approving(true, true), true).run(RESUMABLE);
        assertThat(actions.sent).containsExactly("h: touch /tmp/d", "h: touch /tmp/b", "h: touch /tmp/d");
    }

    @Test
    void killedBetweenTheLastEndAndTheFinish() throws IOException {
        Path file = interruptedAt(RESUMABLE, 3, -1);
        Journal journal = Journal.resume(JournalState.read(file).orElseThrow());
        journal.begin(RESUMABLE.steps().get(3));
        journal.end(RESUMABLE.steps().get(3), new StepOutcome(StepOutcome.Result.OK, null, Flow.NEXT), null);

        PlaybookRunner.RunResult result = runner(new Fakes.Operator(), true).run(RESUMABLE);

        assertThat(result.end()).isEqualTo(PlaybookRunner.End.COMPLETED);
        assertThat(actions.sent).isEmpty();
        assertThat(JournalState.read(file).orElseThrow().finished()).isTrue();
    }

    @Test
    void freshAbandonsTheUnfinishedRun() throws IOException {
        Path old = interruptedAt(RESUMABLE, 2, -1);

        PlaybookRunner.RunResult result = runner(new Fakes.Operator(), false, true).run(RESUMABLE);

        assertThat(result.journal()).isNotEqualTo(old);
        assertThat(Files.readString(old)).contains("\"result\":\"abandoned\"");
        assertThat(JournalState.read(result.journal()).orElseThrow().completed()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void dryRunShowsStepsAndPlansAndRunsNothing() throws IOException {
        deployment.answer("containers.exited", List.of(NOVA_DOWN));
        deployment.groups.put("control", List.of("ctl1", "ctl2"));
        StringBuilder out = new StringBuilder();

        DryRun.show(MUTATING, deployment, dir.resolve("journals"), line -> out.append(line).append('\n'));

        assertThat(out.toString()).contains("1. start [fix]", "Plan containers.exited/start for containers.exited on "
                        + "ctl1/nova_scheduler — risk DISRUPTIVE", "hosts of group control: ctl1, ctl2",
                "Dry run: nothing was run or changed.");
        assertThat(actions.sent).isEmpty();
        assertThat(dir.resolve("journals")).doesNotExist();
        assertThat(Set.copyOf(deployment.swept)).containsExactly("containers.exited");
    }
}
