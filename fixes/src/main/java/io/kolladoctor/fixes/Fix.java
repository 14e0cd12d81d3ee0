package io.kolladoctor.fixes;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import java.util.Optional;

/**
 * A guided fix for one check's findings. Like a check, a pure function: it reads facts (already gathered) and returns
 * the plan; it never runs anything itself. Empty when the finding is not one this fix can act on.
 */
public interface Fix {

    /** e.g. {@code containers.exited/start}. */
    String id();

    /** The check whose findings it fixes and which verifies it. */
    String checkId();

    /** One line for lists: what it does. */
    String title();

    Optional<Plan> plan(Finding finding, Facts facts) throws FactUnavailableException;
}
