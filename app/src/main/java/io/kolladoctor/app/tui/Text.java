package io.kolladoctor.app.tui;

import com.googlecode.lanterna.TerminalTextUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Terminal text by display columns: CJK characters take two columns, so widths, truncation, padding and
 * wrapping count columns, never chars. {@link #clean} makes any text safe to draw: no escape sequences or
 * control characters from a log line reach the terminal, and under the ASCII theme nothing but ASCII does.
 */
public final class Text {

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\\\-_]");
    private static final Map<Character, String> ASCII = Map.ofEntries(
            Map.entry('—', "-"), Map.entry('–', "-"), Map.entry('…', "..."), Map.entry('→', "->"),
            Map.entry('←', "<-"), Map.entry('·', "-"), Map.entry('“', "\""), Map.entry('”', "\""),
            Map.entry('‘', "'"), Map.entry('’', "'"), Map.entry('×', "x"), Map.entry('›', ">"),
            Map.entry('│', "|"), Map.entry('─', "-"), Map.entry('\u00a0', " "));

    private Text() {
    }

    /** Drawable text: escape sequences dropped, tabs expanded, controls and (ASCII theme) non-ASCII as {@code ?}. */
    public static String clean(String text, boolean unicode) {
        if (text == null) {
            return "";
        }
        String s = text.indexOf('\u001b') >= 0 ? ANSI.matcher(text).replaceAll("") : text;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t') {
                out.append("    ");
            } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
                out.append('?');
            } else if (!unicode && cp > 0x7e) {
                out.append(cp <= 0xffff ? ASCII.getOrDefault((char) cp, "?") : "?");
            } else if (cp > 0xffff || Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.FORMAT) {
                // emoji and other supplementary characters print as "??" in lanterna (lanterna#505), combining
                // and zero-width characters would shift every column after them: one '?' keeps the grid true
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    public static int width(char c) {
        return TerminalTextUtils.isCharDoubleWidth(c) ? 2 : 1;
    }

    /** Display columns of already cleaned text. */
    public static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += width(s.charAt(i));
        }
        return w;
    }

    /** At most {@code columns} wide; cut text ends with the ellipsis. */
    public static String fit(String s, int columns, String ellipsis) {
        if (columns <= 0) {
            return "";
        }
        if (width(s) <= columns) {
            return s;
        }
        int room = columns - width(ellipsis);
        if (room < 1) {
            return cut(s, columns);
        }
        return cut(s, room) + ellipsis;
    }

    /** The longest prefix at most {@code columns} wide (a wide character that would straddle the edge is left out). */
    public static String cut(String s, int columns) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            int cw = width(s.charAt(i));
            if (w + cw > columns) {
                return s.substring(0, i);
            }
            w += cw;
        }
        return s;
    }

    /** Fitted and padded with spaces to exactly {@code columns}. */
    public static String pad(String s, int columns, String ellipsis) {
        String f = fit(s, columns, ellipsis);
        return f + " ".repeat(Math.max(0, columns - width(f)));
    }

    /**
     * Word wrap of one line (no newlines) into ranges {@code [start, end)}: the first line at most {@code first}
     * columns, the others at most {@code rest}; words wider than a line are split; the space a line breaks at
     * is dropped.
     */
    public static List<int[]> wrap(String s, int first, int rest) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        int lineWidth = 0;
        int lastSpace = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int limit = Math.max(1, lines.isEmpty() ? first : rest);
            int cw = width(c);
            if (lineWidth + cw > limit && i > start) {
                if (c == ' ') {
                    lines.add(new int[] {start, i});
                    start = i + 1;
                    lineWidth = 0;
                    lastSpace = -1;
                    continue;
                }
                if (lastSpace > start) {
                    lines.add(new int[] {start, lastSpace});
                    start = lastSpace + 1;
                } else {
                    lines.add(new int[] {start, i});
                    start = i;
                }
                lineWidth = width(s.substring(start, i));
                lastSpace = -1;
                for (int j = start; j < i; j++) {
                    if (s.charAt(j) == ' ') {
                        lastSpace = j;
                    }
                }
            }
            if (c == ' ') {
                lastSpace = i;
            }
            lineWidth += cw;
        }
        lines.add(new int[] {start, s.length()});
        return lines;
    }

    /** {@link #wrap} as strings. */
    public static List<String> wrapped(String s, int width) {
        List<String> out = new ArrayList<>();
        for (String line : s.split("\n", -1)) {
            for (int[] r : wrap(line, width, width)) {
                out.add(line.substring(r[0], r[1]));
            }
        }
        return out;
    }
}
