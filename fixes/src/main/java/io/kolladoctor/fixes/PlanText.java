package io.kolladoctor.fixes;

import io.kolladoctor.deployment.secrets.SecretMasker;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan as {@code kolla-doctor fix} prints it, line for line (header with the risk, numbered steps with their
 * operation and undo, notes), masked: the console shows the operator the same words the shell would.
 */
public final class PlanText {

    private PlanText() {
    }

    public static List<String> lines(Plan plan, SecretMasker masker) {
        List<String> out = new ArrayList<>();
        out.add("Plan " + plan.fixId() + " for " + plan.checkId() + " on " + masker.mask(plan.subject())
                + " — risk " + plan.risk() + (plan.risk() == Risk.DESTRUCTIVE
                ? " (type '" + plan.confirmation() + "' to confirm)" : ""));
        int n = 1;
        for (Step step : plan.steps()) {
            out.add("  " + n++ + ". [" + step.risk() + "] " + masker.mask(step.purpose()));
            out.add("       " + masker.mask(step.operation().display()));
            if (step.undo() != null) {
                out.add("       undo: " + masker.mask(step.undo()));
            }
        }
        plan.notes().forEach(note -> out.add("  note: " + masker.mask(note)));
        return out;
    }
}
