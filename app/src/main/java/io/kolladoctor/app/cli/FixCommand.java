package io.kolladoctor.app.cli;

import io.kolladoctor.app.UsageException;
import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.checks.sweep.Sweep;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.live.LiveSource;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.deployment.snapshot.SnapshotException;
import io.kolladoctor.fixes.AuditLog;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.PlanRunner;
import io.kolladoctor.fixes.PlanText;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kolla-doctor fix}: runs the checks that have fixes, turns each FAIL into a plan and prints it. Nothing changes
 * unless fixes are armed ({@code --arm}, live only); then each plan asks for the confirmation its risk needs, runs,
 * is written step by step to the audit log, and is verified by re-running its check.
 */
@Command(name = "fix", mixinStandardHelpOptions = true,
        description = {"Show the fix plans for what the checks find; with --arm, apply them (confirmation, audit log, "
                + "verification).",
                "Exit code: 0 nothing to fix or every applied plan verified, 1 a plan applied but not verified (or not "
                        + "confirmed), 2 a step failed, 64 usage error."})
public final class FixCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Parameters(paramLabel = "CHECK-ID|FIX-ID", arity = "0..*",
            description = "Only these checks or fixes (default: every check that has a fix).")
    List<String> ids;

    @Option(names = "--subject", paramLabel = "TEXT", description = "Only findings whose subject contains TEXT.")
    String subject;

    @Mixin
    ArmOptions arming;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SnapshotException, IOException {
        arming.validate(source);
        List<Fix> fixes = selectedFixes();
        List<Check> checks = fixes.stream().map(Fix::checkId).distinct()
                .map(id -> Catalog.byId(id).orElseThrow()).toList();
        PrintWriter out = spec.commandLine().getOut();
        try (FactSource facts = source.open()) {
            Facts sweepFacts = new Facts(facts);
            List<Finding> findings = new Sweep(Duration.ofSeconds(60)).run(sweepFacts, checks).findings();
            SecretMasker masker = Deployments.masker(sweepFacts);
            List<Plan> plans = plans(fixes, findings, sweepFacts);
            if (plans.isEmpty()) {
                out.println("Nothing to fix: no FAIL finding of " + checks.stream().map(c -> c.info().id()).toList()
                        + " has a fix plan" + (subject == null ? "" : " (subject containing '" + subject + "')") + ".");
                out.flush();
                return 0;
            }
            plans.forEach(p -> print(p, masker, out));
            if (!arming.armed()) {
                out.println("Dry run: nothing was changed. Add --arm to apply (each plan asks before it runs).");
                out.flush();
                return 0;
            }
            return apply(plans, (LiveSource) facts, masker, out);
        }
    }

    private int apply(List<Plan> plans, LiveSource live, SecretMasker masker, PrintWriter out) throws IOException {
        AuditLog audit = arming.auditLog(masker);
        PlanRunner.Verifier verifier = checkId -> new Sweep(Duration.ofSeconds(60))
                .run(new Facts(live), List.of(Catalog.byId(checkId).orElseThrow())).findings();
        PlanRunner runner = new PlanRunner(live.actions(), audit, arming.operator(out), verifier);
        int exit = 0;
        for (Plan plan : plans) {
            out.println();
            out.println("== applying " + plan.fixId() + " to " + plan.subject());
            out.flush();
            PlanRunner.Outcome outcome = runner.apply(plan);
            out.println((outcome.healed() ? "VERIFIED: " : outcome.failed() ? "FAILED: " : "NOT HEALED: ") + outcome.summary());
            out.flush();
            exit = Math.max(exit, outcome.failed() ? 2 : outcome.healed() ? 0 : 1);
        }
        out.println("Audit log: " + audit.file());
        out.flush();
        return exit;
    }

    private List<Plan> plans(List<Fix> fixes, List<Finding> findings, Facts facts) {
        List<Plan> plans = new ArrayList<>();
        for (Finding finding : findings) {
            if (subject != null && !Fixes.subjectOf(finding).contains(subject)) {
                continue;
            }
            for (Fix fix : fixes) {
                if (!fix.checkId().equals(finding.checkId())) {
                    continue;
                }
                try {
                    fix.plan(finding, facts).ifPresent(plans::add);
                } catch (FactUnavailableException e) {
                    spec.commandLine().getErr().println("kolla-doctor: no plan for " + Fixes.subjectOf(finding) + ": "
                            + e.getMessage());
                }
            }
        }
        return plans;
    }

    private static void print(Plan plan, SecretMasker masker, PrintWriter out) {
        PlanText.lines(plan, masker).forEach(out::println); // the console's plan dialog shows the same lines
        out.println();
        out.flush();
    }

    private List<Fix> selectedFixes() {
        if (ids == null || ids.isEmpty()) {
            return Fixes.all();
        }
        List<Fix> selected = new ArrayList<>();
        for (String id : ids) {
            Optional<Fix> byId = Fixes.byId(id);
            List<Fix> byCheck = Fixes.forCheck(id);
            if (byId.isEmpty() && byCheck.isEmpty()) {
                throw new UsageException("no fix '" + id + "' and no check with a fix by that ID (fixes: "
                        + Fixes.all().stream().map(Fix::id).toList() + ")");
            }
            byId.ifPresent(selected::add);
            selected.addAll(byCheck);
        }
        return selected.stream().distinct().toList();
    }
}
