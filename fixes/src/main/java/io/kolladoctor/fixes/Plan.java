package io.kolladoctor.fixes;

import java.util.Comparator;
import java.util.List;

/** What a fix would do for one finding: its ordered steps, and the check that verifies it afterwards. */
public record Plan(String fixId, String checkId, String subject, List<Step> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    /** The highest risk of any step: what the operator must confirm to run the plan. */
    public Risk risk() {
        return steps.stream().map(Step::risk).max(Comparator.naturalOrder()).orElse(Risk.SAFE);
    }
}
