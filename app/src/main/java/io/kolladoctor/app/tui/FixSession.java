package io.kolladoctor.app.tui;

import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.checks.sweep.Sweep;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.live.LiveSource;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.AuditLog;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.PlanRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Fixes in the console, for the whole session: disarmed (read-only) until the operator arms them, which only a
 * live deployment allows; at most one plan running at a time, on its own thread, written to the same audit log
 * as {@code kolla-doctor fix}.
 */
public final class FixSession {

    /** What fixes act with: which fixes a check has, and for an armed source its actions and re-check. */
    public interface Backend {
        /** Why fixes cannot be armed on this source, or null when they can. */
        String refusal(FactSource source);

        Actions actions(FactSource source);

        PlanRunner.Verifier verifier(FactSource source);

        default List<Fix> fixes(String checkId) {
            return Fixes.forCheck(checkId);
        }
    }

    /** The real thing: a live source's actions, the check re-run live (as {@code kolla-doctor fix --arm}). */
    public static final Backend LIVE = new Backend() {
        @Override
        public String refusal(FactSource source) {
            if (source == null) {
                return "the source is not open yet";
            }
            return source instanceof LiveSource ? null : "this source is a snapshot (a recording), not a live "
                    + "deployment: fixes change a live one, so not with --demo or --snapshot";
        }

        @Override
        public Actions actions(FactSource source) {
            return ((LiveSource) source).actions();
        }

        @Override
        public PlanRunner.Verifier verifier(FactSource source) {
            return checkId -> new Sweep(Duration.ofSeconds(60))
                    .run(new Facts(source), List.of(Catalog.byId(checkId).orElseThrow())).findings();
        }
    };

    private final Path auditFile;
    private final Backend backend;
    private final EvacuationTools evacuationTools;
    private volatile boolean armed;
    private volatile FixJob job;
    private volatile EvacuationJob evacuation;

    public FixSession(Path auditFile, Backend backend) {
        this(auditFile, backend, EvacuationTools.standard());
    }

    /** With what the evacuation wizard fences, probes and reads its settings with (tests: fakes). */
    public FixSession(Path auditFile, Backend backend, EvacuationTools evacuationTools) {
        this.auditFile = auditFile;
        this.backend = backend;
        this.evacuationTools = evacuationTools;
    }

    /** Live backend, the audit log where {@code kolla-doctor fix} writes it. */
    public static FixSession standard() {
        return new FixSession(AuditLog.standardPath(System.getenv(), Path.of(System.getProperty("user.home"))), LIVE);
    }

    public Path auditFile() {
        return auditFile;
    }

    Backend backend() {
        return backend;
    }

    public boolean armed() {
        return armed;
    }

    /** Arms fixes (the caller has asked and checked {@link Backend#refusal}). */
    public void arm() {
        armed = true;
    }

    void disarm() {
        armed = false;
    }

    /** The plan being applied, or null. */
    FixJob running() {
        FixJob j = job;
        return j != null && !j.finished() ? j : null;
    }

    EvacuationTools evacuationTools() {
        return evacuationTools;
    }

    /** The evacuation under way, or null. */
    EvacuationJob evacuating() {
        EvacuationJob e = evacuation;
        return e != null && !e.finished() ? e : null;
    }

    void evacuating(EvacuationJob job) {
        evacuation = job;
    }

    /** What is changing the deployment now ("a fix is running (id)", "an evacuation of HOST is running"), or null. */
    String busy() {
        FixJob j = running();
        if (j != null) {
            return "a fix is running (" + j.plan().fixId() + ")";
        }
        EvacuationJob e = evacuating();
        return e == null ? null : "an evacuation of " + e.host() + " is running";
    }

    /** Starts applying a plan on its own thread; the job reports to the console as it goes. */
    FixJob start(Plan plan, SecretMasker masker, FactSource source, Console console) {
        FixJob j = new FixJob(plan, masker, console);
        job = j;
        PlanRunner runner = new PlanRunner(backend.actions(source), new AuditLog(auditFile, masker), j,
                backend.verifier(source));
        Thread.ofPlatform().daemon().name("kd-fix").start(() -> j.run(runner));
        return j;
    }
}
