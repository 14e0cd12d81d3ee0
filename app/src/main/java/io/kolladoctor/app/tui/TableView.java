package io.kolladoctor.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import io.kolladoctor.app.tui.Canvas.Rect;
import io.kolladoctor.app.tui.Theme.Style;
import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * What every list view shares (k9s' browser): the table of a {@link Section}'s rows, {@code /} filtering
 * (regex over the row's text, {@code !} negates), {@code t} for troubled rows only, Enter for the detail of the
 * selected row, the section's problem lines under the table, and "loading" while a refresh runs.
 */
abstract class TableView<R> implements View {

    protected final Table<R> table;
    private Filter filter = Filter.NONE;
    private boolean troubledOnly;

    TableView(List<Table.Column<R>> columns, java.util.function.Function<R, Object> key) {
        this.table = new Table<>(columns, key);
    }

    /** The title's noun: "Containers". */
    abstract String label();

    abstract Section<R> section(ConsoleState state);

    /** The text {@code /} matches against. */
    abstract String text(R row);

    /** 2 broken, 1 worth a look, 0 fine. */
    abstract int trouble(R row);

    /** The view Enter opens on a row; null when rows have no detail. */
    View detail(R row, Console console) {
        return null;
    }

    /** Extra counts for the title ({@code 1 down}). */
    String summary(List<R> all) {
        long bad = all.stream().filter(r -> trouble(r) >= 2).count();
        return bad == 0 ? "" : bad + " in trouble";
    }

    List<R> visible(ConsoleState state) {
        List<R> out = new ArrayList<>();
        for (R row : section(state).rows()) {
            if ((!troubledOnly || trouble(row) > 0) && filter.keeps(text(row))) {
                out.add(row);
            }
        }
        return out;
    }

    @Override
    public String title(ConsoleState state) {
        Section<R> s = section(state);
        List<R> rows = visible(state);
        StringBuilder t = new StringBuilder(label());
        t.append(" [").append(rows.size());
        if (rows.size() != s.rows().size()) {
            t.append(" of ").append(s.rows().size());
        }
        t.append(']');
        String summary = summary(s.rows());
        if (!summary.isEmpty()) {
            t.append(' ').append(summary);
        }
        if (troubledOnly) {
            t.append(" troubled only");
        }
        if (s.loading() && s.loaded()) {
            t.append(" (refreshing)");
        }
        if (filter.active()) {
            t.append(" /").append(filter.text());
        }
        return t.toString();
    }

    @Override
    public void render(Canvas canvas, Rect area, ConsoleState state) {
        Section<R> s = section(state);
        Theme theme = canvas.theme();
        table.rows(visible(state));
        if (table.rows().isEmpty()) {
            canvas.text(area.col() + 2, area.row() + 1, empty(state, s), area.width() - 4, theme.dim());
            // nothing else to show: the problems in full, wrapped
            int row = area.row() + 2;
            for (String problem : s.problems()) {
                for (String line : Text.wrapped(problem, area.width() - 6)) {
                    if (row >= area.row() + area.height()) {
                        return;
                    }
                    canvas.text(area.col() + 4, row++, line, area.width() - 6, theme.error());
                }
            }
            return;
        }
        List<String> notes = new ArrayList<>(s.problems());
        int room = Math.max(0, Math.min(notes.size(), area.height() / 3));
        if (notes.size() > room && room > 0) {
            int hidden = notes.size() - room + 1;
            notes = new ArrayList<>(notes.subList(0, room - 1));
            notes.add("… and " + hidden + " more");
        } else if (room == 0) {
            notes = List.of();
        }
        Rect tableArea = area.top(area.height() - notes.size());
        for (int i = 0; i < notes.size(); i++) {
            canvas.text(area.col() + 1, area.row() + area.height() - notes.size() + i, notes.get(i), area.width() - 2,
                    theme.error());
        }
        table.render(canvas, tableArea, r -> rowStyle(theme, r));
    }

    /** What the body says when no row is shown. */
    String empty(ConsoleState state, Section<R> s) {
        if (!s.loaded()) {
            return "loading…";
        }
        if (!s.rows().isEmpty()) {
            return "no rows match" + (filter.active() ? " /" + filter.text() : "")
                    + (troubledOnly ? " (troubled only: t shows all)" : "");
        }
        return s.problems().isEmpty() ? "none in this source" : "nothing could be loaded:";
    }

    Style rowStyle(Theme theme, R row) {
        return theme.trouble(trouble(row));
    }

    @Override
    public String note() {
        return table.position();
    }

    /**
     * Brings the table up to date with the state before a key acts on it: keys typed faster than frames are
     * drawn (a paste, "/sdc" then Enter) must open the row the operator sees once the filter applies.
     */
    void sync(Console console) {
        table.rows(visible(console.refresher().state()));
    }

    @Override
    public boolean key(KeyStroke k, Console console) {
        sync(console);
        if (table.key(k)) {
            return true;
        }
        if (Keys.enter(k) && table.selectedRow() != null) {
            View detail = detail(table.selectedRow(), console);
            if (detail != null) {
                console.push(detail);
            }
            return true;
        }
        if (Keys.is(k, 't')) {
            troubledOnly = !troubledOnly;
            return true;
        }
        return false;
    }

    @Override
    public List<Hint> hints() {
        return List.of(new Hint("enter", "detail"), new Hint("/", "filter"), new Hint("t", "troubled"));
    }

    @Override
    public Filter filter() {
        return filter;
    }

    @Override
    public void filter(Filter f) {
        filter = f;
    }
}
