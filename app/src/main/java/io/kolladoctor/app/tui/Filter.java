package io.kolladoctor.app.tui;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What {@code /} typed: a case-insensitive regular expression ({@code nova|heat}), or its negation with a
 * leading {@code !} ({@code !ctl1}). Text that is not a valid expression ({@code [ctl}) is matched literally,
 * so typing never errors half-way through an expression.
 */
public record Filter(String text, Pattern pattern, boolean negated) {

    public static final Filter NONE = new Filter("", null, false);

    public static Filter parse(String text) {
        if (text == null || text.isEmpty() || text.equals("!")) {
            return text == null || text.isEmpty() ? NONE : new Filter(text, null, false);
        }
        boolean negated = text.startsWith("!");
        String expression = negated ? text.substring(1) : text;
        Pattern pattern;
        try {
            pattern = Pattern.compile(expression, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            pattern = Pattern.compile(Pattern.quote(expression), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
        return new Filter(text, pattern, negated);
    }

    public boolean active() {
        return pattern != null;
    }

    /** Whether a row (its text) is kept. */
    public boolean keeps(String row) {
        if (pattern == null) {
            return true;
        }
        return pattern.matcher(row == null ? "" : row).find() != negated;
    }

    /** The matches of the expression in a line, for highlighting a search ({@code !} searches nothing). */
    public Matcher matcher(String line) {
        return pattern == null || negated ? null : pattern.matcher(line);
    }
}
