package io.kolladoctor.checks.support;

import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import java.util.Optional;

/**
 * Facts a check can do without. A check whose verdict rests on a fact lets {@link FactUnavailableException}
 * propagate (the sweep turns it into ERROR with the reason); facts that only add evidence go through here, so a
 * snapshot taken without them, or a source that never has them, does not turn a clear verdict into an ERROR.
 */
public final class OptionalFacts {

    private OptionalFacts() {
    }

    /** Empty when the source does not have the fact or never collected it; a broken fact is still thrown. */
    public static <T> Optional<T> collected(Facts facts, Fact<T> fact) throws FactUnavailableException {
        try {
            return facts.find(fact);
        } catch (FactUnavailableException e) {
            if (e.kind() == FactUnavailableException.Kind.NOT_COLLECTED) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Empty whenever the fact cannot be had, for whatever reason: for extra evidence only. */
    public static <T> Optional<T> bestEffort(Facts facts, Fact<T> fact) {
        try {
            return collected(facts, fact);
        } catch (FactUnavailableException e) {
            return Optional.empty();
        }
    }
}
