package io.kolladoctor.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import io.kolladoctor.app.tui.Canvas.Rect;
import io.kolladoctor.app.tui.Document.Line;
import io.kolladoctor.app.tui.Document.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * A scrolling view of a {@link Document}, like less: j/k, PgUp/PgDn, g/G; {@code /} searches (matches
 * highlighted, the first one at or below the top scrolled into view), {@code n}/{@code N} jump between matches.
 */
public final class Pager {

    private List<Line> lines = List.of();
    private int top;
    private int height = 10;
    private Filter search = Filter.NONE;
    private boolean jumpToMatch;

    /** Lays the document out for the width (call before render and key). */
    public List<Line> layout(Document document, int width) {
        lines = document.layout(width);
        return lines;
    }

    public Filter search() {
        return search;
    }

    public void search(Filter filter) {
        search = filter;
        jumpToMatch = true;
    }

    /** Line indexes that match the search. */
    public List<Integer> matches() {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = search.matcher(lines.get(i).text());
            if (m != null && m.find()) {
                found.add(i);
            }
        }
        return found;
    }

    public boolean key(KeyStroke k) {
        if (Keys.up(k)) {
            top--;
        } else if (Keys.down(k)) {
            top++;
        } else if (Keys.pageUp(k)) {
            top -= height - 1;
        } else if (Keys.pageDown(k)) {
            top += height - 1;
        } else if (Keys.home(k)) {
            top = 0;
        } else if (Keys.end(k)) {
            top = Integer.MAX_VALUE / 2; // clamped when drawn: the view may not be laid out yet
        } else if (Keys.is(k, 'n') || Keys.is(k, 'N')) {
            List<Integer> found = matches();
            if (found.isEmpty()) {
                return true;
            }
            if (Keys.is(k, 'n')) {
                top = found.stream().filter(i -> i > top).findFirst().orElse(found.get(0));
            } else {
                top = found.stream().filter(i -> i < top).reduce((a, b) -> b).orElse(found.get(found.size() - 1));
            }
        } else {
            return false;
        }
        if (!lines.isEmpty()) {
            clamp();
        }
        return true;
    }

    /** {@code 12-40/96}: the lines on screen. */
    public String position() {
        if (lines.isEmpty()) {
            return "";
        }
        return (top + 1) + "-" + Math.min(lines.size(), top + height) + "/" + lines.size();
    }

    public void render(Canvas canvas, Rect area) {
        height = Math.max(1, area.height());
        if (jumpToMatch) {
            jumpToMatch = false;
            matches().stream().filter(i -> i >= top).findFirst()
                    .or(() -> matches().stream().findFirst()).ifPresent(i -> top = Math.max(0, i - 2));
        }
        clamp();
        Theme theme = canvas.theme();
        for (int i = 0; i < height && top + i < lines.size(); i++) {
            Line line = lines.get(top + i);
            int y = area.row() + i;
            int x = area.col() + line.indent();
            int end = area.col() + area.width();
            for (Span span : line.spans()) {
                x += canvas.raw(x, y, span.text(), end - x, span.style());
            }
            Matcher m = search.matcher(line.text());
            while (m != null && m.find()) {
                if (m.end() == m.start()) {
                    continue;
                }
                String text = line.text();
                int from = area.col() + line.indent() + Text.width(text.substring(0, m.start()));
                canvas.raw(from, y, text.substring(m.start(), m.end()), end - from, theme.match());
            }
        }
    }

    private void clamp() {
        top = Math.max(0, Math.min(top, lines.size() - height));
    }
}
