package io.kolladoctor.app.report;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.sweep.SweepResult;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The human report: findings grouped by status, worst first; OK and SKIP only with {@code --all}; each with
 * its subject, summary, evidence (indented, excerpts as quoted lines) and fix hint; a one-line tally last.
 */
public final class TextReport {

    private static final Map<Status, String> COLORS = Map.of(
            Status.FAIL, "\u001b[1;31m", Status.ERROR, "\u001b[1;35m", Status.WARN, "\u001b[1;33m",
            Status.INFO, "\u001b[36m", Status.OK, "\u001b[32m", Status.SKIP, "\u001b[2m");
    private static final String RESET = "\u001b[0m";

    private final boolean all;
    private final boolean color;

    public TextReport(boolean all, boolean color) {
        this.all = all;
        this.color = color;
    }

    /** Colour only on a terminal, and never when NO_COLOR is set or TERM is dumb (https://no-color.org). */
    public static boolean colorWanted() {
        String term = System.getenv("TERM");
        return stdoutIsTerminal() && System.getenv("NO_COLOR") == null && term != null && !term.equals("dumb");
    }

    /**
     * Since JDK 22 {@code System.console()} is non-null even when output is piped; {@code Console.isTerminal()}
     * (22+) tells the truth. Built for release 21, so it is looked up reflectively.
     */
    public static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a non-null console is a terminal
        }
    }

    public void write(SweepResult result, PrintWriter out) {
        out.println("kolla-doctor — " + result.source());
        for (Status status : List.of(Status.FAIL, Status.ERROR, Status.WARN, Status.INFO, Status.SKIP, Status.OK)) {
            List<Finding> group = result.findings().stream().filter(f -> f.status() == status).toList();
            if (group.isEmpty() || (!all && !status.isNoteworthy())) {
                continue;
            }
            out.println();
            out.println(paint(status, status + " (" + group.size() + ")"));
            Map<String, Finding> fixShown = new HashMap<>();
            group.forEach(f -> writeFinding(f, fixShown, out));
        }
        out.println();
        out.println(tally(result));
    }

    /** The fix hint is printed for FAIL and WARN, once per check in a group; later findings point back to it. */
    private void writeFinding(Finding f, Map<String, Finding> fixShown, PrintWriter out) {
        out.println("  " + paint(f.status(), String.format("%-5s", f.status())) + " " + f.checkId() + "  " + f.subject().display());
        out.println("        " + f.summary());
        for (Evidence e : f.evidence()) {
            out.println("        evidence: " + e.where());
            if (e.excerpt() != null && !e.excerpt().isBlank()) {
                e.excerpt().lines().limit(8).forEach(line -> out.println("          | " + line));
            }
        }
        if (f.fixHint() == null || !(f.status() == Status.FAIL || f.status() == Status.WARN)) {
            return;
        }
        Finding first = fixShown.putIfAbsent(f.checkId(), f);
        String fixId = f.fixId() == null ? "" : " [kolla-doctor fix " + f.fixId() + "]";
        out.println("        fix: " + (first == null ? f.fixHint() : "as for " + first.subject().display() + " above") + fixId);
    }

    private String tally(SweepResult result) {
        Map<Status, Long> counts = result.counts();
        StringBuilder sb = new StringBuilder();
        for (Status s : List.of(Status.FAIL, Status.ERROR, Status.WARN, Status.INFO, Status.OK, Status.SKIP)) {
            sb.append(sb.length() == 0 ? "" : ", ").append(counts.get(s)).append(' ').append(s);
        }
        long checks = result.findings().stream().map(Finding::checkId).distinct().count();
        sb.append(" — ").append(checks).append(" checks, ").append(result.fetches()).append(" requests, ")
                .append(result.took().toMillis()).append(" ms");
        if (!all && (counts.get(Status.OK) + counts.get(Status.SKIP)) > 0) {
            sb.append(" (OK and SKIP hidden: --all shows them)");
        }
        return sb.toString();
    }

    private String paint(Status status, String text) {
        return color ? COLORS.get(status) + text + RESET : text;
    }
}
