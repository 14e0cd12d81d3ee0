package io.kolladoctor.deployment.live;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Material;

/**
 * Answers the fact requests of one scope (hosts, a cloud, Kubernetes contexts) from the live deployment, with
 * the same bytes a snapshot would store for them (see docs/snapshot.md). A live source routes each request to
 * the fetcher of its scope. Implementations are thread-safe, create their clients lazily (on the first request
 * that needs them), bound every call by a deadline, and throw {@link FactUnavailableException} — never another
 * exception — when the material cannot be had: ABSENT when it does not exist at the source, FAILED with the
 * reason otherwise.
 */
public interface ScopeFetcher extends AutoCloseable {

    Material fetch(FactRequest request) throws FactUnavailableException;

    /** Closes the clients this fetcher opened; safe to call when it opened none. */
    @Override
    default void close() {
    }
}
