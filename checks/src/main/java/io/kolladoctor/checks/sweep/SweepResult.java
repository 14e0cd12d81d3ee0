package io.kolladoctor.checks.sweep;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep found: every finding (masked), sorted worst first, with the source it read, when the facts
 * are from, how long it took and how many requests went to the source.
 */
public record SweepResult(String source, Instant asOf, Instant started, Duration took, int fetches,
                          List<Finding> findings) {

    public static final Comparator<Finding> WORST_FIRST = Comparator
            .comparing((Finding f) -> -f.status().severity())
            .thenComparing(Finding::checkId)
            .thenComparing(f -> f.subject().display());

    public SweepResult {
        findings = findings.stream().sorted(WORST_FIRST).toList();
    }

    public Status worst() {
        return findings.stream().map(Finding::status).max(Comparator.comparingInt(Status::severity)).orElse(Status.OK);
    }

    public Map<Status, Long> counts() {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0L);
        }
        findings.forEach(f -> counts.merge(f.status(), 1L, Long::sum));
        return counts;
    }
}
