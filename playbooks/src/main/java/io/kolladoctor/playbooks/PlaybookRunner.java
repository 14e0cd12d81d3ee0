package io.kolladoctor.playbooks;

import io.kolladoctor.fixes.AuditLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs a playbook step by step, following its flows, with a {@link Journal}: every step is announced before it runs
 * and its outcome recorded after, on disk, so a run cut short (killed, a lost SSH session, a reboot the playbook
 * asked for) is resumed by the next {@code run} of the same playbook after the last completed step. A step that had
 * begun and not ended is run again only when it changes nothing (note, check, wait, a safe command, a question);
 * a fix or a command that may have half-happened is put to the operator.
 */
public final class PlaybookRunner {

    /** A guard against a goto loop with no question in it: no run executes more steps than this. */
    static final int MAX_STEPS = 500;

    /** {@code fresh}: ignore an unfinished run of this playbook (it is marked abandoned) and start anew. */
    public record Settings(boolean armed, Path journalDir, boolean fresh) {
    }

    public enum End {
        /** Ran to its last step (or a flow ended it without a failure). */
        COMPLETED,
        /** A step's flow said stop, or the operator declined. */
        STOPPED,
        /** Stopped on a step that failed or timed out. */
        FAILED,
        /** Left unfinished (an interrupted step the operator wants to look at first): the next run resumes it. */
        PAUSED
    }

    /** How the run ended, its journal, and how many mutating steps were skipped for want of --arm. */
    public record RunResult(End end, String runId, Path journal, int skippedUnarmed, String summary) {
    }

    private final Target target;
    private final PlaybookOperator operator;
    private final AuditLog audit;
    private final Settings settings;

    public PlaybookRunner(Target target, PlaybookOperator operator, AuditLog audit, Settings settings) {
        this.target = target;
        this.operator = operator;
        this.audit = audit;
        this.settings = settings;
    }

    public RunResult run(Playbook playbook) throws IOException {
        Optional<JournalState> prior = JournalState.latestUnfinished(settings.journalDir(), playbook.name());
        if (prior.isPresent() && settings.fresh()) {
            Journal.resume(prior.get()).finish("abandoned", "a fresh run was asked for");
            operator.say("Abandoned the unfinished run " + prior.get().runId() + " (--fresh).");
            prior = Optional.empty();
        }
        StepRunner steps = new StepRunner(target, operator, audit, settings.armed(), playbook.name());
        if (prior.isEmpty()) {
            Journal journal = Journal.start(settings.journalDir(), playbook, Instant.now());
            operator.say("Playbook " + playbook.name() + ": " + playbook.title() + " (journal " + journal.file() + ")");
            return loop(playbook, journal, 0, steps);
        }
        return resume(playbook, prior.get(), steps);
    }

    private RunResult resume(Playbook playbook, JournalState state, StepRunner steps) throws IOException {
        Journal journal = Journal.resume(state);
        operator.say("Resuming run " + state.runId() + " of playbook " + playbook.name() + " from its journal "
                + state.file() + (state.completed().isEmpty() ? " (no step had completed)"
                : "; completed: " + String.join(", ", state.completed())));
        if (state.digest() != null && !state.digest().equals(playbook.digest())) {
            operator.say("Note: the playbook has changed since this run started; steps are matched by id.");
        }
        int cursor;
        if (state.interrupted() != null) {
            Optional<Integer> at = playbook.indexOf(state.interrupted());
            if (at.isEmpty()) {
                return paused(state, journal, "the interrupted step '" + state.interrupted()
                        + "' is no longer in the playbook; run with --fresh to start over");
            }
            PlaybookStep step = playbook.steps().get(at.get());
            if (!step.mutating()) {
                operator.say("Step " + step.id() + " was interrupted mid-way; it changes nothing, so it runs again.");
                cursor = at.get();
            } else if (operator.approve("Step " + step.id() + " (" + step.kind() + ") was interrupted mid-way and may "
                    + "have partly happened. Run it again?")) {
                cursor = at.get();
            } else if (operator.approve("Skip step " + step.id() + " and go on after it?")) {
                StepOutcome waived = new StepOutcome(StepOutcome.Result.SKIPPED, "interrupted; skipped by the operator", Flow.NEXT);
                cursor = at.get() + 1;
                journal.end(step, waived, cursor < playbook.steps().size() ? playbook.steps().get(cursor).id() : null);
            } else {
                return paused(state, journal, "step " + step.id() + " left as interrupted; run again to decide");
            }
        } else if (state.next() != null) {
            Optional<Integer> at = playbook.indexOf(state.next());
            if (at.isEmpty()) {
                return paused(state, journal, "the next step '" + state.next()
                        + "' is no longer in the playbook; run with --fresh to start over");
            }
            cursor = at.get();
        } else if (state.then() == null) {
            cursor = 0;
        } else {
            // killed between a step's end and the run's finish: only the finish line is missing
            End end = "stop".equals(state.then()) ? End.STOPPED : End.COMPLETED;
            journal.finish(end.name().toLowerCase(), "recorded on resume");
            return new RunResult(end, state.runId(), state.file(), 0, "the run had already " + (end == End.COMPLETED
                    ? "completed" : "stopped") + "; nothing left to do");
        }
        if (cursor < playbook.steps().size()) {
            operator.say("Going on with step " + playbook.steps().get(cursor).id() + ".");
        }
        return loop(playbook, journal, cursor, steps);
    }

    private RunResult loop(Playbook playbook, Journal journal, int start, StepRunner steps) throws IOException {
        String runId = journal.runId();
        List<PlaybookStep> all = playbook.steps();
        int cursor = start;
        int executed = 0;
        int skipped = 0;
        while (cursor < all.size()) {
            if (++executed > MAX_STEPS) {
                journal.finish("stopped", "more than " + MAX_STEPS + " steps: a goto loop?");
                return new RunResult(End.STOPPED, runId, journal.file(), skipped, "stopped after " + MAX_STEPS
                        + " steps: the playbook loops");
            }
            PlaybookStep step = all.get(cursor);
            operator.say("");
            operator.say(StepText.heading(cursor + 1, step));
            StepText.body(step).forEach(line -> operator.say("   " + line));
            journal.begin(step);
            StepOutcome outcome;
            try {
                outcome = steps.run(step);
            } catch (RuntimeException e) {
                // a bug or an unexpected reply must still leave an account of the step, not a half-written journal
                outcome = new StepOutcome(StepOutcome.Result.FAILED, "internal error: " + e, Flow.STOP);
            }
            operator.say("   → " + outcome.result().name().toLowerCase().replace('_', ' ')
                    + (outcome.detail() == null ? "" : ": " + outcome.detail()));
            if (outcome.result() == StepOutcome.Result.SKIPPED && step.mutating()) {
                skipped++;
            }
            Integer next = switch (outcome.flow()) {
                case Flow.Next n -> cursor + 1;
                case Flow.Stop s -> null;
                case Flow.End e -> all.size();
                case Flow.Goto g -> playbook.indexOf(g.stepId()).orElseThrow();
            };
            journal.end(step, outcome, next != null && next < all.size() ? all.get(next).id() : null);
            if (next == null) {
                boolean failed = outcome.result() == StepOutcome.Result.FAILED || outcome.result() == StepOutcome.Result.TIMED_OUT;
                String why = "at step " + step.id() + ": " + outcome.result().name().toLowerCase()
                        + (outcome.detail() == null ? "" : " — " + outcome.detail());
                journal.finish(failed ? "failed" : "stopped", why);
                return new RunResult(failed ? End.FAILED : End.STOPPED, runId, journal.file(), skipped,
                        (failed ? "failed " : "stopped ") + why);
            }
            cursor = next;
        }
        journal.finish("completed", skipped == 0 ? null : skipped + " mutating step(s) skipped: not armed");
        return new RunResult(End.COMPLETED, runId, journal.file(), skipped, "ran to the end of the playbook" + (skipped == 0 ? ""
                : "; " + skipped + " step(s) that change things were skipped because the run was not armed (--arm)"));
    }

    private RunResult paused(JournalState state, Journal journal, String why) {
        operator.say("Paused: " + why + ". The journal stays unfinished: " + journal.file());
        return new RunResult(End.PAUSED, state.runId(), state.file(), 0, why);
    }
}
