package io.kolladoctor.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import io.kolladoctor.app.tui.Theme.Style;
import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.Section;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * The first screen: every finding worst first (FAIL, ERROR, WARN, INFO; OK and SKIP with {@code a}), filling
 * in as each check of the sweep finishes. {@code s} cycles a status filter, {@code c} keeps only the selected
 * finding's check, {@code /} filters by regex; Enter opens the finding.
 */
final class FindingsView extends TableView<Finding> {

    private static final List<Status> CYCLE = List.of(Status.FAIL, Status.ERROR, Status.WARN, Status.INFO, Status.OK, Status.SKIP);

    private boolean all;
    private Status only;
    private String check;

    FindingsView(Theme theme) {
        super(List.of(
                new Table.Column<>("STATUS", f -> f.status().name(), 5, 6, f -> theme.status(f.status())),
                Table.Column.of("CHECK", Finding::checkId, 10, 30),
                Table.Column.of("SUBJECT", f -> f.subject().display(), 12, 34),
                Table.Column.of("SUMMARY", Finding::summary, 20, 0)),
                FindingsView::key);
    }

    static Object key(Finding f) {
        return f.checkId() + "|" + f.subject().kind() + "|" + f.subject().display();
    }

    @Override
    public String name() {
        return "findings";
    }

    @Override
    String label() {
        return "Findings";
    }

    @Override
    Section<Finding> section(ConsoleState state) {
        List<String> problems = state.phase() == ConsoleState.Phase.FAILED ? List.of("source: " + state.sourceError()) : List.of();
        boolean loaded = state.sweep() != null || !state.partial().isEmpty() || state.phase() == ConsoleState.Phase.FAILED;
        return new Section<>(state.findings(), problems, state.sweeping(), loaded);
    }

    @Override
    List<Finding> visible(ConsoleState state) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : super.visible(state)) {
            boolean statusKept = only != null ? f.status() == only : all || f.status().isNoteworthy();
            if (statusKept && (check == null || check.equals(f.checkId()))) {
                out.add(f);
            }
        }
        return out;
    }

    @Override
    String text(Finding f) {
        return f.status() + " " + f.checkId() + " " + f.subject().display() + " " + f.summary();
    }

    @Override
    int trouble(Finding f) {
        return switch (f.status()) {
            case FAIL, ERROR -> 2;
            case WARN -> 1;
            default -> 0;
        };
    }

    @Override
    String summary(List<Finding> findings) {
        StringBuilder s = new StringBuilder();
        if (only != null) {
            s.append("status:").append(only);
        } else if (!all) {
            s.append("OK/SKIP hidden");
        }
        if (check != null) {
            s.append(s.length() == 0 ? "" : " ").append("check:").append(check);
        }
        return s.toString();
    }

    @Override
    String empty(ConsoleState state, Section<Finding> s) {
        if (state.phase() == ConsoleState.Phase.FAILED) {
            return "no findings: the source could not be opened (r retries)";
        }
        if (s.rows().isEmpty()) {
            return state.sweeping() ? "sweeping… findings appear as each check finishes" : "no findings";
        }
        if (only == null && !all && check == null && !filter().active()) {
            long ok = state.counts().get(Status.OK);
            return state.sweeping() ? "sweeping… nothing wrong so far (" + ok + " OK)"
                    : "nothing wrong: " + ok + " OK, " + state.counts().get(Status.SKIP) + " SKIP (a shows them)";
        }
        return super.empty(state, s);
    }

    @Override
    Style rowStyle(Theme theme, Finding f) {
        return theme.plain();
    }

    @Override
    View detail(Finding f, Console console) {
        return new FindingDetailView(f, !console.fixes().backend().fixes(f.checkId()).isEmpty());
    }

    @Override
    public boolean key(KeyStroke k, Console console) {
        sync(console);
        if (Keys.is(k, 'a')) {
            all = !all;
            only = null;
            return true;
        }
        if (Keys.is(k, 's')) {
            int i = only == null ? 0 : CYCLE.indexOf(only) + 1;
            only = i < CYCLE.size() ? CYCLE.get(i) : null;
            return true;
        }
        if (Keys.is(k, 'c')) {
            Finding f = table.selectedRow();
            check = check != null || f == null ? null : f.checkId();
            return true;
        }
        return super.key(k, console);
    }

    @Override
    public List<Hint> hints() {
        return List.of(new Hint("enter", "detail"), new Hint("/", "filter"), new Hint("s", "status"),
                new Hint("c", "this check"), new Hint("a", "OK/SKIP"));
    }
}
