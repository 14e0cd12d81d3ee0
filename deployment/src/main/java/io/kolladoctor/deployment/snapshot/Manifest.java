package io.kolladoctor.deployment.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code manifest.json} of a snapshot: what was collected, when, from where, and what could not be
 * collected and why. See docs/snapshot.md.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Manifest(
        String format,
        Instant created,
        Origin origin,
        DeploymentInfo deployment,
        List<ExtraHost> extraHosts,
        List<Entry> entries) {

    public static final String FORMAT = "kolla-doctor-snapshot/1";

    public Manifest {
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** Who made the snapshot: {@code kind} is collect, demo or lab. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Origin(String kind, String tool, String host, String note) {
    }

    /** Names used inside the snapshot: the OpenStack cloud directory and the Kubernetes contexts. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record DeploymentInfo(String name, String cloud, List<String> kubernetesContexts,
                                 Map<String, List<String>> kubernetesNamespaces) {
        public DeploymentInfo {
            kubernetesContexts = kubernetesContexts == null ? List.of() : List.copyOf(kubernetesContexts);
            kubernetesNamespaces = kubernetesNamespaces == null ? Map.of() : Map.copyOf(kubernetesNamespaces);
        }
    }

    /** A host outside the Kolla inventory that was reached, e.g. a Magnum cluster node. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ExtraHost(String name, String address, List<String> groups, String cluster) {
        public ExtraHost {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    /**
     * One collected item. {@code path} is relative to the snapshot root; a path ending in "/" is a
     * whole tree, so anything missing below it is known not to exist at the source.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Entry(String path, Status status, String source, Instant collected, String error) {
        public enum Status { ok, failed, absent }
    }

    /** The entry that speaks for {@code path}: its own, or that of the deepest tree holding it. */
    public Optional<Entry> entryFor(String path) {
        Entry best = null;
        for (Entry entry : entries) {
            String p = entry.path();
            boolean covers = p.equals(path) || (p.endsWith("/") && path.startsWith(p));
            if (covers && (best == null || p.length() > best.path().length())) {
                best = entry;
            }
        }
        return Optional.ofNullable(best);
    }
}
