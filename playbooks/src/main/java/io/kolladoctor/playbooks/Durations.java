package io.kolladoctor.playbooks;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as playbooks write them: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}. A bare number is refused:
 * "timeout: 30" is ambiguous between seconds and minutes, and a runbook is read in a hurry.
 */
public final class Durations {

    /** Longer than any step should block; a typo such as 30h is caught instead of hanging a run for a day. */
    public static final Duration MAX = Duration.ofHours(24);

    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private Durations() {
    }

    /** The duration, or empty when the text is not one (or is zero, or beyond {@link #MAX}). */
    public static Optional<Duration> parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            if (total.compareTo(MAX) > 0) {
                return Optional.empty();
            }
        }
        return total.isZero() ? Optional.empty() : Optional.of(total);
    }

    /** The short form back: 90 s → {@code 1m30s}. */
    public static String format(Duration d) {
        if (d.toMillisPart() != 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder s = new StringBuilder();
        if (d.toHours() > 0) {
            s.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            s.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || s.isEmpty()) {
            s.append(d.toSecondsPart()).append('s');
        }
        return s.toString();
    }
}
