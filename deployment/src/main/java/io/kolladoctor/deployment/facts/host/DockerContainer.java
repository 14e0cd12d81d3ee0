package io.kolladoctor.deployment.facts.host;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the Docker Engine API reports it: the list entry ({@code GET /containers/json?all=1})
 * enriched by {@code GET /containers/{id}/json} when that was collected ({@code exitCode},
 * {@code finishedAt}, {@code restartCount}, {@code health}; null when only the list is known).
 */
public record DockerContainer(
        String host,
        String id,
        String name,
        String image,
        String state,
        String statusText,
        Integer exitCode,
        Instant startedAt,
        Instant finishedAt,
        Integer restartCount,
        String restartPolicy,
        Map<String, String> labels,
        ContainerHealth health,
        String evidenceSource) {

    public boolean isRunning() {
        return "running".equals(state);
    }

    /** Kolla's images carry a {@code kolla_version} label; older ones at least live under a kolla namespace. */
    public boolean isKolla() {
        return labels.containsKey("kolla_version") || image != null && image.matches("(?i).*(^|/)kolla/.*|.*-(binary|source)-.*");
    }
}
