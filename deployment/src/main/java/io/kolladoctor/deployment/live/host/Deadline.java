package io.kolladoctor.deployment.live.host;

import java.time.Duration;

/** A point in time by which an operation must have finished, on the monotonic clock. */
record Deadline(long atNanos, Duration budget) {

    static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    long remainingMillis() {
        return remaining().toMillis();
    }

    boolean expired() {
        return System.nanoTime() - atNanos >= 0;
    }

    /** Whole seconds left, at least 1: what {@code timeout -s KILL N} is given on the host. */
    int remainingSecondsAtLeastOne() {
        return (int) Math.max(1, remaining().toSeconds());
    }

    /** The earlier of this deadline and {@code other} from now. */
    Deadline atMost(Duration other) {
        Deadline candidate = in(other);
        return candidate.atNanos - atNanos < 0 ? candidate : this;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
