package io.kolladoctor.playbooks;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.live.host.HostFetcher.CommandResult;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.AuditLog;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.PlanRunner;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import io.kolladoctor.playbooks.StepOutcome.Result;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out one step. Mutating steps (fixes, commands not marked safe) run only when the run is armed and, for a
 * command, after the operator's yes; fixes go through {@link PlanRunner}, so a playbook applies a fix under exactly
 * the confirmation, audit and verification rules of {@code kolla-doctor fix}. Commands that change things are written
 * to the same audit log.
 */
final class StepRunner {

    /** Command output beyond this many lines is elided on screen (the audit log keeps the first line). */
    private static final int OUTPUT_LINES = 40;

    private final Target target;
    private final PlaybookOperator operator;
    private final AuditLog audit;
    private final boolean armed;
    private final String playbook;

    StepRunner(Target target, PlaybookOperator operator, AuditLog audit, boolean armed, String playbook) {
        this.target = target;
        this.operator = operator;
        this.audit = audit;
        this.armed = armed;
        this.playbook = playbook;
    }

    StepOutcome run(PlaybookStep step) throws IOException {
        return switch (step) {
            case PlaybookStep.Note n -> new StepOutcome(Result.OK, null, n.then());
            case PlaybookStep.Check c -> check(c);
            case PlaybookStep.Fix f -> fix(f);
            case PlaybookStep.Command c -> command(c);
            case PlaybookStep.Confirm c -> operator.approve(c.question().strip())
                    ? new StepOutcome(Result.OK, "yes", c.onYes()) : new StepOutcome(Result.DECLINED, "no", c.onNo());
            case PlaybookStep.Wait w -> waitFor(w);
            case PlaybookStep.Choose c -> choose(c);
            case PlaybookStep.Evacuate e -> new EvacuateStep(target, operator, audit, armed).run(e);
        };
    }

    private StepOutcome check(PlaybookStep.Check c) {
        Verdict verdict = Verdict.of(target.sweep(c.checkId()).findings(), c.subject());
        verdict.lines().forEach(line -> operator.say("  " + line));
        Flow flow = switch (verdict.result()) {
            case OK -> c.onPass();
            case WARN -> c.onWarn();
            default -> c.onFail();
        };
        return new StepOutcome(verdict.result(), verdict.summary(), flow);
    }

    private StepOutcome fix(PlaybookStep.Fix f) throws IOException {
        Fix fix = Fixes.byId(f.fixId()).orElseThrow();
        Target.Swept swept = target.sweep(fix.checkId());
        SecretMasker masker = Deployments.masker(swept.facts());
        List<Plan> plans = new ArrayList<>();
        for (Finding finding : swept.findings()) {
            // WARN too: the fix decides what it acts on (A1's fixes heat-engine's WARN, before any cluster exists)
            boolean wrong = finding.status() == Status.FAIL || finding.status() == Status.WARN;
            if (!wrong || (f.subject() != null && !Fixes.subjectOf(finding).contains(f.subject()))) {
                continue;
            }
            try {
                fix.plan(finding, swept.facts()).ifPresent(plans::add);
            } catch (FactUnavailableException e) {
                operator.say("  no plan for " + Fixes.subjectOf(finding) + ": " + e.getMessage());
            }
        }
        if (plans.isEmpty()) {
            Verdict verdict = Verdict.of(swept.findings(), f.subject());
            return verdict.passes() ? new StepOutcome(Result.OK, "nothing to fix: " + verdict.summary(), Flow.NEXT)
                    : new StepOutcome(Result.FAILED, "no plan for: " + verdict.summary(), f.onFail());
        }
        plans.forEach(plan -> PlanText.lines(plan, masker).forEach(line -> operator.say("  " + line)));
        Optional<Actions> actions = target.actions();
        if (!armed || actions.isEmpty()) {
            return skipped(plans.size() + " plan(s) shown, not applied");
        }
        PlanRunner runner = new PlanRunner(actions.get(), audit, operator, checkId -> target.sweep(checkId).findings());
        List<String> healed = new ArrayList<>();
        for (Plan plan : plans) {
            PlanRunner.Outcome outcome = runner.apply(plan);
            if (!outcome.confirmed()) {
                return new StepOutcome(Result.DECLINED, plan.subject() + ": " + outcome.summary(), Flow.STOP);
            }
            if (outcome.failed() || !outcome.healed()) {
                return new StepOutcome(Result.FAILED, plan.subject() + ": " + outcome.summary(), f.onFail());
            }
            healed.add(plan.subject());
        }
        return new StepOutcome(Result.OK, "healed: " + String.join(", ", healed), Flow.NEXT);
    }

    private StepOutcome command(PlaybookStep.Command c) throws IOException {
        List<String> hosts = c.host() != null ? List.of(c.host()) : target.hostsIn(c.group());
        if (hosts.isEmpty()) {
            return new StepOutcome(Result.FAILED, "no host in inventory group " + c.group(), c.onFail());
        }
        Optional<Actions> actions = target.actions();
        if (c.mutating() && !armed) {
            return skipped("a command that changes things, on " + String.join(", ", hosts));
        }
        if (actions.isEmpty()) {
            return new StepOutcome(Result.SKIPPED, "commands need a live deployment (not a snapshot or the demo)", Flow.NEXT);
        }
        if (c.mutating() && !operator.approve("Run this command on " + String.join(", ", hosts) + "?")) {
            return new StepOutcome(Result.DECLINED, "not run", Flow.STOP);
        }
        SecretMasker masker = target.masker();
        List<String> done = new ArrayList<>();
        for (String host : hosts) {
            Operation.HostCommand op = new Operation.HostCommand(host, c.argv(), c.sudo(), c.timeout(), c.expect());
            CommandResult result;
            try {
                result = actions.get().run(host, c.argv(), c.sudo(), c.timeout());
            } catch (IOException e) {
                record(c, op, "failed", e.getMessage());
                return new StepOutcome(Result.FAILED, host + ": could not run: " + e.getMessage(), c.onFail());
            }
            show(host, result, masker);
            boolean ok = c.expect().contains(result.exitStatus());
            String detail = host + ": exit " + result.exitStatus() + (ok ? "" : " (expected "
                    + String.join(" or ", c.expect().stream().sorted().map(String::valueOf).toList()) + ")");
            record(c, op, ok ? "done" : "failed", detail + firstLine(result, masker));
            if (!ok) {
                return new StepOutcome(Result.FAILED, detail, c.onFail());
            }
            done.add(detail);
        }
        return new StepOutcome(Result.OK, String.join("; ", done), Flow.NEXT);
    }

    private StepOutcome waitFor(PlaybookStep.Wait w) {
        Instant until = Instant.now().plus(w.timeout());
        Instant started = Instant.now();
        while (true) {
            Verdict verdict = Verdict.of(target.sweep(w.checkId()).findings(), w.subject());
            if (verdict.passes()) {
                return new StepOutcome(Result.OK, "passes after " + Duration.between(started, Instant.now()).toSeconds()
                        + " s: " + verdict.summary(), Flow.NEXT);
            }
            Duration left = Duration.between(Instant.now(), until);
            if (left.isNegative() || left.isZero()) {
                return new StepOutcome(Result.TIMED_OUT, "after " + Durations.format(w.timeout()) + " still: "
                        + verdict.summary(), w.onTimeout());
            }
            operator.say("  not yet: " + verdict.summary());
            try {
                Thread.sleep(left.compareTo(w.interval()) < 0 ? left : w.interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new StepOutcome(Result.TIMED_OUT, "interrupted while waiting", Flow.STOP);
            }
        }
    }

    private StepOutcome choose(PlaybookStep.Choose c) {
        int picked = operator.choose(c.question().strip(), c.options().stream().map(PlaybookStep.Option::label).toList());
        if (picked < 0 || picked >= c.options().size()) {
            return new StepOutcome(Result.DECLINED, "no choice made", Flow.STOP);
        }
        PlaybookStep.Option option = c.options().get(picked);
        return new StepOutcome(Result.OK, "chose: " + option.label(), option.then());
    }

    private StepOutcome skipped(String what) {
        return new StepOutcome(Result.SKIPPED, "not armed (--arm): " + what, Flow.NEXT);
    }

    private void show(String host, CommandResult result, SecretMasker masker) {
        List<String> lines = new ArrayList<>((result.stdout() + (result.stderr().isBlank() ? "" : "\n" + result.stderr()))
                .strip().lines().toList());
        int extra = lines.size() - OUTPUT_LINES;
        lines.stream().limit(OUTPUT_LINES).forEach(line -> operator.say("  " + host + " | " + masker.mask(line)));
        if (extra > 0) {
            operator.say("  " + host + " | … " + extra + " more line(s)");
        }
    }

    /** Commands that change things go to the audit log, as a one-step plan named after the playbook step. */
    private void record(PlaybookStep.Command c, Operation.HostCommand op, String result, String detail) throws IOException {
        if (!c.mutating() || audit == null) {
            return;
        }
        Plan plan = new Plan("playbook:" + playbook + "/" + c.id(), "playbook", op.host(), op.host(),
                List.of(new Step(c.title() == null ? c.id() : c.title(), op, Risk.DISRUPTIVE, null)), List.of());
        audit.record(plan, "step", op, result, detail);
    }

    private static String firstLine(CommandResult result, SecretMasker masker) {
        String out = (result.stdout() + " " + result.stderr()).strip();
        return out.isEmpty() ? "" : ": " + masker.mask(out.lines().findFirst().orElse(""));
    }
}
