package io.kolladoctor.playbooks;

import io.kolladoctor.fixes.PlanRunner;
import java.util.List;

/**
 * The person at the keyboard during a run: what a fix plan asks ({@link PlanRunner.Operator}: yes/no, a subject
 * typed back, progress lines), and a pick among options for {@code choose} steps.
 */
public interface PlaybookOperator extends PlanRunner.Operator {

    /** The index of the option picked, or -1 when no answer came (end of input): the run then stops. */
    int choose(String question, List<String> options);
}
