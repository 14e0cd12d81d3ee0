package io.kolladoctor.checks.support;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.DockerContainers;
import java.util.Optional;

/** A Kolla container's state as extra evidence for a finding about its configuration. */
public final class ContainerEvidence {

    private ContainerEvidence() {
    }

    /** {@code State=restarting RestartCount=57 (docker ps: Restarting (1) 3 seconds ago)}; empty when unknown. */
    public static Optional<Evidence> state(Facts facts, String host, String container) {
        try {
            return DockerContainers.of(facts, host).stream().filter(c -> c.name().equals(container)).findFirst()
                    .map(c -> Evidence.field(c.evidenceSource(), "State", "State=" + c.state()
                            + (c.restartCount() == null ? "" : " RestartCount=" + c.restartCount())
                            + (c.statusText() == null ? "" : " (docker ps: " + c.statusText() + ")")));
        } catch (FactUnavailableException e) {
            return Optional.empty(); // the container's state only adds to a verdict made on other facts
        }
    }
}
