package io.kolladoctor.checks;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.model.Deployment;
import java.util.List;

/**
 * A check: a pure function from facts to findings. It reads facts only through {@link Facts} (which does
 * the I/O, once per sweep, in the deployment module) and never touches a file, socket or process itself.
 * A fact it cannot have may be thrown: the sweep turns it into one ERROR finding with the reason; a check
 * that can carry on without one subject's facts reports ERROR for that subject and goes on.
 */
public interface Check {

    CheckInfo info();

    /**
     * The requests this check will read, so that the sweep can gather all of them in parallel before any
     * check runs. Facts a check derives from other facts (a stack's resources) may be left out: they are
     * then fetched on first use, still once.
     */
    default List<FactRequest> prefetch(Deployment deployment) {
        return List.of();
    }

    List<Finding> run(Facts facts) throws FactUnavailableException;
}
