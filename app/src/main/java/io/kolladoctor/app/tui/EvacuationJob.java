package io.kolladoctor.app.tui;

import io.kolladoctor.app.cli.EvacuationOptions;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.AuditLog;
import io.kolladoctor.fixes.evacuation.Cleanup;
import io.kolladoctor.fixes.evacuation.Evacuation;
import io.kolladoctor.fixes.evacuation.EvacuationAudit;
import io.kolladoctor.fixes.evacuation.EvacuationHistory;
import io.kolladoctor.fixes.evacuation.EvacuationOperator;
import io.kolladoctor.fixes.evacuation.ManagementAddresses;
import io.kolladoctor.fixes.evacuation.Nova;
import io.kolladoctor.fixes.evacuation.UmhaSite;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One guided evacuation in the console, off the UI thread: the {@link Evacuation}'s operator. Its lines collect here
 * for the wizard, each instance's latest state in a table; its questions go to the prompt line (y/N, or the host's
 * name typed back) and its thread waits for the answer (none if the console closes first). Disarmed, the
 * evacuation runs its read-only stages only. With {@code --cleanup} it is {@link Cleanup} instead (the repaired host
 * powered on, force-down cleared, enabled), its questions asked the same way. The options are
 * {@code kolla-doctor evacuate}'s ({@link EvacuationOptions}).
 */
final class EvacuationJob implements EvacuationOperator {

    private static final Logger LOG = Logger.getLogger(EvacuationJob.class.getName());

    private record Setup(Deployment deployment, UmhaSite site, SecretMasker masker) {
    }

    private final String host;
    private final EvacuationOptions options;
    private final boolean armed;
    private final Console console;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Map<String, String> instances = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile SecretMasker masker = SecretMasker.patterns();
    private volatile Evacuation.Report report;
    private volatile Cleanup.Report cleanup;
    private volatile String error;
    private volatile boolean finished;

    private EvacuationJob(String host, EvacuationOptions options, boolean armed, Console console) {
        this.host = host;
        this.options = options;
        this.armed = armed;
        this.console = console;
    }

    /** Starts the evacuation of {@code host} on its own thread (the caller has checked the source is live). */
    static EvacuationJob start(String host, EvacuationOptions options, boolean armed, Console console) {
        EvacuationJob job = new EvacuationJob(host, options, armed, console);
        FixSession session = console.fixes();
        session.evacuating(job);
        FactSource source = console.refresher().source();
        Thread.ofPlatform().daemon().name("kd-evacuate").start(() -> job.run(session, source));
        return job;
    }

    private void run(FixSession session, FactSource source) {
        LOG.info(() -> (options.cleanup() ? "cleaning up " : "evacuating ") + host + (armed ? " (armed)" : " (plan only)")
                + (options.describe().isEmpty() ? "" : " with " + options.describe()));
        EvacuationTools tools = session.evacuationTools();
        try {
            Setup setup = console.refresher().load((facts, m) -> {
                Deployment deployment;
                try {
                    deployment = Deployments.of(facts);
                } catch (FactUnavailableException e) {
                    deployment = null; // no inventory addresses then: the BMC alone proves the host is off
                }
                UmhaSite site = tools.sites().load(options.umhaConf(),
                        deployment != null && deployment.globals().bool("nova_backend_ceph"));
                return new Setup(deployment, site, m.withKnown(site.secrets()));
            }).get();
            masker = setup.masker();
            say("Settings: " + setup.site().source());
            setup.site().problems().forEach(p -> say("  note: " + p));
            EvacuationAudit audit = new EvacuationAudit(new AuditLog(session.auditFile(), masker), host);
            Nova nova = new Nova(session.backend().actions(source), audit.novaRecorder());
            EvacuationHistory history = new EvacuationHistory(tools.history(), masker);
            if (options.cleanup()) {
                cleanup = new Cleanup(nova, tools.bmcs(), setup.site(), this, audit, history)
                        .run(host, armed, options.timeout());
            } else {
                report = new Evacuation(nova, tools.bmcs(), tools.probes(), setup.site(),
                        ManagementAddresses.of(setup.deployment()), this, audit, history)
                        .run(options.request(host, armed, tools.probeInterval()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            error = "the settings could not be read: " + (cause.getMessage() == null ? cause : cause.getMessage());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "evacuating " + host + " failed", e);
            error = (e.getMessage() == null ? e.toString() : e.getMessage())
                    + " (stopped there; the audit log and the history say what was done)";
        } finally {
            finished = true;
            LOG.info(() -> "evacuation of " + host + ": " + verdict());
            if (armed) {
                console.refresher().refresh(); // Nova may have changed: the views say what it is now
            }
            console.wake();
        }
    }

    String host() {
        return host;
    }

    boolean armed() {
        return armed;
    }

    EvacuationOptions options() {
        return options;
    }

    boolean finished() {
        return finished;
    }

    List<String> lines() {
        return lines;
    }

    /** Each instance that has moved or is moving, with its latest state, in the order they started. */
    List<Map.Entry<String, String>> instances() {
        synchronized (instances) {
            return List.copyOf(instances.entrySet());
        }
    }

    /** REFUSED / PLAN / STOPPED / DONE (a cleanup: BACK) / FAILED and what it means; null while it runs. */
    String verdict() {
        Cleanup.Report c = cleanup;
        if (c != null) {
            if (!c.done() && !armed) {
                return "PLAN ONLY: nothing was changed. plan only — arm fixes (A), then a runs the cleanup again: "
                        + "power on, clear force-down, enable, each after its confirmation.";
            }
            return (c.done() ? "BACK: " : "STOPPED: ") + masker.mask(c.summary());
        }
        Evacuation.Report r = report;
        if (r == null) {
            return error == null ? null : "FAILED: " + masker.mask(error);
        }
        if (r.refused()) {
            return "REFUSED: " + masker.mask(r.summary());
        }
        if (!armed) {
            return "PLAN ONLY: nothing was changed. plan only — arm fixes (A) to evacuate, then a runs the wizard "
                    + "again: fence, force-down, then the instances, each after its confirmation.";
        }
        return (r.stopped() ? "STOPPED: " : "DONE: ") + masker.mask(r.summary());
    }

    /** Whether every planned instance moved, or the cleaned-up host is back (for the verdict's colour). */
    boolean succeeded() {
        Cleanup.Report c = cleanup;
        if (c != null) {
            return c.done();
        }
        Evacuation.Report r = report;
        return r != null && armed && r.allMoved();
    }

    @Override
    public boolean approve(String question) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        String q = masker.mask(question);
        console.post(() -> console.ask(Ask.yesNo(q, answer::complete)));
        boolean yes = FixJob.await(console, answer, false);
        lines.add(q + " " + (yes ? "yes" : "no"));
        return yes;
    }

    @Override
    public boolean typeBack(String expected, String prompt) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        // the whole question in the wizard, where it has room; the prompt line only says what to type
        lines.add(masker.mask(prompt));
        console.wake();
        console.post(() -> console.ask(Ask.text("Type " + masker.mask(expected) + " to go on", answer::complete)));
        String typed = FixJob.await(console, answer, null);
        lines.add("  typed: " + (typed == null ? "(cancelled)" : masker.mask(typed)));
        return expected.equals(typed);
    }

    @Override
    public void say(String line) {
        lines.add(masker.mask(line));
        console.wake();
    }

    @Override
    public void progress(String instance, String state) {
        instances.put(masker.mask(instance), masker.mask(state));
        console.wake();
    }
}
