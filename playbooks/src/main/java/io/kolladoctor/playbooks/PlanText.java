package io.kolladoctor.playbooks;

import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import java.util.ArrayList;
import java.util.List;

/** A fix plan as the operator reads it before it runs (the layout of {@code kolla-doctor fix}), secrets masked. */
public final class PlanText {

    private PlanText() {
    }

    public static List<String> lines(Plan plan, SecretMasker masker) {
        List<String> lines = new ArrayList<>();
        lines.add("Plan " + plan.fixId() + " for " + plan.checkId() + " on " + masker.mask(plan.subject()) + " — risk "
                + plan.risk() + (plan.risk() == Risk.DESTRUCTIVE ? " (type '" + plan.confirmation() + "' to confirm)" : ""));
        int n = 1;
        for (Step step : plan.steps()) {
            lines.add("  " + n++ + ". [" + step.risk() + "] " + masker.mask(step.purpose()));
            lines.add("       " + masker.mask(step.operation().display()));
            if (step.undo() != null) {
                lines.add("       undo: " + masker.mask(step.undo()));
            }
        }
        plan.notes().forEach(note -> lines.add("  note: " + masker.mask(note)));
        return lines;
    }
}
