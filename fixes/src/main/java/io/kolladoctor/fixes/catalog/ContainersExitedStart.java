package io.kolladoctor.fixes.catalog;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * containers.exited (catalog A6): start the exited container by name — Kolla's containers are started, never
 * re-created by hand (their configuration lives in the container) — and wait until the check sees it running.
 */
public final class ContainersExitedStart implements Fix {

    @Override
    public String id() {
        return "containers.exited/start";
    }

    @Override
    public String checkId() {
        return "containers.exited";
    }

    @Override
    public String title() {
        return "docker start the exited Kolla container by name, then wait until it runs";
    }

    @Override
    public Optional<Plan> plan(Finding finding, Facts facts) {
        if (!finding.checkId().equals(checkId()) || finding.status() != Status.FAIL
                || !"container".equals(finding.subject().kind()) || finding.subject().host() == null) {
            return Optional.empty();
        }
        String host = finding.subject().host();
        String name = finding.subject().name();
        return Optional.of(new Plan(id(), checkId(), Fixes.subjectOf(finding), name, List.of(
                new Step("start " + name + " with its own configuration",
                        Operation.HostCommand.of(host, Duration.ofSeconds(60), "docker", "start", name),
                        Risk.DISRUPTIVE, "docker stop " + name),
                new Step("wait until the check sees " + name + " running",
                        new Operation.WaitUntilHealed(Duration.ofSeconds(90)), Risk.SAFE, null)),
                List.of("If it exits again, the reason is in /var/log/kolla/<service>/ on " + host
                        + " (Kolla services log to files, not to docker logs); for nova_scheduler check RabbitMQ first.")));
    }
}
