package io.kolladoctor.app.tui.data;

import io.kolladoctor.checks.support.KollaServices;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.ContainerHealth;
import io.kolladoctor.deployment.facts.host.DockerContainer;
import io.kolladoctor.deployment.facts.host.DockerContainers;
import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.model.Host;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;

/**
 * One container of one host, from the Docker facts, every text masked: what the Containers view lists (host,
 * name, image tag, state, health, restarts, time in its state) and what its detail shows (exit code, restart
 * policy, the last health probe's output, labels, the Kolla log file of its service).
 */
public record ContainerRow(String host, String name, String id, String image, String tag, String state,
                           String statusText, Integer exitCode, Instant startedAt, Instant finishedAt,
                           Integer restarts, String restartPolicy, String health, int failingStreak,
                           String probeOutput, Integer probeExitCode, Map<String, String> labels, boolean kolla,
                           String since, int trouble, String source, String logFile) {

    public ContainerRow {
        labels = Map.copyOf(labels);
    }

    /** Running and (when it has a healthcheck) healthy, or a one-shot container that did its job. */
    public boolean fine() {
        return trouble == 0;
    }

    /** {@code running}, {@code exited (1)}, {@code restarting}. */
    public String stateText() {
        String s = state == null ? "unknown" : state;
        return "exited".equals(s) && exitCode != null ? s + " (" + exitCode + ")" : s;
    }

    /**
     * Every container of every Kolla host, then of the extra hosts (Magnum nodes) that have a Docker list, with
     * the troubled ones first. A Kolla host whose list cannot be had is one problem line.
     */
    public static Section<ContainerRow> load(Facts facts, SecretMasker masker, ExecutorService pool) {
        Deployment deployment;
        try {
            deployment = Deployments.of(facts);
        } catch (FactUnavailableException e) {
            return Section.failed("no deployment: " + masker.mask(e.getMessage()));
        }
        List<Host> kolla = KollaServices.kollaHosts(deployment);
        List<Host> hosts = new ArrayList<>(kolla);
        deployment.hosts().stream().filter(h -> !kolla.contains(h)).forEach(hosts::add);
        Instant now = facts.asOf();
        List<HostLoad> loads = Refresher.parallel(pool, hosts, h -> loadHost(facts, h, kolla.contains(h), now, masker));
        List<ContainerRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> order = new LinkedHashMap<>();
        for (HostLoad load : loads) {
            order.put(load.host, order.size());
            rows.addAll(load.rows);
            if (load.problem != null) {
                problems.add(load.problem);
            }
        }
        rows.sort(Comparator.comparingInt((ContainerRow r) -> -r.trouble())
                .thenComparing(r -> order.getOrDefault(r.host(), Integer.MAX_VALUE))
                .thenComparing(ContainerRow::name));
        return Section.of(rows, problems);
    }

    private record HostLoad(String host, List<ContainerRow> rows, String problem) {
    }

    private static HostLoad loadHost(Facts facts, Host host, boolean kollaHost, Instant now, SecretMasker masker) {
        try {
            List<ContainerRow> rows = DockerContainers.of(facts, host.name()).stream()
                    .map(c -> of(c, now, masker))
                    .toList();
            return new HostLoad(host.name(), rows, null);
        } catch (FactUnavailableException e) {
            boolean quiet = !kollaHost && (e.isAbsent() || e.kind() == FactUnavailableException.Kind.NOT_COLLECTED);
            return new HostLoad(host.name(), List.of(), quiet ? null : host.name() + ": " + masker.mask(e.getMessage()));
        }
    }

    static ContainerRow of(DockerContainer c, Instant now, SecretMasker masker) {
        String image = c.image() == null ? "" : c.image();
        int slash = image.lastIndexOf('/');
        int colon = image.indexOf(':', slash + 1);
        String tag = colon < 0 ? "latest" : image.substring(colon + 1);
        ContainerHealth h = c.health();
        boolean oneShot = KollaServices.isOneShot(c.name());
        int trouble;
        if (oneShot) {
            trouble = !c.isRunning() && c.exitCode() != null && c.exitCode() != 0 ? 1 : 0;
        } else if (!c.isRunning() || h != null && h.isUnhealthy()) {
            trouble = 2;
        } else {
            trouble = h != null && "starting".equals(h.status()) ? 1 : 0;
        }
        String since = c.isRunning() ? Age.between(c.startedAt(), now)
                : Age.between(c.finishedAt() != null ? c.finishedAt() : c.startedAt(), now);
        Map<String, String> labels = new TreeMap<>();
        c.labels().forEach((k, v) -> labels.put(k, masker.mask(v)));
        ContainerHealth.Probe probe = h == null ? null : h.lastProbe();
        return new ContainerRow(c.host(), c.name(), c.id(), masker.mask(image), tag, c.state(),
                masker.mask(c.statusText()), c.exitCode(), c.startedAt(), c.finishedAt(), c.restartCount(),
                c.restartPolicy(), h == null ? null : h.status(), h == null ? 0 : h.failingStreak(),
                probe == null ? null : masker.mask(probe.output()), probe == null ? null : probe.exitCode(),
                labels, c.isKolla(), since, trouble, c.evidenceSource(), KollaServices.logFile(c.name()));
    }
}
