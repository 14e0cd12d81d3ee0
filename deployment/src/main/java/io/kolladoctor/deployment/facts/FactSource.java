package io.kolladoctor.deployment.facts;

import io.kolladoctor.deployment.model.Topology;
import java.time.Instant;

/**
 * Where facts come from: a snapshot (directory, tar.gz, the bundled demo) or, later, the live
 * deployment. Implementations do the I/O; nothing above them does. Must be safe to call from
 * many threads at once.
 */
public interface FactSource extends AutoCloseable {

    /** The raw material for one request, or why it cannot be had. */
    Material fetch(FactRequest request) throws FactUnavailableException;

    /** What this source is, for headers and reports (e.g. "snapshot /tmp/s (collected 2026-11-20T03:12Z)"). */
    String describe();

    /** The cloud, Kubernetes contexts and extra hosts this source reaches. */
    Topology topology();

    /** The moment the facts describe: now for a live source, collection time for a snapshot. */
    Instant asOf();

    @Override
    default void close() {
    }
}
