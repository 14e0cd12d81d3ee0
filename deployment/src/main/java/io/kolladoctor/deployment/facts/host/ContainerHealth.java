package io.kolladoctor.deployment.facts.host;

import java.time.Instant;

/** {@code State.Health} of a container: status (healthy/unhealthy/starting), failing streak, the last probe. */
public record ContainerHealth(String status, int failingStreak, Probe lastProbe) {

    /** One healthcheck run: when it ended, its exit code and what it printed. */
    public record Probe(Instant end, int exitCode, String output) {
    }

    public boolean isUnhealthy() {
        return "unhealthy".equals(status);
    }
}
