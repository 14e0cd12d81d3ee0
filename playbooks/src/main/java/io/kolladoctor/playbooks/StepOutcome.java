package io.kolladoctor.playbooks;

/** How a step ended, a line saying why, and where the run goes from it. */
public record StepOutcome(Result result, String detail, Flow flow) {

    public enum Result {
        /** Done, or the check passes. */
        OK,
        /** The check gives WARN. */
        WARN,
        /** The check fails, the command exits otherwise than expected, the fix does not heal. */
        FAILED,
        /** The wait's check did not pass in time. */
        TIMED_OUT,
        /** The operator said no (or gave no answer). */
        DECLINED,
        /** Not run: a mutating step without --arm, a command without a live deployment, an interrupted step waived. */
        SKIPPED
    }
}
