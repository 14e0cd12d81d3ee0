package io.kolladoctor.checks.catalog;

import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.CheckInfo;
import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Subject;
import io.kolladoctor.checks.support.Ago;
import io.kolladoctor.checks.support.KollaServices;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.host.ContainerHealth;
import io.kolladoctor.deployment.facts.host.DockerContainer;
import io.kolladoctor.deployment.facts.host.DockerContainers;
import io.kolladoctor.deployment.facts.host.HostFiles;
import io.kolladoctor.deployment.facts.openstack.ComputeService;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.model.Host;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A6 {@code containers.exited} — Kolla containers down (exited scheduler). Seed 001.
 *
 * <p>Symptom: new VMs stay in {@code scheduling}; {@code nova service-list} shows nova-scheduler down;
 * {@code docker ps -a} shows {@code nova_scheduler … Exited (0) 13 hours ago}.
 * <p>Rule: FAIL for a container of an enabled service that is not running (exited, dead, created, paused,
 * restarting in a loop) or is unhealthy; highlight {@code *_scheduler}; relate it to the service the API
 * reports down. Not flagged: health {@code starting}, and nova_scheduler's ~160 s restart window.
 * <p>Fix: {@code docker start <name>} (Kolla starts containers by name), then watch the service come up.
 */
public final class ContainersExited implements Check {

    static final CheckInfo INFO = new CheckInfo(
            "containers.exited",
            "Kolla containers down (exited, restarting, unhealthy)",
            "New VMs stay in 'scheduling'; 'nova service-list' shows nova-scheduler down; 'docker ps' does not "
                    + "show the container and 'docker ps -a' shows e.g. 'nova_scheduler … Exited (0) 13 hours ago'.",
            "FAIL for a container of an enabled service that is not running (exited, dead, created, paused, "
                    + "restarting in a loop) or is unhealthy; *_scheduler containers are highlighted and related to "
                    + "the service the API reports down. Health 'starting' and nova_scheduler's restart window "
                    + "(~160 s after a start) are not flagged.",
            "docker start <name> (Kolla containers are started by name, not re-created), then watch the service "
                    + "come up ('openstack compute service list'). Typical root cause: start order after a reboot "
                    + "(RabbitMQ not yet up). Restart policy is unless-stopped, so an exited container was stopped "
                    + "by hand or died in a way Docker will not restart; an unhealthy one is never restarted.",
            "The container is running (and healthy); the API reports the service up.",
            List.of("001"),
            List.of("docker/containers.json and docker/inspect/<name>.json on every host",
                    "compute/os-services.json (optional)", "/var/log/kolla/<service>/<binary>.log tail (optional)"),
            null);

    /** Kolla's nova_scheduler healthcheck: start period 5 s + 8 retries × 30 s; its workers take ~160 s to come back. */
    private static final Duration SCHEDULER_RESTART_WINDOW = Duration.ofSeconds(5 + 8 * 30);

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public List<FactRequest> prefetch(Deployment deployment) {
        List<FactRequest> requests = new ArrayList<>();
        for (Host host : KollaServices.kollaHosts(deployment)) {
            requests.add(DockerContainers.listRequest(host.name()));
        }
        deployment.cloud().ifPresent(cloud -> requests.add(OpenStackApi.computeServices(cloud).request()));
        return requests;
    }

    @Override
    public List<Finding> run(Facts facts) throws FactUnavailableException {
        Deployment deployment = Deployments.of(facts);
        List<ComputeService> novaServices = computeServices(facts, deployment);
        List<Finding> findings = new ArrayList<>();
        for (Host host : KollaServices.kollaHosts(deployment)) {
            List<DockerContainer> containers;
            try {
                containers = DockerContainers.of(facts, host.name());
            } catch (FactUnavailableException e) {
                findings.add(INFO.error(Subject.of("host", host.name()), e.getMessage()));
                continue;
            }
            int healthy = 0;
            for (DockerContainer c : containers) {
                if (!c.isKolla()) {
                    continue;
                }
                Optional<Finding> problem = judge(facts, deployment, host, c, novaServices);
                if (problem.isPresent()) {
                    findings.add(problem.get());
                } else {
                    healthy++;
                }
            }
            if (healthy > 0 && findings.stream().noneMatch(f -> host.name().equals(f.subject().host()))) {
                findings.add(INFO.ok(Subject.of("host", host.name()), "all " + healthy + " Kolla containers running"));
            }
        }
        if (findings.isEmpty()) {
            findings.add(INFO.skip(Subject.of("deployment", deployment.name()), "no Kolla containers found on any host"));
        }
        return findings;
    }

    private static List<ComputeService> computeServices(Facts facts, Deployment deployment) {
        Optional<String> cloud = deployment.cloud();
        if (cloud.isEmpty()) {
            return List.of();
        }
        try {
            return facts.get(OpenStackApi.computeServices(cloud.get()));
        } catch (FactUnavailableException e) {
            return List.of(); // relating to the API is extra evidence; the container state stands on its own
        }
    }

    private static Optional<Finding> judge(Facts facts, Deployment deployment, Host host, DockerContainer c,
                                           List<ComputeService> novaServices) {
        Subject subject = Subject.onHost("container", host.name(), c.name());
        Instant now = facts.asOf();
        String state = c.state() == null ? "unknown" : c.state();
        boolean enabled = KollaServices.isEnabled(deployment.globals(), c.name());
        if (KollaServices.isOneShot(c.name())) {
            boolean failed = !c.isRunning() && c.exitCode() != null && c.exitCode() != 0;
            return failed ? Optional.of(INFO.warn(subject, "one-shot container " + c.name() + " exited with code "
                    + c.exitCode() + (c.finishedAt() == null ? "" : " " + Ago.of(c.finishedAt(), now)), stateEvidence(c)))
                    : Optional.empty();
        }
        if (c.isRunning()) {
            ContainerHealth health = c.health();
            if (health == null || !health.isUnhealthy()) {
                return Optional.empty();
            }
            if (c.name().equals("nova_scheduler") && c.startedAt() != null
                    && Duration.between(c.startedAt(), now).compareTo(SCHEDULER_RESTART_WINDOW) < 0) {
                return Optional.of(INFO.info(subject, "nova_scheduler unhealthy but started " + Ago.of(c.startedAt(), now)
                        + ": within its restart window, not flagged yet", healthEvidence(c)));
            }
            List<Evidence> evidence = new ArrayList<>(List.of(healthEvidence(c)));
            relatedService(host, c, novaServices).ifPresent(evidence::add);
            return Optional.of(INFO.fail(subject, c.name() + " is unhealthy (failing streak " + health.failingStreak()
                    + ")" + highlight(c.name()) + "; Docker never restarts an unhealthy container", evidence));
        }
        List<Evidence> evidence = new ArrayList<>(List.of(stateEvidence(c)));
        relatedService(host, c, novaServices).ifPresent(evidence::add);
        logEvidence(facts, host, c).ifPresent(evidence::add);
        if (!enabled) {
            return Optional.of(INFO.info(subject, c.name() + " is " + state + " but its service is disabled in globals.yml "
                    + "(a leftover container)", evidence.toArray(Evidence[]::new)));
        }
        return Optional.of(INFO.fail(subject, c.name() + " is " + describeState(c, now) + highlight(c.name()), evidence));
    }

    private static String describeState(DockerContainer c, Instant now) {
        return switch (c.state() == null ? "" : c.state()) {
            case "exited" -> "exited" + (c.exitCode() == null ? "" : " (" + c.exitCode() + ")")
                    + (c.finishedAt() == null ? "" : " " + Ago.of(c.finishedAt(), now));
            case "restarting" -> "restarting in a loop" + (c.restartCount() == null ? "" : " (" + c.restartCount() + " restarts)");
            case "created" -> "created but never started";
            case "paused" -> "paused (frozen: it holds its ports but answers nothing)";
            case "dead" -> "dead (Docker could not stop or remove it cleanly)";
            default -> "not running (state " + c.state() + ")";
        };
    }

    private static String highlight(String name) {
        if (name.equals("nova_scheduler")) {
            return ": new instances will stay in 'scheduling'";
        }
        return name.endsWith("_scheduler") ? ": new resources of this service will not be scheduled" : "";
    }

    private static Evidence stateEvidence(DockerContainer c) {
        StringBuilder excerpt = new StringBuilder("State=").append(c.state());
        if (c.exitCode() != null) {
            excerpt.append(" ExitCode=").append(c.exitCode());
        }
        if (c.finishedAt() != null) {
            excerpt.append(" FinishedAt=").append(c.finishedAt());
        }
        if (c.restartCount() != null) {
            excerpt.append(" RestartCount=").append(c.restartCount());
        }
        if (c.restartPolicy() != null) {
            excerpt.append(" RestartPolicy=").append(c.restartPolicy());
        }
        if (c.statusText() != null) {
            excerpt.append(" (docker ps: ").append(c.statusText()).append(')');
        }
        return Evidence.field(c.evidenceSource(), "State", excerpt.toString());
    }

    private static Evidence healthEvidence(DockerContainer c) {
        ContainerHealth h = c.health();
        String probe = h.lastProbe() == null ? "no probe recorded"
                : "last probe exit " + h.lastProbe().exitCode() + ": " + h.lastProbe().output();
        return Evidence.field(c.evidenceSource(), "State.Health",
                "Status=" + h.status() + " FailingStreak=" + h.failingStreak() + "; " + probe);
    }

    /** The OpenStack service the container runs, when the API reports it down (nova_scheduler → nova-scheduler). */
    private static Optional<Evidence> relatedService(Host host, DockerContainer c, List<ComputeService> services) {
        String binary = c.name().replace('_', '-');
        return services.stream()
                .filter(s -> binary.equals(s.binary()) && host.name().equals(shortName(s.host())) && s.isDown())
                .findFirst()
                .map(s -> Evidence.field("openstack compute service list", "services[" + s.binary() + "@" + s.host() + "]",
                        "state=" + s.state() + " status=" + s.status() + (s.forcedDown() ? " forced_down=true" : "")
                                + " updated_at=" + s.updatedAt()));
    }

    private static String shortName(String host) {
        return host == null ? null : host.split("\\.")[0];
    }

    /** The last error lines of the service's Kolla log file (Kolla logs to files, not to docker logs). */
    private static Optional<Evidence> logEvidence(Facts facts, Host host, DockerContainer c) {
        String path = KollaServices.logFile(c.name());
        try {
            return facts.find(HostFiles.logTail(host.name(), path)).flatMap(tail -> {
                List<String> lines = tail.lines();
                List<String> errors = lines.stream().filter(l -> l.matches(".*\\b(ERROR|CRITICAL)\\b.*")).toList();
                List<String> shown = errors.isEmpty() ? lines : errors;
                if (shown.isEmpty()) {
                    return Optional.empty();
                }
                String excerpt = String.join("\n", shown.subList(Math.max(0, shown.size() - 3), shown.size()));
                return Optional.of(Evidence.of(host.name() + ":" + path, excerpt));
            });
        } catch (FactUnavailableException e) {
            return Optional.empty();
        }
    }
}
