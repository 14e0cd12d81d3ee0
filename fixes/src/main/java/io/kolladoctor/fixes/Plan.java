package io.kolladoctor.fixes;

import java.util.Comparator;
import java.util.List;

/**
 * What a fix would do for one finding: its ordered steps, the check that verifies it afterwards, the subject
 * ({@code host/name} as the finding names it), what the operator must type back before a destructive plan runs
 * ({@code confirmation}: a device path, a cluster name), and notes shown with the plan (what the fix cannot do).
 */
public record Plan(String fixId, String checkId, String subject, String confirmation, List<Step> steps,
                   List<String> notes) {

    public Plan {
        steps = List.copyOf(steps);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The highest risk of any step: what the operator must confirm to run the plan. */
    public Risk risk() {
        return steps.stream().map(Step::risk).max(Comparator.naturalOrder()).orElse(Risk.SAFE);
    }
}
