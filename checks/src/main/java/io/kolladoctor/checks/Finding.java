package io.kolladoctor.checks;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One result of a check about one subject: status, a one-line summary, the evidence, the catalog's fix hint
 * and the ID of a fix that can act on it (null until one exists).
 */
public record Finding(String checkId, Status status, Subject subject, String summary, List<Evidence> evidence,
                      String fixHint, String fixId) {

    public Finding {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The same finding with every text passed through {@code mask}. */
    public Finding masked(UnaryOperator<String> mask) {
        List<Evidence> maskedEvidence = evidence.stream()
                .map(e -> new Evidence(mask.apply(e.source()), mask.apply(e.location()), mask.apply(e.excerpt())))
                .toList();
        Subject maskedSubject = new Subject(subject.kind(), mask.apply(subject.name()), subject.host());
        return new Finding(checkId, status, maskedSubject, mask.apply(summary), maskedEvidence, fixHint, fixId);
    }
}
