package io.kolladoctor.app.cli;

import io.kolladoctor.app.UsageException;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.live.LiveSource;
import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.deployment.snapshot.SnapshotException;
import io.kolladoctor.fixes.evacuation.Cleanup;
import io.kolladoctor.fixes.evacuation.Evacuation;
import io.kolladoctor.fixes.evacuation.EvacuationAudit;
import io.kolladoctor.fixes.evacuation.EvacuationHistory;
import io.kolladoctor.fixes.evacuation.EvacuationOperator;
import io.kolladoctor.fixes.evacuation.Ipmitool;
import io.kolladoctor.fixes.evacuation.ManagementAddresses;
import io.kolladoctor.playbooks.MaskedEvacuationOperator;
import io.kolladoctor.fixes.evacuation.Notifier;
import io.kolladoctor.fixes.evacuation.Nova;
import io.kolladoctor.fixes.evacuation.Probes;
import io.kolladoctor.fixes.evacuation.UmhaSite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kolla-doctor evacuate HOST}: the guided evacuation of a failed compute host (UMHA's steps with the operator in
 * the loop). Without {@code --arm} it proves the preconditions and prints the plan, changing nothing.
 */
@Command(name = "evacuate", mixinStandardHelpOptions = true,
        description = {"Evacuate the instances of a failed compute host: preflight (nova-compute down, host unreachable, "
                + "UMHA's valve), plan, then with --arm: fence (IPMI power off, confirmed off), force-down, evacuate, "
                + "watch, record. --cleanup brings the repaired host back.",
                "Reads UMHA's /etc/umha/umha.conf, ipmi_info and node_storage_ip_info when present.",
                "After an armed run the result is mailed as UMHA does when its [email] enable_send_mail = true "
                        + "(send_server, send_port: 465 is TLS from the start, else STARTTLS whenever the server "
                        + "offers it, certificate and host name verified; need_auth: AUTH PLAIN or LOGIN as "
                        + "sender_username with sender_pwd, never shown; receiver_list; mail_subject), at most once "
                        + "per host per send_interval_hours, like --notify. A failed mail is reported and does not "
                        + "change the exit code.",
                "Exit code: 0 done (or the plan shown), 1 stopped or not every instance moved, 2 Nova or a BMC "
                        + "failed, 4 refused by the preflight, 64 usage error."})
public final class EvacuateCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    ArmOptions arming;

    @Parameters(paramLabel = "HOST", description = "The failed compute host, as Nova names it.")
    String host;

    @Option(names = "--plan", description = "Only the preflight and the plan (the default without --arm).")
    boolean planOnly;

    /** --cleanup, --umha-conf, --target, --scheduler, --concurrency, --host-is-off, --probe-interval, --timeout:
     *  shared with the console's {@code :evacuate HOST ...}. */
    @Mixin
    EvacuationOptions evacuation;

    @Option(names = "--history", paramLabel = "FILE",
            description = "The evacuation history (default: $XDG_STATE_HOME/kolla-doctor/evacuate_history.jsonl).")
    Path historyFile;

    @Option(names = "--notify", paramLabel = "URL",
            description = "After an armed run, POST a JSON notice to this webhook, at most once per host per UMHA "
                    + "send_interval_hours.")
    java.net.URI notify;

    @Option(names = "--no-mail", description = "Do not mail the result even when umha.conf's [email] "
            + "enable_send_mail = true.")
    boolean noMail;

    @Option(names = "--mail-plaintext-auth", description = "Let the mail password go over an unencrypted connection "
            + "when the mail server offers no STARTTLS (by default only to a loopback server; otherwise the mail "
            + "is not sent).")
    boolean mailPlaintextAuth;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SnapshotException, IOException {
        arming.validate(source);
        if (!source.isLive()) {
            throw new UsageException("evacuate works on a live deployment only (not --snapshot or --demo)");
        }
        if (planOnly && arming.armed()) {
            throw new UsageException("--plan and --arm contradict each other");
        }
        evacuation.validate(host);
        if (notify != null && !List.of("http", "https").contains(String.valueOf(notify.getScheme()))) {
            throw new UsageException("--notify: an http:// or https:// URL");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (FactSource facts = source.open()) {
            LiveSource live = (LiveSource) facts;
            Facts sweepFacts = new Facts(live);
            Deployment deployment = deployment(sweepFacts);
            UmhaSite site = UmhaSite.load(evacuation.umhaConf(),
                    deployment != null && deployment.globals().bool("nova_backend_ceph"));
            SecretMasker masker = Deployments.masker(sweepFacts).withKnown(site.secrets());
            out.println("Settings: " + site.source());
            site.problems().forEach(p -> out.println("  note: " + masker.mask(p)));
            if (site.config().mail().enabled() && !noMail && arming.armed()) {
                out.println("Mail: the result goes to " + String.join(", ", site.config().mail().receivers())
                        + " through " + site.config().mail().server() + ":" + site.config().mail().port()
                        + " (--no-mail: not)");
            }
            EvacuationAudit audit = new EvacuationAudit(arming.auditLog(masker), host);
            EvacuationHistory history = new EvacuationHistory(historyFile != null ? historyFile
                    : EvacuationHistory.standardPath(System.getenv(), Path.of(System.getProperty("user.home"))), masker);
            Nova nova = new Nova(live.actions(), audit.novaRecorder());
            EvacuationOperator operator = new MaskedEvacuationOperator(arming.operator(out), masker);
            try {
                if (evacuation.cleanup()) {
                    Cleanup.Report report = new Cleanup(nova, new Ipmitool(), site, operator, audit, history)
                            .run(host, arming.armed(), evacuation.timeout());
                    notify(site, masker, history, report.done() ? "BACK" : "CLEANUP STOPPED", report.summary(), out);
                    return report.done() || !arming.armed() ? 0 : 1;
                }
                Evacuation.Report report = new Evacuation(nova, new Ipmitool(), Probes.network(), site,
                        ManagementAddresses.of(deployment), operator, audit, history)
                        .run(evacuation.request(host, arming.armed(), EvacuationOptions.DEFAULT_PROBE_INTERVAL));
                out.println((report.refused() ? "REFUSED: " : !arming.armed() ? "PLAN: " : report.stopped() ? "STOPPED: "
                        : "DONE: ") + masker.mask(report.summary()));
                out.flush();
                notify(site, masker, history, report.refused() ? "REFUSED" : report.stopped() ? "STOPPED" : "DONE",
                        report.summary(), out);
                if (report.refused()) {
                    return 4;
                }
                return !arming.armed() || !report.stopped() ? 0 : 1;
            } catch (IOException e) {
                out.flush();
                spec.commandLine().getErr().println("kolla-doctor: evacuate " + host + ": " + masker.mask(e.getMessage())
                        + " (stopped there; the audit log and the history say what was done)");
                return 2;
            }
        }
    }

    private void notify(UmhaSite site, SecretMasker masker, EvacuationHistory history, String outcome, String summary,
                        PrintWriter out) {
        if (!arming.armed()) {
            return;
        }
        Notifier.forRun(site.config(), notify, !noMail, mailPlaintextAuth, history, masker)
                .ifPresent(n -> n.notify(host, outcome, summary).forEach(line -> out.println(masker.mask(line))));
        out.flush();
    }

    private static Deployment deployment(Facts facts) {
        try {
            return Deployments.of(facts);
        } catch (FactUnavailableException e) {
            return null; // no inventory addresses then: the BMC alone proves the host is off
        }
    }
}
