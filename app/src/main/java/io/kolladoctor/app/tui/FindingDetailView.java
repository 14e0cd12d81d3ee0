package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.checks.CheckInfo;
import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.checks.catalog.Seeds;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One finding in full: status, check and subject, the summary, every piece of evidence (where: file and line,
 * API field, command; the excerpt quoted), the catalog's explanation (symptom, rule), the fix and how to verify
 * it, and the incident write-up the check comes from. After a refresh it shows the same finding as re-found by
 * the new sweep, or says it is gone. {@code f} opens the fix's plan ({@link PlanView}) when the check has a fix.
 */
final class FindingDetailView extends PagerView {

    private static final int LABEL = 8;

    private final Finding original;
    private String subject;

    /** Whether a fix exists for the finding's check ({@code f} opens its plan). */
    private final boolean fixable;

    FindingDetailView(Finding finding) {
        this(finding, false);
    }

    FindingDetailView(Finding finding, boolean fixable) {
        this.original = finding;
        this.subject = finding.subject().display();
        this.fixable = fixable;
    }

    @Override
    public boolean key(KeyStroke k, Console console) {
        if (!Keys.is(k, 'f')) {
            return super.key(k, console);
        }
        if (!fixable) {
            console.message("no guided fix for " + original.checkId() + ": the Fix section says what to do by hand");
        } else {
            ConsoleState state = console.refresher().state();
            console.push(new PlanView(current(state).orElse(original), console));
        }
        return true;
    }

    @Override
    public List<Hint> hints() {
        if (!fixable) {
            return super.hints();
        }
        List<Hint> hints = new ArrayList<>();
        hints.add(new Hint("f", "fix plan"));
        hints.addAll(super.hints());
        return hints;
    }

    @Override
    public String name() {
        return "finding";
    }

    @Override
    public String title(ConsoleState state) {
        return original.checkId() + "  " + subject;
    }

    /** The finding as the latest sweep has it, if it still does. */
    Optional<Finding> current(ConsoleState state) {
        Object key = FindingsView.key(original);
        return state.findings().stream().filter(f -> FindingsView.key(f).equals(key)).findFirst();
    }

    @Override
    Document document(Theme theme, ConsoleState state) {
        Optional<Finding> now = current(state);
        Finding f = now.orElse(original);
        subject = f.subject().display();
        boolean gone = now.isEmpty() && state.sweep() != null && !state.sweeping();
        return document(theme, f, gone);
    }

    static Document document(Theme theme, Finding f, boolean gone) {
        Document d = new Document(theme);
        Optional<CheckInfo> info = Catalog.byId(f.checkId()).map(c -> c.info());
        d.para(0, 0, new Document.Span(" " + f.status() + " ", theme.status(f.status()).reversed()),
                new Document.Span("  " + f.checkId() + info.map(i -> " — " + i.title()).orElse(""), theme.bold()));
        if (gone) {
            d.text(0, "The last refresh no longer reports this finding: it may be fixed. Esc goes back to the list.", theme.error());
        }
        d.blank();
        d.field(0, "Subject", LABEL, f.subject().kind() + " " + f.subject().display(), theme.plain());
        d.field(0, "Summary", LABEL, f.summary(), theme.status(f.status()));
        d.heading("Evidence" + (f.evidence().isEmpty() ? "" : " (" + f.evidence().size() + ")"));
        if (f.evidence().isEmpty()) {
            d.text(2, "none recorded", theme.dim());
        }
        int n = 1;
        for (Evidence e : f.evidence()) {
            d.para(2, 4, new Document.Span(n++ + ". ", theme.dim()), new Document.Span(e.source(), theme.bold()),
                    new Document.Span(e.location() == null ? "" : "  " + e.location(), theme.plain()));
            if (e.excerpt() != null && !e.excerpt().isBlank()) {
                d.quote(5, e.excerpt(), theme.plain());
            }
        }
        info.ifPresent(i -> {
            d.heading("Why");
            d.field(2, "Symptom", LABEL, i.symptom(), theme.plain());
            d.field(2, "Rule", LABEL, i.rule(), theme.plain());
        });
        d.heading("Fix");
        String fix = f.fixHint() != null ? f.fixHint() : info.map(CheckInfo::fix).orElse(null);
        if (fix == null) {
            d.text(2, "none on offer", theme.dim());
        } else {
            if (f.fixHint() == null) {
                d.text(2, "(nothing to fix for a " + f.status() + " finding; the catalog's fix for this check:)", theme.dim());
            }
            d.text(2, fix, theme.plain());
        }
        if (f.fixId() != null) {
            d.field(2, "Guided", LABEL, "f shows its plan (kolla-doctor fix " + f.fixId() + " in the shell); it "
                    + "applies only once fixes are armed (:arm, live deployments only)", theme.plain());
        }
        info.ifPresent(i -> d.field(2, "Verify", LABEL, i.verify(), theme.plain()));
        info.ifPresent(i -> {
            d.heading("Source");
            for (String seed : i.seeds()) {
                d.text(2, Seeds.describe(seed), theme.plain());
            }
            d.text(2, "kolla-doctor explain " + i.id(), theme.dim());
        });
        return d;
    }
}
