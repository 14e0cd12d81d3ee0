package io.kolladoctor.app.tui.data;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Short ages as k9s and kubectl print them ({@code 45s}, {@code 13m}, {@code 5h12m}, {@code 3d4h}), from the moment the facts describe. */
public final class Age {

    private Age() {
    }

    /** The age of {@code then} at {@code now}; empty when either is unknown, {@code ?} when {@code then} is later. */
    public static String between(Instant then, Instant now) {
        if (then == null || now == null) {
            return "";
        }
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            return "?";
        }
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 24 * 3600) {
            long h = s / 3600;
            long m = s % 3600 / 60;
            return h + "h" + (h < 10 && m > 0 ? m + "m" : "");
        }
        long days = s / 86400;
        long h = s % 86400 / 3600;
        return days + "d" + (days < 10 && h > 0 ? h + "h" : "");
    }

    /**
     * An API timestamp: RFC 3339 with or without zone ({@code 2026-11-19T14:05:07.000000} from Nova means UTC,
     * {@code 2026-11-19 14:05:07} from Heat too); null when it is not one.
     */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
