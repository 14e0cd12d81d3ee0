package io.kolladoctor.checks;

import java.util.List;

/**
 * A check's catalog entry (../shared/CATALOG.md): stable ID, title, the symptom an operator sees, the rule,
 * the fix, how to verify it, the seed documents it comes from, the facts it needs, and the ID of the guided
 * fix that acts on its findings (null while there is none). Also makes that check's findings.
 */
public record CheckInfo(String id, String title, String symptom, String rule, String fix, String verify,
                        List<String> seeds, List<String> needs, String fixId) {

    public CheckInfo {
        seeds = List.copyOf(seeds);
        needs = List.copyOf(needs);
    }

    public Finding finding(Status status, Subject subject, String summary, List<Evidence> evidence) {
        boolean actionable = status == Status.FAIL || status == Status.WARN;
        return new Finding(id, status, subject, summary, evidence, actionable ? fix : null, actionable ? fixId : null);
    }

    public Finding ok(Subject subject, String summary, Evidence... evidence) {
        return finding(Status.OK, subject, summary, List.of(evidence));
    }

    public Finding info(Subject subject, String summary, Evidence... evidence) {
        return finding(Status.INFO, subject, summary, List.of(evidence));
    }

    public Finding warn(Subject subject, String summary, Evidence... evidence) {
        return finding(Status.WARN, subject, summary, List.of(evidence));
    }

    public Finding fail(Subject subject, String summary, Evidence... evidence) {
        return finding(Status.FAIL, subject, summary, List.of(evidence));
    }

    public Finding fail(Subject subject, String summary, List<Evidence> evidence) {
        return finding(Status.FAIL, subject, summary, evidence);
    }

    public Finding skip(Subject subject, String reason) {
        return finding(Status.SKIP, subject, reason, List.of());
    }

    /** A fact this check needed could not be had: the reason is the summary. */
    public Finding error(Subject subject, String reason) {
        return finding(Status.ERROR, subject, reason, List.of());
    }
}
