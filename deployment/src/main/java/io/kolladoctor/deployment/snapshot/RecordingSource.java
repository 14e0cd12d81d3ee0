package io.kolladoctor.deployment.snapshot;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.model.Topology;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source that remembers what every request gave (material or failure). {@code collect} runs a whole sweep through
 * it and writes what it saw, so {@code check --snapshot} later reads exactly the bytes and failures {@code check}
 * saw live, including requests a check only makes once it has read something else (a stack's resources).
 */
public final class RecordingSource implements FactSource {

    /** What one request gave: material, or the failure. */
    public record Outcome(FactRequest request, Material material, FactUnavailableException failure) {
    }

    /** Told as each request completes, for progress displays. */
    @FunctionalInterface
    public interface Listener {
        void fetched(Outcome outcome, int count);
    }

    private final FactSource delegate;
    private final Listener listener;
    private final Map<FactRequest, Outcome> outcomes = new ConcurrentHashMap<>();

    public RecordingSource(FactSource delegate, Listener listener) {
        this.delegate = delegate;
        this.listener = listener;
    }

    @Override
    public Material fetch(FactRequest request) throws FactUnavailableException {
        try {
            Material material = delegate.fetch(request);
            record(new Outcome(request, material, null));
            return material;
        } catch (FactUnavailableException e) {
            record(new Outcome(request, null, e));
            throw e;
        }
    }

    private void record(Outcome outcome) {
        outcomes.put(outcome.request(), outcome);
        listener.fetched(outcome, outcomes.size());
    }

    public Map<FactRequest, Outcome> outcomes() {
        return Map.copyOf(outcomes);
    }

    public FactSource delegate() {
        return delegate;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public Topology topology() {
        return delegate.topology();
    }

    @Override
    public Instant asOf() {
        return delegate.asOf();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
