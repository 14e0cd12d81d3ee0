package io.kolladoctor.app.tui;

import io.kolladoctor.fixes.PlanText;
import com.googlecode.lanterna.input.KeyStroke;
import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * A finding's fix ({@code f} in its detail): the plan exactly as {@code kolla-doctor fix} prints it, worked out
 * off the UI thread from the last refresh's facts. Disarmed it only shows; armed, {@code a} applies it after the
 * confirmation its risk needs, on its own thread, the runner's progress streaming in below the plan and its
 * verdict at the end. Esc leaves, except while the plan runs.
 */
final class PlanView extends PagerView {

    /** What the facts gave: the plans, the fixes that had none for this finding, and why some could not plan. */
    private record Worked(List<Plan> plans, List<String> without, SecretMasker masker, FactSource source) {
    }

    private final Finding finding;
    private final FixSession session;
    private volatile Worked worked;
    private volatile String failure;
    private int selected;
    private FixJob job;

    PlanView(Finding finding, Console console) {
        this.finding = finding;
        this.session = console.fixes();
        List<Fix> fixes = session.backend().fixes(finding.checkId());
        console.refresher().load((facts, masker) -> {
            List<Plan> plans = new ArrayList<>();
            List<String> without = new ArrayList<>();
            for (Fix fix : fixes) {
                try {
                    fix.plan(finding, facts).ifPresentOrElse(plans::add,
                            () -> without.add(fix.id() + " (" + fix.title() + ") has no plan for this finding"));
                } catch (FactUnavailableException e) {
                    without.add(fix.id() + ": no plan: " + masker.mask(e.getMessage()));
                }
            }
            return new Worked(plans, without, masker, facts.source());
        }).whenComplete((w, e) -> {
            if (e != null) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                failure = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            } else {
                worked = w;
            }
            console.wake();
        });
    }

    @Override
    public String name() {
        return "fix";
    }

    @Override
    public String title(ConsoleState state) {
        return "Fix " + finding.checkId() + "  " + finding.subject().display()
                + (job != null && !job.finished() ? "  (applying…)" : "");
    }

    @Override
    public String holdsBack() {
        return job != null && !job.finished()
                ? "a fix is running: the dialog stays until it ends (q asks before quitting)" : null;
    }

    @Override
    Document document(Theme theme, ConsoleState state) {
        Document d = new Document(theme);
        Worked w = worked;
        if (w == null) {
            d.text(0, failure != null ? "No plan: " + failure : "working out the plan from the last refresh's facts…",
                    failure != null ? theme.error() : theme.dim());
            return d;
        }
        if (w.plans().isEmpty()) {
            d.text(0, "No plan for " + finding.subject().display() + ".", theme.bold());
            w.without().forEach(line -> d.text(2, line, theme.plain()));
            d.text(2, "Only a FAIL finding a fix can read enough about gets a plan; the finding's Fix section says "
                    + "what to do by hand.", theme.dim());
            return d;
        }
        for (int i = 0; i < w.plans().size(); i++) {
            if (i > 0) {
                d.blank();
            }
            List<String> lines = PlanText.lines(w.plans().get(i), w.masker());
            for (int l = 0; l < lines.size(); l++) {
                String line = lines.get(l);
                String text = line.stripLeading();
                int indent = line.length() - text.length();
                boolean head = l == 0;
                d.para(indent, head ? 2 : text.matches("\\d+\\. .*") ? 4 : text.startsWith("note: ") ? 6 : 0,
                        new Document.Span((head && w.plans().size() > 1 ? (i == selected ? "> " : "  ") : "") + text,
                                head ? theme.bold() : theme.plain()));
            }
        }
        w.without().forEach(line -> d.text(0, line, theme.dim()));
        d.blank();
        Plan plan = w.plans().get(selected);
        if (job == null) {
            if (!session.armed()) {
                String refusal = session.backend().refusal(w.source());
                d.text(0, "Disarmed: the console is read-only, nothing here changes the deployment. " + (refusal == null
                        ? ":arm (or A) arms fixes for this session." : "Fixes cannot be armed here: " + refusal + "."),
                        theme.dim());
            } else {
                d.text(0, "ARMED: a applies the plan" + confirmation(plan) + "; every step goes to the audit log ("
                        + session.auditFile() + ").", theme.error());
            }
            return d;
        }
        d.heading("Applying " + plan.fixId() + " to " + w.masker().mask(plan.subject()));
        job.lines().forEach(line -> d.text(2, line, theme.plain()));
        String verdict = job.verdict();
        if (verdict == null) {
            d.text(2, "running…", theme.dim());
        } else {
            d.blank();
            d.text(0, verdict, job.healed() ? theme.bold() : theme.error());
            d.text(0, "Findings are being refreshed; :audit shows the log. Esc goes back.", theme.dim());
        }
        return d;
    }

    private static String confirmation(Plan plan) {
        return switch (plan.risk()) {
            case SAFE -> "";
            case DISRUPTIVE -> " after a yes (risk DISRUPTIVE)";
            case DESTRUCTIVE -> " once '" + plan.confirmation() + "' is typed back (risk DESTRUCTIVE)";
        };
    }

    @Override
    public boolean key(KeyStroke k, Console console) {
        Worked w = worked;
        if (Keys.is(k, 'A')) {
            console.jump("arm");
            return true;
        }
        if (k.getKeyType() == com.googlecode.lanterna.input.KeyType.Tab && w != null && w.plans().size() > 1) {
            if (job == null || job.finished()) {
                selected = (selected + 1) % w.plans().size();
                job = null;
            }
            return true;
        }
        if (!Keys.is(k, 'a')) {
            return super.key(k, console);
        }
        if (w == null || w.plans().isEmpty()) {
            console.message(w == null && failure == null ? "the plan is still being worked out" : "no plan to apply");
        } else if (!session.armed()) {
            console.message("fixes are disarmed: nothing was changed. :arm (or A) arms them for this session "
                    + "(live deployments only)");
        } else if (session.running() != null) {
            console.message("a fix is running already: one at a time");
        } else {
            job = session.start(w.plans().get(selected), w.masker(), w.source(), console);
        }
        return true;
    }

    @Override
    public List<Hint> hints() {
        List<Hint> hints = new ArrayList<>();
        hints.add(new Hint("a", session.armed() ? "apply" : "apply (armed only)"));
        if (!session.armed()) {
            hints.add(new Hint("A", "arm"));
        }
        Worked w = worked;
        if (w != null && w.plans().size() > 1) {
            hints.add(new Hint("tab", "next plan"));
        }
        hints.add(new Hint("j/k", "scroll"));
        hints.add(new Hint("esc", "back"));
        return hints;
    }
}
