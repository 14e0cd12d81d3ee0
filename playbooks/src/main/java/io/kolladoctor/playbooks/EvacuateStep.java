package io.kolladoctor.playbooks;

import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.AuditLog;
import io.kolladoctor.fixes.evacuation.Cleanup;
import io.kolladoctor.fixes.evacuation.Evacuation;
import io.kolladoctor.fixes.evacuation.EvacuationAudit;
import io.kolladoctor.fixes.evacuation.EvacuationHistory;
import io.kolladoctor.fixes.evacuation.EvacuationOperator;
import io.kolladoctor.fixes.evacuation.Ipmitool;
import io.kolladoctor.fixes.evacuation.ManagementAddresses;
import io.kolladoctor.fixes.evacuation.Nova;
import io.kolladoctor.fixes.evacuation.NovaService;
import io.kolladoctor.fixes.evacuation.Probes;
import io.kolladoctor.fixes.evacuation.UmhaConfig;
import io.kolladoctor.fixes.evacuation.Notifier;
import io.kolladoctor.fixes.evacuation.UmhaSite;
import io.kolladoctor.playbooks.StepOutcome.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs an {@code evacuate} step: the same guided evacuation (or cleanup) as {@code kolla-doctor evacuate}, with the
 * playbook's operator answering each stage's confirmation. Without {@code --arm}, only its read-only stages run.
 */
final class EvacuateStep {

    private final Target target;
    private final PlaybookOperator operator;
    private final AuditLog audit;
    private final boolean armed;

    EvacuateStep(Target target, PlaybookOperator operator, AuditLog audit, boolean armed) {
        this.target = target;
        this.operator = operator;
        this.audit = audit;
        this.armed = armed;
    }

    StepOutcome run(PlaybookStep.Evacuate step) throws IOException {
        Optional<Actions> actions = target.actions();
        if (actions.isEmpty()) {
            return new StepOutcome(Result.SKIPPED, "evacuation needs a live deployment (not a snapshot or the demo)", Flow.NEXT);
        }
        Optional<Deployment> deployment = target.deployment();
        UmhaSite site = UmhaSite.load(step.umhaConf() == null ? UmhaConfig.STANDARD : Path.of(step.umhaConf()),
                deployment.map(d -> d.globals().bool("nova_backend_ceph")).orElse(false));
        SecretMasker masker = target.masker().withKnown(site.secrets());
        site.problems().forEach(p -> operator.say("  note: " + masker.mask(p)));
        Nova reads = new Nova(actions.get(), (request, result) -> { });
        String host = host(step, reads);
        if (host == null) {
            return new StepOutcome(Result.FAILED, step.cleanup() ? "no compute host is forced down or disabled"
                    : "no compute host has nova-compute down", step.onFail());
        }
        // the run's audit file, masked with the BMC passwords too (the run's own masker does not know them)
        EvacuationAudit evacuationAudit = new EvacuationAudit(new AuditLog(audit != null ? audit.file()
                : AuditLog.standardPath(System.getenv(), home()), masker), host);
        Nova nova = new Nova(actions.get(), evacuationAudit.novaRecorder());
        EvacuationHistory history = new EvacuationHistory(EvacuationHistory.standardPath(System.getenv(), home()), masker);
        EvacuationOperator asked = new MaskedEvacuationOperator(operator, masker);
        if (step.cleanup()) {
            Cleanup.Report report = new Cleanup(nova, new Ipmitool(), site, asked, evacuationAudit, history)
                    .run(host, armed, Duration.ofMinutes(10));
            notify(site, history, masker, host, report.done() ? "BACK" : "CLEANUP STOPPED", report.summary());
            return report.done() ? new StepOutcome(Result.OK, report.summary(), Flow.NEXT)
                    : armed ? new StepOutcome(Result.FAILED, report.summary(), step.onFail())
                    : new StepOutcome(Result.SKIPPED, "not armed (--arm): " + report.summary(), Flow.NEXT);
        }
        Evacuation.Report report = new Evacuation(nova, new Ipmitool(), Probes.network(), site,
                ManagementAddresses.of(deployment.orElse(null)),
                asked, evacuationAudit, history)
                .run(new Evacuation.Request(host, armed, false, null, false, 3, Duration.ofSeconds(2)));
        notify(site, history, masker, host, report.refused() ? "REFUSED" : report.stopped() ? "STOPPED" : "DONE",
                report.summary());
        if (report.refused()) {
            return new StepOutcome(Result.FAILED, "refused: " + masker.mask(report.summary()), step.onFail());
        }
        if (!armed) {
            return new StepOutcome(Result.SKIPPED, "not armed (--arm): preflight passed, plan shown, nothing changed", Flow.NEXT);
        }
        return report.allMoved() ? new StepOutcome(Result.OK, masker.mask(report.summary()), Flow.NEXT)
                : new StepOutcome(Result.FAILED, masker.mask(report.summary()), step.onFail());
    }

    /** An armed run mails its outcome as UMHA does when umha.conf's [email] enable_send_mail is on (no webhook here). */
    private void notify(UmhaSite site, EvacuationHistory history, SecretMasker masker, String host, String outcome,
                        String summary) {
        if (armed) {
            Notifier.forRun(site.config(), null, true, false, history, masker)
                    .ifPresent(n -> n.notify(host, outcome, summary).forEach(line -> operator.say("  " + masker.mask(line))));
        }
    }

    /** The named host, or the one the operator picks among the down (or, for cleanup, the fenced) computes. */
    private String host(PlaybookStep.Evacuate step, Nova nova) throws IOException {
        if (!PlaybookStep.Evacuate.DOWN.equals(step.host())) {
            return step.host();
        }
        List<String> hosts = nova.computeServices().stream()
                .filter(s -> step.cleanup() ? s.forcedDown() || !s.enabled() : !s.up() || s.forcedDown())
                .map(NovaService::host).sorted().toList();
        if (hosts.size() <= 1) {
            hosts.forEach(h -> operator.say("  " + (step.cleanup() ? "fenced" : "down") + ": " + h));
            return hosts.isEmpty() ? null : hosts.getFirst();
        }
        int picked = operator.choose(step.cleanup() ? "Which host is repaired?" : "Which host has failed?", hosts);
        return picked < 0 ? null : hosts.get(picked);
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }
}
