package io.kolladoctor.playbooks;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.Plan;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A playbook shown, not run: every step in order with its flows, the hosts a command would run on, and for each fix
 * step the plans it would show now (its check is run for that: checks only read). No command, fix, question or wait.
 */
public final class DryRun {

    private DryRun() {
    }

    public static void show(Playbook playbook, Target target, Path journalDir, Consumer<String> out) throws IOException {
        out.accept("Dry run of playbook " + playbook.name() + ": " + playbook.title() + " (on " + target.describe() + ")");
        Optional<JournalState> prior = JournalState.latestUnfinished(journalDir, playbook.name());
        prior.ifPresent(p -> out.accept("An unfinished run " + p.runId() + " exists (" + p.file() + "): 'run' would resume it"
                + (p.interrupted() != null ? " at the interrupted step " + p.interrupted()
                : p.next() != null ? " at step " + p.next() : "") + "."));
        int n = 1;
        for (PlaybookStep step : playbook.steps()) {
            out.accept("");
            out.accept(StepText.heading(n++, step));
            StepText.body(step).forEach(line -> out.accept("   " + line));
            switch (step) {
                case PlaybookStep.Command c when c.group() != null ->
                        out.accept("   hosts of group " + c.group() + ": " + hostsOf(target, c.group()));
                case PlaybookStep.Fix f -> plans(f, target, out);
                default -> {
                }
            }
        }
        out.accept("");
        out.accept("Dry run: nothing was run or changed.");
    }

    private static String hostsOf(Target target, String group) {
        List<String> hosts = target.hostsIn(group);
        return hosts.isEmpty() ? "none (the run would fail this step)" : String.join(", ", hosts);
    }

    private static void plans(PlaybookStep.Fix step, Target target, Consumer<String> out) {
        Fix fix = Fixes.byId(step.fixId()).orElseThrow();
        Target.Swept swept = target.sweep(fix.checkId());
        int shown = 0;
        for (Finding finding : swept.findings()) {
            if (finding.status() != Status.FAIL
                    || (step.subject() != null && !Fixes.subjectOf(finding).contains(step.subject()))) {
                continue;
            }
            try {
                Optional<Plan> plan = fix.plan(finding, swept.facts());
                if (plan.isPresent()) {
                    PlanText.lines(plan.get(), Deployments.masker(swept.facts())).forEach(l -> out.accept("   " + l));
                    shown++;
                }
            } catch (FactUnavailableException e) {
                out.accept("   no plan for " + Fixes.subjectOf(finding) + ": " + e.getMessage());
            }
        }
        if (shown == 0) {
            out.accept("   now: " + fix.checkId() + " gives no FAIL this fix has a plan for ("
                    + Verdict.of(swept.findings(), step.subject()).summary() + ")");
        }
    }
}
