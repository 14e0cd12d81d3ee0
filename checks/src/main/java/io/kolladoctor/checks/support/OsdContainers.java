package io.kolladoctor.checks.support;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.BlockDevice;
import io.kolladoctor.deployment.facts.host.DockerContainer;
import io.kolladoctor.deployment.facts.host.DockerContainers;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Kolla's Ceph OSD containers on a storage host, as evidence: {@code ceph_osd_<id>} (one per running OSD) and the
 * one-shot {@code bootstrap_osd_<n>} / {@code bootstrap_osd_cache_<n>} that prepared a disk (run with
 * {@code OSD_DEV=/dev/sdX} in their environment, restart policy never, left behind when they fail).
 */
public final class OsdContainers {

    private OsdContainers() {
    }

    /** The host's containers; empty when they cannot be had (they only add evidence). */
    public static List<DockerContainer> of(Facts facts, String host) {
        try {
            return DockerContainers.of(facts, host);
        } catch (FactUnavailableException e) {
            return List.of();
        }
    }

    /** {@code stor1: docker ps -a}: the OSD containers and their states, or that there are none. */
    public static Evidence evidence(String host, List<DockerContainer> containers) {
        List<String> osd = containers.stream()
                .filter(c -> c.name().startsWith("ceph_osd_") || c.name().startsWith("bootstrap_osd_"))
                .map(c -> c.name() + " " + c.state() + (c.exitCode() == null || c.isRunning() ? "" : " (" + c.exitCode() + ")"))
                .toList();
        return Evidence.of(host + ": docker ps -a",
                osd.isEmpty() ? "no ceph_osd_* or bootstrap_osd_* container" : String.join(", ", osd));
    }

    /** Exited bootstrap_osd_* containers that failed on this disk ({@code OSD_DEV} in their inspect body's Config.Env). */
    public static List<DockerContainer> failedBootstraps(Facts facts, String host, List<DockerContainer> containers,
                                                         BlockDevice disk) {
        String env = "OSD_DEV=" + disk.displayPath();
        return containers.stream()
                .filter(c -> c.name().startsWith("bootstrap_osd_") && !c.isRunning() && c.exitCode() != null && c.exitCode() != 0)
                .filter(c -> OptionalFacts.bestEffort(facts, DockerContainers.inspect(host, c.name()))
                        .map(i -> StreamSupport.stream(i.path("Config").path("Env").spliterator(), false)
                                .anyMatch(v -> env.equals(v.asText())))
                        .orElse(false))
                .toList();
    }
}
