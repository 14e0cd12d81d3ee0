package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.Theme.Style;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a detail or help view as styled paragraphs, laid out (word-wrapped by display columns, with
 * indents and hanging indents) for whatever width the terminal has now: a resize re-flows it.
 */
public final class Document {

    /** A run of text in one style. */
    public record Span(String text, Style style) {
    }

    /** One paragraph: spans, the indent of its first line, the extra indent of its continuation lines. */
    record Block(List<Span> spans, int indent, int hang) {
    }

    /** One laid-out screen line. */
    public record Line(int indent, List<Span> spans) {
        public String text() {
            StringBuilder sb = new StringBuilder();
            spans.forEach(s -> sb.append(s.text()));
            return sb.toString();
        }
    }

    private final Theme theme;
    private final List<Block> blocks = new ArrayList<>();

    public Document(Theme theme) {
        this.theme = theme;
    }

    public Theme theme() {
        return theme;
    }

    public Document blank() {
        blocks.add(new Block(List.of(), 0, 0));
        return this;
    }

    public Document heading(String text) {
        if (!blocks.isEmpty()) {
            blank();
        }
        return para(0, 0, new Span(text, theme.title()));
    }

    /** Text at an indent; each of its lines a paragraph. */
    public Document text(int indent, String text, Style style) {
        for (String line : (text == null ? "" : text).split("\n", -1)) {
            para(indent, 0, new Span(line, style));
        }
        return this;
    }

    /** {@code Label     value}, the value's continuation lines aligned under its first. */
    public Document field(int indent, String label, int labelWidth, String value, Style style) {
        String l = Text.pad(label, labelWidth, "") + "  ";
        String[] lines = (value == null ? "" : value).split("\n", -1);
        para(indent, labelWidth + 2, new Span(l, theme.bold()), new Span(lines[0], style));
        for (int i = 1; i < lines.length; i++) {
            para(indent + labelWidth + 2, 0, new Span(lines[i], style));
        }
        return this;
    }

    /** An excerpt: each line quoted and kept as it is (wrapped, never re-flowed with its neighbours). */
    public Document quote(int indent, String excerpt, Style style) {
        for (String line : (excerpt == null ? "" : excerpt).split("\n", -1)) {
            para(indent, 2, new Span(theme.quote(), theme.dim()), new Span(line, style));
        }
        return this;
    }

    public Document para(int indent, int hang, Span... spans) {
        blocks.add(new Block(List.of(spans), indent, hang));
        return this;
    }

    /** The lines for a width; every span's text cleaned for the theme. */
    public List<Line> layout(int width) {
        List<Line> out = new ArrayList<>();
        for (Block b : blocks) {
            StringBuilder all = new StringBuilder();
            List<int[]> ranges = new ArrayList<>();
            for (Span s : b.spans()) {
                String t = Text.clean(s.text(), theme.unicode());
                ranges.add(new int[] {all.length(), all.length() + t.length()});
                all.append(t);
            }
            String text = all.toString();
            int first = Math.max(1, width - b.indent());
            int rest = Math.max(1, width - b.indent() - b.hang());
            List<int[]> lines = Text.wrap(text, first, rest);
            for (int li = 0; li < lines.size(); li++) {
                int[] line = lines.get(li);
                List<Span> spans = new ArrayList<>();
                for (int si = 0; si < b.spans().size(); si++) {
                    int start = Math.max(line[0], ranges.get(si)[0]);
                    int end = Math.min(line[1], ranges.get(si)[1]);
                    if (start < end) {
                        spans.add(new Span(text.substring(start, end), b.spans().get(si).style()));
                    }
                }
                out.add(new Line(b.indent() + (li == 0 ? 0 : b.hang()), spans));
            }
        }
        return out;
    }
}
