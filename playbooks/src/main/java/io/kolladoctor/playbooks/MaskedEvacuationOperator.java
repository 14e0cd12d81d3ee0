package io.kolladoctor.playbooks;

import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.evacuation.EvacuationOperator;
import java.util.List;

/**
 * An evacuation's questions put to the operator of a playbook or of the terminal, every line masked (a BMC password
 * must never reach the screen). The host name to type back is asked as a plan's confirmation, so {@code --confirm}
 * answers it as it answers a destructive fix.
 */
public final class MaskedEvacuationOperator implements EvacuationOperator {

    private final PlaybookOperator operator;
    private final SecretMasker masker;

    public MaskedEvacuationOperator(PlaybookOperator operator, SecretMasker masker) {
        this.operator = operator;
        this.masker = masker;
    }

    @Override
    public boolean approve(String question) {
        return operator.approve(masker.mask(question));
    }

    @Override
    public boolean typeBack(String expected, String prompt) {
        Plan confirmation = new Plan("nova.evacuate", "nova.evacuate", expected, expected, List.of(), List.of());
        return expected.equals(operator.typeBack(confirmation, masker.mask(prompt)));
    }

    @Override
    public void say(String line) {
        operator.say(masker.mask(line));
    }
}
