package io.kolladoctor.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import io.kolladoctor.app.cli.EvacuationOptions;
import io.kolladoctor.app.tui.data.ConsoleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code :evacuate HOST}: the guided evacuation of a failed compute host, as {@code kolla-doctor evacuate} runs it.
 * Only on a live deployment. It starts at once: disarmed, the read-only stages (preflight, plan) and nothing else;
 * armed, every change waits for its question on the prompt line. The stages and their lines stream in, with a table
 * of each moving instance's state. Esc leaves, except while it runs. The options after the host are
 * {@code kolla-doctor evacuate}'s ({@code --target}, {@code --host-is-off}, {@code --cleanup}, ...).
 */
final class EvacuationView extends PagerView {

    private static final int INSTANCE = 36;

    private final String host;
    private final EvacuationOptions options;
    private final FixSession session;
    private final String refusal;
    private EvacuationJob job;

    EvacuationView(String host, EvacuationOptions options, Console console) {
        this.host = host;
        this.options = options;
        this.session = console.fixes();
        String why = session.backend().refusal(console.refresher().source());
        this.refusal = why == null ? null : "evacuation needs a live deployment: " + why;
        if (refusal == null) {
            job = EvacuationJob.start(host, options, session.armed(), console);
        }
    }

    @Override
    public String name() {
        return "evacuate";
    }

    @Override
    public String title(ConsoleState state) {
        String given = options.describe().replace("--cleanup", "").strip();
        return (options.cleanup() ? "Clean up " : "Evacuate ") + host + (given.isEmpty() ? "" : " " + given)
                + (running() ? "  (running…)" : "");
    }

    private boolean running() {
        return job != null && !job.finished();
    }

    @Override
    public String holdsBack() {
        return running() ? "an evacuation is running: the wizard stays until it ends (q asks before quitting)" : null;
    }

    @Override
    Document document(Theme theme, ConsoleState state) {
        Document d = new Document(theme);
        if (refusal != null) {
            d.text(0, "Refused: " + refusal + ".", theme.error());
            d.text(0, "Nothing was run. Open the console on a live deployment (no --demo, no --snapshot).", theme.dim());
            return d;
        }
        if (options.cleanup()) {
            d.text(0, job.armed() ? "ARMED: the power on and enabling " + host + " again each wait for a y; every change "
                    + "goes to the audit log (" + session.auditFile() + ")."
                    : "Disarmed: only what the cleanup would do; nothing here changes the deployment.",
                    job.armed() ? theme.error() : theme.dim());
            d.heading("Cleanup: bring " + host + " back (power on, clear force-down, enable)");
        } else {
            d.text(0, job.armed() ? "ARMED: the power off waits for " + host + " typed back, force-down and the evacuation "
                    + "each for a y; every change goes to the audit log (" + session.auditFile() + ")."
                    : "Disarmed: the read-only stages only (preflight and plan); nothing here changes the deployment.",
                    job.armed() ? theme.error() : theme.dim());
        }
        for (String line : job.lines()) {
            if (line.matches("\\d\\. .*")) {
                d.heading(line);
            } else {
                d.text(2, line, line.startsWith("REFUSED") || line.startsWith("STOPPED") ? theme.error() : theme.plain());
            }
        }
        List<Map.Entry<String, String>> instances = job.instances();
        if (!instances.isEmpty()) {
            d.heading("Instances");
            d.field(2, "INSTANCE", INSTANCE, "STATE", theme.bold());
            instances.forEach(e -> d.field(2, e.getKey(), INSTANCE, e.getValue(),
                    e.getValue().startsWith("FAILED") ? theme.error() : theme.plain()));
        }
        String verdict = job.verdict();
        d.blank();
        if (verdict == null) {
            d.text(0, "running…", theme.dim());
        } else {
            d.text(0, verdict, job.succeeded() || verdict.startsWith("PLAN") ? theme.bold() : theme.error());
            d.text(0, (job.armed() ? "The history: " + session.evacuationTools().history() + "; :audit shows the log. "
                    : "") + "a runs it again, Esc goes back.", theme.dim());
        }
        return d;
    }

    @Override
    public boolean key(KeyStroke k, Console console) {
        if (Keys.is(k, 'A')) {
            console.jump("arm");
            return true;
        }
        if (!Keys.is(k, 'a')) {
            return super.key(k, console);
        }
        String busy = session.busy();
        if (refusal != null) {
            console.message("evacuation refused: " + refusal);
        } else if (busy != null) {
            console.message(busy + ": one at a time");
        } else {
            job = EvacuationJob.start(host, options, session.armed(), console);
        }
        return true;
    }

    @Override
    public List<Hint> hints() {
        List<Hint> hints = new ArrayList<>();
        if (refusal == null && !running()) {
            hints.add(new Hint("a", !session.armed() ? "plan again" : options.cleanup() ? "clean up" : "evacuate"));
        }
        if (!session.armed()) {
            hints.add(new Hint("A", "arm"));
        }
        hints.add(new Hint("j/k", "scroll"));
        hints.add(new Hint("esc", "back"));
        return hints;
    }
}
