package io.kolladoctor.checks;

/**
 * The outcome of a finding, from best to worst as an operator triages them. {@link #severity()} orders
 * "worst first": FAIL, ERROR, WARN, INFO, SKIP, OK.
 */
public enum Status {
    OK(0), SKIP(1), INFO(2), WARN(3), ERROR(4), FAIL(5);

    private final int severity;

    Status(int severity) {
        this.severity = severity;
    }

    public int severity() {
        return severity;
    }

    /** Shown by default (OK and SKIP only with --all). */
    public boolean isNoteworthy() {
        return this != OK && this != SKIP;
    }
}
