package io.kolladoctor.playbooks;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.util.List;
import java.util.Optional;

/** The deployment a playbook runs against, as the runner needs it: fresh looks by checks, hosts, and actions. */
public interface Target {

    /** One check's findings from a fresh look (nothing cached from an earlier step), with the facts behind them. */
    record Swept(List<Finding> findings, Facts facts) {
    }

    Swept sweep(String checkId);

    /** The inventory hosts of a group, in inventory order; empty when there is no such group. */
    List<String> hostsIn(String group);

    /** Commands and API calls: only a live deployment has them. */
    Optional<Actions> actions();

    SecretMasker masker();

    /** The deployment's model (inventory addresses, globals), when it can be read. */
    default Optional<io.kolladoctor.deployment.model.Deployment> deployment() {
        return Optional.empty();
    }

    String describe();
}
