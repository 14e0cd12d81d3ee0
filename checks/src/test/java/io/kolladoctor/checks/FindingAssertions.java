package io.kolladoctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Picks the one finding a check test is about, failing with the whole list when there is not exactly one. */
public final class FindingAssertions {

    private FindingAssertions() {
    }

    public static List<Finding> withStatus(List<Finding> findings, Status status) {
        return findings.stream().filter(f -> f.status() == status).toList();
    }

    public static Finding only(List<Finding> findings, Status status) {
        List<Finding> matching = withStatus(findings, status);
        assertThat(matching).as("findings with status %s in %s", status, findings).hasSize(1);
        return matching.get(0);
    }

    public static Finding about(List<Finding> findings, String display) {
        List<Finding> matching = findings.stream().filter(f -> f.subject().display().equals(display)).toList();
        assertThat(matching).as("findings about %s in %s", display, findings).hasSize(1);
        return matching.get(0);
    }
}
