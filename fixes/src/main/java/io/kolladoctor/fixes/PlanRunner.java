package io.kolladoctor.fixes;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.live.kubernetes.KubeFetcher;
import io.kolladoctor.deployment.live.host.HostFetcher.CommandResult;
import io.kolladoctor.deployment.live.openstack.CloudFetcher.ApiResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a plan once the operator has armed fixes: asks for the confirmation its risk needs (a yes for a disruptive
 * plan, the subject typed back for a destructive one), runs the steps in order, records each in the audit log before
 * the next one starts, stops at the first step that fails, then re-runs the check to say whether the finding is gone.
 * A runner exists only with {@link Actions}, which only an armed live session hands out.
 */
public final class PlanRunner {

    /** The person at the keyboard (a terminal prompt, the TUI's dialog, a test's scripted answers). */
    public interface Operator {
        /** A yes/no question; true to go on. */
        boolean approve(String question);

        /** Asks for the plan's {@link Plan#confirmation()} to be typed back; returns what was typed. */
        String typeBack(Plan plan, String prompt);

        /** A line of progress. */
        void say(String line);
    }

    /** Re-runs one check live and returns its findings (a fresh sweep of that check alone). */
    @FunctionalInterface
    public interface Verifier {
        List<Finding> recheck(String checkId);
    }

    /** How one step went. */
    public enum StepState { DONE, FAILED, NOT_RUN }

    public record StepOutcome(Step step, StepState state, String detail) {
    }

    /** How the plan went: {@code healed} when the check no longer finds anything wrong with the subject. */
    public record Outcome(Plan plan, boolean confirmed, List<StepOutcome> steps, boolean healed, String summary) {
        public boolean failed() {
            return steps.stream().anyMatch(s -> s.state() == StepState.FAILED);
        }
    }

    private static final Duration RECHECK_PAUSE = Duration.ofSeconds(3);
    /**
     * A pass counts only when a second pass this much later agrees: a container in a restart loop is "running" for
     * a moment between crashes, and one lucky look must not verify a fix.
     */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final Actions actions;
    private final AuditLog audit;
    private final Operator operator;
    private final Verifier verifier;
    /** Every finding of the last re-check, for {@link #elsewhere}. */
    private List<Finding> lastRecheck = List.of();

    public PlanRunner(Actions actions, AuditLog audit, Operator operator, Verifier verifier) {
        this.actions = actions;
        this.audit = audit;
        this.operator = operator;
        this.verifier = verifier;
    }

    public Outcome apply(Plan plan) throws IOException {
        if (!confirmed(plan)) {
            audit.record(plan, "refused", null, "not confirmed", null);
            return new Outcome(plan, false, plan.steps().stream().map(s -> new StepOutcome(s, StepState.NOT_RUN, null)).toList(),
                    false, "not confirmed: nothing was changed");
        }
        audit.record(plan, "confirmed", null, "ok", plan.risk().name());
        List<StepOutcome> outcomes = new ArrayList<>();
        boolean stopped = false;
        for (Step step : plan.steps()) {
            if (stopped) {
                outcomes.add(new StepOutcome(step, StepState.NOT_RUN, null));
                continue;
            }
            operator.say("→ " + step.purpose() + ": " + step.operation().display());
            StepOutcome outcome = run(plan, step);
            audit.record(plan, "step", step.operation(), outcome.state().name().toLowerCase(), outcome.detail());
            operator.say("  " + outcome.state().name().toLowerCase() + (outcome.detail() == null ? "" : ": " + outcome.detail()));
            outcomes.add(outcome);
            stopped = outcome.state() == StepState.FAILED;
        }
        if (stopped) {
            long done = outcomes.stream().filter(o -> o.state() == StepState.DONE).count();
            String summary = "stopped at a failed step: " + done + " of " + plan.steps().size() + " steps done, the rest not run";
            audit.record(plan, "stopped", null, "failed", summary);
            return new Outcome(plan, true, outcomes, false, summary);
        }
        List<Finding> left = settled(plan);
        boolean healed = left.isEmpty();
        String summary = healed ? plan.checkId() + " no longer finds anything wrong with " + plan.subject() + elsewhere(plan)
                : plan.checkId() + " still reports: " + left.getFirst().status() + " " + left.getFirst().summary();
        audit.record(plan, "verified", null, healed ? "healed" : "not healed", summary);
        return new Outcome(plan, true, outcomes, healed, summary);
    }

    private boolean confirmed(Plan plan) {
        return switch (plan.risk()) {
            case SAFE -> true;
            case DISRUPTIVE -> operator.approve("Apply these " + plan.steps().size() + " step(s) to " + plan.subject() + "?");
            case DESTRUCTIVE -> plan.confirmation().equals(operator.typeBack(plan,
                    "This cannot be undone. Type " + plan.confirmation() + " to go on"));
        };
    }

    private StepOutcome run(Plan plan, Step step) {
        try {
            return switch (step.operation()) {
                case Operation.HostCommand c -> {
                    CommandResult r = actions.run(c.host(), c.argv(), c.sudo(), c.timeout());
                    String out = (r.stdout() + " " + r.stderr()).strip();
                    yield c.okExits().contains(r.exitStatus())
                            ? new StepOutcome(step, StepState.DONE, "exit " + r.exitStatus() + (out.isEmpty() ? "" : ": " + first(out)))
                            : new StepOutcome(step, StepState.FAILED, "exit " + r.exitStatus() + (out.isEmpty() ? "" : ": " + first(out)));
                }
                case Operation.ApiCall c -> {
                    ApiResult r = actions.call(c.method(), c.serviceType(), c.path(), c.jsonBody());
                    yield c.okStatus().contains(r.status())
                            ? new StepOutcome(step, StepState.DONE, "HTTP " + r.status())
                            : new StepOutcome(step, StepState.FAILED, "HTTP " + r.status() + ": " + first(r.body()));
                }
                case Operation.WaitUntilHealed w -> waitUntilHealed(plan, step, w);
                case Operation.LocalCommand c -> {
                    CommandResult r = actions.runLocal(c.argv(), c.timeout());
                    String out = r.stdout().strip();
                    // the end of a long output says how it went (kolla-ansible's play recap, a traceback's error)
                    String detail = "exit " + r.exitStatus() + (out.isEmpty() ? "" : ": " + last(out));
                    yield new StepOutcome(step, c.okExits().contains(r.exitStatus()) ? StepState.DONE : StepState.FAILED,
                            detail);
                }
                case Operation.KubeRequest k -> {
                    KubeFetcher.Answer r = actions.kube(k.context(), k.method(), k.path(), k.contentType(), k.body());
                    yield k.okStatus().contains(r.status())
                            ? new StepOutcome(step, StepState.DONE, "HTTP " + r.status())
                            : new StepOutcome(step, StepState.FAILED, "HTTP " + r.status() + ": " + first(r.message()));
                }
                case Operation.KubeAwaitPods w -> {
                    PodsReadyWait.Result r = PodsReadyWait.await(actions, w, RECHECK_PAUSE);
                    yield new StepOutcome(step, r.done() ? StepState.DONE : StepState.FAILED, r.detail());
                }
                case Operation.LocalIniMerge m -> new StepOutcome(step, StepState.DONE,
                        IniMerge.apply(java.nio.file.Path.of(m.path()), m.section(), m.options()).detail());
            };
        } catch (IOException | RuntimeException e) {
            return new StepOutcome(step, StepState.FAILED, e.getMessage() == null ? e.toString() : first(e.getMessage()));
        }
    }

    private StepOutcome waitUntilHealed(Plan plan, Step step, Operation.WaitUntilHealed wait) {
        Instant until = Instant.now().plus(wait.timeout());
        List<Finding> left = settled(plan);
        while (!left.isEmpty() && Instant.now().isBefore(until)) {
            if (!pause(RECHECK_PAUSE)) {
                break;
            }
            left = settled(plan);
        }
        return left.isEmpty() ? new StepOutcome(step, StepState.DONE, "the check passes")
                : new StepOutcome(step, StepState.FAILED, "after " + wait.timeout().toSeconds() + " s the check still reports: "
                + left.getFirst().status() + " " + first(left.getFirst().summary()));
    }

    /** {@link #stillWrong}, confirmed by a second look {@link #SETTLE} later when the first finds nothing wrong. */
    private List<Finding> settled(Plan plan) {
        List<Finding> left = stillWrong(plan);
        if (!left.isEmpty() || !pause(SETTLE)) {
            return left;
        }
        return stillWrong(plan);
    }

    /** Sleeps; false when interrupted (the interrupt kept for the caller). */
    static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The findings of the plan's check that say it is not healed: WARN or FAIL on its subject, or any ERROR (a check
     * that could not look cannot vouch for the fix).
     */
    private List<Finding> stillWrong(Plan plan) {
        List<Finding> findings = verifier.recheck(plan.checkId());
        lastRecheck = findings;
        return findings.stream()
                .filter(f -> f.status() == Status.ERROR || ((f.status() == Status.FAIL || f.status() == Status.WARN)
                        && Fixes.subjectOf(f).equals(plan.subject())))
                .toList();
    }

    /**
     * What the last re-check still reports on other subjects than the plan's (a fix that heals the controller side
     * while nodes it cannot heal still fail says so), or nothing.
     */
    private String elsewhere(Plan plan) {
        List<Finding> others = lastRecheck.stream()
                .filter(f -> (f.status() == Status.FAIL || f.status() == Status.WARN)
                        && !Fixes.subjectOf(f).equals(plan.subject()))
                .toList();
        return others.isEmpty() ? "" : "; it still reports " + others.size() + " other finding(s): " + String.join(", ",
                others.stream().limit(5).map(f -> f.status() + " " + Fixes.subjectOf(f)).toList());
    }

    /** The end of a long output: kolla-ansible's PLAY RECAP lines when there, else the last line. */
    private static String last(String text) {
        List<String> lines = text.strip().lines().filter(l -> !l.isBlank()).map(String::strip).toList();
        int recap = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("PLAY RECAP")) {
                recap = i;
            }
        }
        String line = recap >= 0 ? String.join("; ", lines.subList(recap + 1, lines.size())).replaceAll("\\s+", " ")
                : lines.isEmpty() ? "" : lines.getLast();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String first(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
