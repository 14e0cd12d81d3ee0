package io.kolladoctor.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import io.kolladoctor.app.tui.Canvas.Rect;
import io.kolladoctor.app.tui.Theme.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A list of rows under a header, k9s style: columns sized to their content and shrunk to fit the width (CJK
 * counted as two columns), the selected row in reverse video with a marker, scrolled to stay visible, and the
 * selection kept on the same row (by key) when a refresh brings new rows.
 */
public final class Table<R> {

    /**
     * A column: header, cell text, the width it never shrinks below, the width it never grows beyond (0: no
     * limit), and an optional style of its cells (else the row's).
     */
    public record Column<R>(String header, Function<R, String> cell, int min, int max, Function<R, Style> style) {
        public static <R> Column<R> of(String header, Function<R, String> cell, int min, int max) {
            return new Column<>(header, cell, min, max, null);
        }
    }

    private final List<Column<R>> columns;
    private final Function<R, Object> key;
    private List<R> rows = List.of();
    private int selected;
    private int top;
    private int page = 10;

    public Table(List<Column<R>> columns, Function<R, Object> key) {
        this.columns = List.copyOf(columns);
        this.key = key;
    }

    /** New rows; the selection stays on the row with the same key when there is one. */
    public void rows(List<R> newRows) {
        Object was = selectedRow() == null ? null : key.apply(selectedRow());
        rows = List.copyOf(newRows);
        if (was != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (Objects.equals(key.apply(rows.get(i)), was)) {
                    selected = i;
                    return;
                }
            }
        }
        selected = Math.max(0, Math.min(selected, rows.size() - 1));
    }

    public List<R> rows() {
        return rows;
    }

    public R selectedRow() {
        return rows.isEmpty() || selected >= rows.size() ? null : rows.get(selected);
    }

    public int selectedIndex() {
        return selected;
    }

    /** Moves the selection for j/k, arrows, PgUp/PgDn, g/G; false for other keys. */
    public boolean key(KeyStroke k) {
        if (Keys.up(k)) {
            selected--;
        } else if (Keys.down(k)) {
            selected++;
        } else if (Keys.pageUp(k)) {
            selected -= page;
        } else if (Keys.pageDown(k)) {
            selected += page;
        } else if (Keys.home(k)) {
            selected = 0;
        } else if (Keys.end(k)) {
            selected = rows.size() - 1;
        } else {
            return false;
        }
        selected = Math.max(0, Math.min(selected, rows.size() - 1));
        return true;
    }

    /** {@code [3/26]}: position of the selection. */
    public String position() {
        return rows.isEmpty() ? "[0]" : "[" + (selected + 1) + "/" + rows.size() + "]";
    }

    /** Draws the header and the visible rows; {@code rowStyle} colours a row (null: plain). */
    public void render(Canvas canvas, Rect area, Function<R, Style> rowStyle) {
        if (area.height() < 1 || area.width() < 4) {
            return;
        }
        Theme theme = canvas.theme();
        boolean unicode = theme.unicode();
        List<String[]> cells = new ArrayList<>(rows.size());
        for (R row : rows) {
            String[] values = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                values[c] = Text.clean(columns.get(c).cell().apply(row), unicode);
            }
            cells.add(values);
        }
        int[] widths = widths(cells, area.width() - 2);
        int x = area.col() + 2;
        for (int c = 0; c < columns.size(); c++) {
            canvas.text(x, area.row(), columns.get(c).header(), widths[c], theme.header());
            x += widths[c] + 2;
        }
        int visible = area.height() - 1;
        page = Math.max(1, visible - 1);
        if (selected < top) {
            top = selected;
        } else if (selected >= top + visible) {
            top = selected - visible + 1;
        }
        top = Math.max(0, Math.min(top, Math.max(0, rows.size() - visible)));
        for (int i = 0; i < visible && top + i < rows.size(); i++) {
            int index = top + i;
            R row = rows.get(index);
            int y = area.row() + 1 + i;
            boolean isSelected = index == selected;
            Style base = rowStyle == null ? theme.plain() : rowStyle.apply(row);
            if (isSelected) {
                canvas.fill(area.col(), y, area.width(), base.reversed());
                canvas.raw(area.col(), y, theme.selectedMarker(), 1, base.reversed());
            }
            x = area.col() + 2;
            for (int c = 0; c < columns.size(); c++) {
                Function<R, Style> cellStyle = columns.get(c).style();
                Style style = cellStyle == null ? base : cellStyle.apply(row);
                if (isSelected) {
                    style = style.reversed();
                }
                String value = Text.fit(cells.get(index)[c], widths[c], theme.ellipsis());
                canvas.raw(x, y, value, Math.min(widths[c], area.col() + area.width() - x), style);
                x += widths[c] + 2;
                if (x >= area.col() + area.width()) {
                    break;
                }
            }
        }
    }

    /** Natural widths (header and cells, capped by max), shrunk widest-first down to the minimums to fit. */
    int[] widths(List<String[]> cells, int room) {
        int n = columns.size();
        int[] w = new int[n];
        for (int c = 0; c < n; c++) {
            Column<R> col = columns.get(c);
            int natural = Text.width(col.header());
            for (String[] row : cells) {
                natural = Math.max(natural, Text.width(row[c]));
            }
            w[c] = col.max() > 0 ? Math.min(natural, col.max()) : natural;
            w[c] = Math.max(w[c], Math.min(col.min(), natural));
        }
        int total = sum(w) + 2 * (n - 1);
        while (total > room) {
            int widest = -1;
            for (int c = 0; c < n; c++) {
                if (w[c] > columns.get(c).min() && (widest < 0 || w[c] > w[widest])) {
                    widest = c;
                }
            }
            if (widest < 0) {
                break;
            }
            w[widest]--;
            total--;
        }
        if (total < room && n > 0) {
            w[n - 1] += room - total;
        }
        return w;
    }

    private static int sum(int[] values) {
        int s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }
}
