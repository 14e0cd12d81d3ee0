package io.kolladoctor.app.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import io.kolladoctor.app.tui.Theme.Style;

/**
 * Where views draw: a lanterna {@link TextGraphics} (a screen's back buffer, or an image in tests) with the
 * theme. Every string goes through {@link Text#clean} and is cut to the room it is given, by display columns.
 */
public final class Canvas {

    /** A rectangle of the screen, in columns and rows. */
    public record Rect(int col, int row, int width, int height) {
        public Rect below(int rows) {
            return new Rect(col, row + rows, width, Math.max(0, height - rows));
        }

        public Rect top(int rows) {
            return new Rect(col, row, width, Math.max(0, Math.min(height, rows)));
        }
    }

    private final TextGraphics g;
    private final Theme theme;

    public Canvas(TextGraphics g, Theme theme) {
        this.g = g;
        this.theme = theme;
    }

    public Theme theme() {
        return theme;
    }

    /** Draws text at most {@code max} columns wide (ellipsis when cut); returns the columns used. */
    public int text(int col, int row, String text, int max, Style style) {
        if (max <= 0) {
            return 0;
        }
        String s = Text.fit(Text.clean(text, theme.unicode()), max, theme.ellipsis());
        apply(style);
        g.putString(col, row, s);
        return Text.width(s);
    }

    /** Text already cleaned and measured by the caller (tables, pagers), cut without ellipsis. */
    public int raw(int col, int row, String cleaned, int max, Style style) {
        if (max <= 0 || cleaned.isEmpty()) {
            return 0;
        }
        String s = Text.cut(cleaned, max);
        apply(style);
        g.putString(col, row, s);
        return Text.width(s);
    }

    public void fill(int col, int row, int width, Style style) {
        if (width > 0) {
            apply(style);
            g.putString(col, row, " ".repeat(width));
        }
    }

    /** A box with its title on the top edge and an optional note on the right of the top edge. */
    public void box(Rect r, String title, String note, Style titleStyle) {
        if (r.width() < 2 || r.height() < 2) {
            return;
        }
        Style frame = theme.frame();
        String h = String.valueOf(theme.horizontal()).repeat(r.width() - 2);
        apply(frame);
        g.putString(r.col(), r.row(), theme.topLeft() + h + theme.topRight());
        g.putString(r.col(), r.row() + r.height() - 1, theme.bottomLeft() + h + theme.bottomRight());
        for (int y = r.row() + 1; y < r.row() + r.height() - 1; y++) {
            g.putString(r.col(), y, String.valueOf(theme.vertical()));
            g.putString(r.col() + r.width() - 1, y, String.valueOf(theme.vertical()));
        }
        int room = r.width() - 4;
        int used = 0;
        if (title != null && !title.isEmpty()) {
            used = text(r.col() + 2, r.row(), " " + title + " ", room, titleStyle);
        }
        if (note != null && !note.isEmpty()) {
            String n = " " + Text.clean(note, theme.unicode()) + " ";
            int w = Text.width(n);
            if (used + w + 1 <= room) {
                raw(r.col() + r.width() - 2 - w, r.row(), n, w, theme.dim());
            }
        }
    }

    private void apply(Style style) {
        Style s = style == null ? theme.plain() : style;
        g.setForegroundColor(s.fg() == null ? TextColor.ANSI.DEFAULT : s.fg());
        g.setBackgroundColor(s.bg() == null ? TextColor.ANSI.DEFAULT : s.bg());
        g.clearModifiers();
        if (s.bold()) {
            g.enableModifiers(SGR.BOLD);
        }
        if (s.reverse()) {
            g.enableModifiers(SGR.REVERSE);
        }
    }
}
