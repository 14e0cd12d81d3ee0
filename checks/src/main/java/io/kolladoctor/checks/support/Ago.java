package io.kolladoctor.checks.support;

import java.time.Duration;
import java.time.Instant;

/** "13 hours ago", as {@code docker ps} would say it, relative to when the facts were collected. */
public final class Ago {

    private Ago() {
    }

    public static String of(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            return "at " + then;
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " seconds ago";
        }
        if (s < 3600) {
            return plural(s / 60, "minute") + " ago";
        }
        if (s < 48 * 3600) {
            return plural(s / 3600, "hour") + " ago";
        }
        return plural(s / 86400, "day") + " ago";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
