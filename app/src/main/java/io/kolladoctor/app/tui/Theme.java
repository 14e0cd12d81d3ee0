package io.kolladoctor.app.tui;

import com.googlecode.lanterna.TextColor;
import io.kolladoctor.checks.Status;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How the console draws: box-drawing and ellipsis in UTF-8, plain ASCII under a non-UTF-8 locale
 * ({@code LANG=C}: Java 18+ would still write UTF-8 and the terminal would show mojibake, so every text is
 * reduced to ASCII before it is drawn); colours only when wanted ({@code NO_COLOR}, {@code TERM=dumb} turn them
 * off) and never the only carrier of meaning: statuses are words, the selection is reverse video and a marker.
 */
public final class Theme {

    /** A text style: colours (null = the terminal's default) and attributes. */
    public record Style(TextColor fg, TextColor bg, boolean bold, boolean reverse) {
        public Style reversed() {
            return new Style(fg, bg, bold, !reverse);
        }
    }

    private static final Style PLAIN = new Style(null, null, false, false);

    private final boolean unicode;
    private final boolean color;

    public Theme(boolean unicode, boolean color) {
        this.unicode = unicode;
        this.color = color;
    }

    /** UTF-8 (or UTF-16/32) output gets the Unicode theme; {@code NO_COLOR} or {@code TERM=dumb} no colours. */
    public static Theme detect(Charset output, Map<String, String> env) {
        boolean unicode = output.name().toUpperCase(java.util.Locale.ROOT).startsWith("UTF");
        String term = env.get("TERM");
        boolean color = env.get("NO_COLOR") == null && !"dumb".equals(term);
        return new Theme(unicode, color);
    }

    /** The charset Java writes to the terminal with: {@code stdout.encoding} (JDK 19+), else the default. */
    public static Charset outputCharset() {
        String name = System.getProperty("stdout.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.US_ASCII;
        }
    }

    public boolean unicode() {
        return unicode;
    }

    public boolean color() {
        return color;
    }

    // glyphs

    public char horizontal() {
        return unicode ? '─' : '-';
    }

    public char vertical() {
        return unicode ? '│' : '|';
    }

    public char topLeft() {
        return unicode ? '┌' : '+';
    }

    public char topRight() {
        return unicode ? '┐' : '+';
    }

    public char bottomLeft() {
        return unicode ? '└' : '+';
    }

    public char bottomRight() {
        return unicode ? '┘' : '+';
    }

    public String ellipsis() {
        return unicode ? "…" : "~";
    }

    public String separator() {
        return unicode ? " │ " : " | ";
    }

    public String crumb() {
        return unicode ? " › " : " > ";
    }

    public String quote() {
        return unicode ? "│ " : "| ";
    }

    public String spinner(long tick) {
        String frames = unicode ? "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏" : "-\\|/";
        int i = (int) (tick % frames.length());
        return frames.substring(i, i + 1);
    }

    public String selectedMarker() {
        return ">";
    }

    // styles

    public Style plain() {
        return PLAIN;
    }

    public Style bold() {
        return new Style(null, null, true, false);
    }

    public Style dim() {
        return color ? new Style(TextColor.ANSI.BLACK_BRIGHT, null, false, false) : PLAIN;
    }

    public Style title() {
        return color ? new Style(TextColor.ANSI.CYAN_BRIGHT, null, true, false) : bold();
    }

    public Style frame() {
        return color ? new Style(TextColor.ANSI.BLUE, null, false, false) : PLAIN;
    }

    public Style header() {
        return color ? new Style(TextColor.ANSI.WHITE_BRIGHT, null, true, false) : bold();
    }

    public Style key() {
        return color ? new Style(TextColor.ANSI.CYAN_BRIGHT, null, true, false) : bold();
    }

    public Style banner() {
        return color ? new Style(TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, true, false) : new Style(null, null, true, true);
    }

    public Style error() {
        return color ? new Style(TextColor.ANSI.RED_BRIGHT, null, false, false) : PLAIN;
    }

    /** The header's ARMED: fixes may change the deployment. */
    public Style armed() {
        return color ? new Style(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.RED, true, false) : new Style(null, null, true, true);
    }

    public Style match() {
        return color ? new Style(TextColor.ANSI.BLACK, TextColor.ANSI.YELLOW, false, false) : new Style(null, null, false, true);
    }

    /** 2 broken, 1 worth a look, 0 fine. */
    public Style trouble(int level) {
        if (!color) {
            return level >= 2 ? bold() : PLAIN;
        }
        return switch (level) {
            case 0 -> PLAIN;
            case 1 -> new Style(TextColor.ANSI.YELLOW_BRIGHT, null, false, false);
            default -> new Style(TextColor.ANSI.RED_BRIGHT, null, true, false);
        };
    }

    public Style status(Status status) {
        if (!color) {
            return status == Status.FAIL || status == Status.ERROR ? bold() : PLAIN;
        }
        return switch (status) {
            case FAIL -> new Style(TextColor.ANSI.RED_BRIGHT, null, true, false);
            case ERROR -> new Style(TextColor.ANSI.MAGENTA_BRIGHT, null, true, false);
            case WARN -> new Style(TextColor.ANSI.YELLOW_BRIGHT, null, true, false);
            case INFO -> new Style(TextColor.ANSI.CYAN, null, false, false);
            case OK -> new Style(TextColor.ANSI.GREEN, null, false, false);
            case SKIP -> dim();
        };
    }
}
