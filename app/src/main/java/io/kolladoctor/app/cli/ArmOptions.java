package io.kolladoctor.app.cli;

import io.kolladoctor.app.UsageException;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.AuditLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What lets a command change a deployment, shared by {@code fix} and {@code playbook run}: arming (live only),
 * answers given in advance, and where the audit log goes.
 */
public final class ArmOptions {

    @Option(names = "--arm", description = "Arm this run: plans and commands that change things may run, each after "
            + "its confirmation (live deployments only).")
    boolean arm;

    @Option(names = "--dry-run", description = "Only show what would run (the default without --arm).")
    boolean dryRun;

    @Option(names = "--yes", description = "Answer yes to yes/no questions (disruptive plans, commands, confirm steps). "
            + "Destructive plans still need --confirm.")
    boolean yes;

    @Option(names = "--confirm", paramLabel = "SUBJECT", split = ",",
            description = "For destructive plans: their subjects (device path, address, ID) typed back in advance.")
    List<String> confirm;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Where applied changes are recorded (default: $XDG_STATE_HOME/kolla-doctor/audit.jsonl).")
    Path auditLog;

    public boolean armed() {
        return arm;
    }

    /** Refuses contradictions and arming anything but a live deployment. */
    void validate(SourceOptions source) {
        if (arm && dryRun) {
            throw new UsageException("--arm and --dry-run contradict each other");
        }
        if (arm && !source.isLive()) {
            throw new UsageException("--arm changes a live deployment: not with --snapshot or --demo");
        }
    }

    AuditLog auditLog(SecretMasker masker) {
        Path file = auditLog != null ? auditLog
                : AuditLog.standardPath(System.getenv(), Path.of(System.getProperty("user.home")));
        return new AuditLog(file, masker);
    }

    TerminalOperator operator(PrintWriter out) {
        return new TerminalOperator(out, yes, confirm);
    }
}
