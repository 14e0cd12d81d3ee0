package io.kolladoctor.playbooks;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.fixes.Fixes;
import java.util.List;

/**
 * What a check's findings mean for a playbook step: FAILED when any finding on the step's subjects is FAIL, or any
 * finding at all is ERROR (a check that could not look vouches for nothing); WARN when one is WARN; OK otherwise.
 */
public record Verdict(StepOutcome.Result result, List<Finding> relevant) {

    public static Verdict of(List<Finding> findings, String subject) {
        List<Finding> relevant = findings.stream()
                .filter(f -> f.status() == Status.ERROR || subject == null || Fixes.subjectOf(f).contains(subject))
                .toList();
        StepOutcome.Result result = relevant.stream().anyMatch(f -> f.status() == Status.FAIL || f.status() == Status.ERROR)
                ? StepOutcome.Result.FAILED
                : relevant.stream().anyMatch(f -> f.status() == Status.WARN) ? StepOutcome.Result.WARN : StepOutcome.Result.OK;
        return new Verdict(result, relevant);
    }

    public boolean passes() {
        return result != StepOutcome.Result.FAILED;
    }

    /** The worst finding as one line, or a count of what was looked at. */
    public String summary() {
        return relevant.stream().filter(f -> f.status().isNoteworthy())
                .max(java.util.Comparator.comparingInt(f -> f.status().severity()))
                .map(f -> f.status() + " " + Fixes.subjectOf(f) + ": " + f.summary())
                .orElse(relevant.size() + " finding(s), none WARN, FAIL or ERROR");
    }

    /** Every noteworthy finding, one line each, for the screen. */
    public List<String> lines() {
        return relevant.stream().filter(f -> f.status().isNoteworthy())
                .map(f -> f.status() + " " + Fixes.subjectOf(f) + ": " + f.summary()).toList();
    }
}
