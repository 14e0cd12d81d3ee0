package io.kolladoctor.playbooks;

import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.checks.sweep.Sweep;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.model.Host;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Target} over a fact source: each sweep starts from new {@link Facts} (a playbook re-checks after it has
 * changed things, so nothing may come from an earlier look); {@code actions} is given only for a live deployment.
 */
public final class SourceTarget implements Target {

    private final FactSource source;
    private final Actions actions;
    private final Duration deadline;

    public SourceTarget(FactSource source, Actions actions, Duration deadline) {
        this.source = source;
        this.actions = actions;
        this.deadline = deadline;
    }

    @Override
    public Swept sweep(String checkId) {
        Facts facts = new Facts(source);
        return new Swept(new Sweep(deadline).run(facts, List.of(Catalog.byId(checkId).orElseThrow(
                () -> new IllegalArgumentException("no check " + checkId)))).findings(), facts);
    }

    @Override
    public List<String> hostsIn(String group) {
        try {
            return Deployments.of(new Facts(source)).hostsIn(group).stream().map(Host::name).toList();
        } catch (FactUnavailableException e) {
            return List.of();
        }
    }

    @Override
    public Optional<io.kolladoctor.deployment.model.Deployment> deployment() {
        try {
            return Optional.of(Deployments.of(new Facts(source)));
        } catch (FactUnavailableException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Actions> actions() {
        return Optional.ofNullable(actions);
    }

    @Override
    public SecretMasker masker() {
        return Deployments.masker(new Facts(source));
    }

    @Override
    public String describe() {
        return source.describe();
    }
}
