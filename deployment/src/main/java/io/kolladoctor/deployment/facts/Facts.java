package io.kolladoctor.deployment.facts;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The facts of one sweep. Each request is fetched from the {@link FactSource} at most once and each
 * typed view parsed at most once, however many checks ask and from however many threads: a second
 * caller waits for the first one's result. Failures are memoized too, so a dead host is asked once.
 */
public final class Facts {

    private final FactSource source;
    private final Map<FactRequest, CompletableFuture<Material>> raw = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Object>> parsed = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();

    public Facts(FactSource source) {
        this.source = source;
    }

    public FactSource source() {
        return source;
    }

    /** The moment these facts describe (collection time of a snapshot, now for a live deployment). */
    public Instant asOf() {
        return source.asOf();
    }

    /** The raw material of a request, fetched once. */
    public Material material(FactRequest request) throws FactUnavailableException {
        CompletableFuture<Material> mine = new CompletableFuture<>();
        CompletableFuture<Material> existing = raw.putIfAbsent(request, mine);
        if (existing == null) {
            fetches.incrementAndGet();
            try {
                mine.complete(source.fetch(request));
            } catch (FactUnavailableException e) {
                mine.completeExceptionally(e);
            } catch (RuntimeException e) {
                mine.completeExceptionally(new FactUnavailableException(request, FactUnavailableException.Kind.FAILED,
                        request.describe() + ": " + e, e));
            }
            existing = mine;
        }
        return await(existing, request);
    }

    /** The typed value of a fact; throws with the reason when it cannot be had. */
    @SuppressWarnings("unchecked")
    public <T> T get(Fact<T> fact) throws FactUnavailableException {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = parsed.putIfAbsent(fact.memoKey(), mine);
        if (existing == null) {
            try {
                Material material = material(fact.request());
                mine.complete(fact.parser().parse(material));
            } catch (FactUnavailableException e) {
                mine.completeExceptionally(e);
            } catch (Exception | StackOverflowError e) {
                mine.completeExceptionally(new FactUnavailableException(fact.request(),
                        FactUnavailableException.Kind.MALFORMED,
                        fact.request().describe() + " is not valid " + fact.type() + ": " + shortMessage(e), e));
            }
            existing = mine;
        }
        return (T) await(existing, fact.request());
    }

    /** Like {@link #get} but an absent thing (a file the host does not have) is an empty Optional. */
    public <T> Optional<T> find(Fact<T> fact) throws FactUnavailableException {
        try {
            return Optional.of(get(fact));
        } catch (FactUnavailableException e) {
            if (e.isAbsent()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A value computed from other facts, once per sweep (e.g. the {@link io.kolladoctor.deployment.model.Deployment}). */
    @SuppressWarnings("unchecked")
    public <T> T derive(String key, Derivation<T> derivation) throws FactUnavailableException {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = parsed.putIfAbsent("derived:" + key, mine);
        if (existing == null) {
            try {
                mine.complete(derivation.derive());
            } catch (FactUnavailableException e) {
                mine.completeExceptionally(e);
            } catch (RuntimeException e) {
                mine.completeExceptionally(new FactUnavailableException(null, FactUnavailableException.Kind.MALFORMED,
                        key + ": " + shortMessage(e), e));
            }
            existing = mine;
        }
        return (T) await(existing, null);
    }

    /** Computes a derived value from facts. */
    @FunctionalInterface
    public interface Derivation<T> {
        T derive() throws FactUnavailableException;
    }

    /** How many distinct requests went to the source (the "one request per collection" figure). */
    public int fetchCount() {
        return fetches.get();
    }

    private static <V> V await(CompletableFuture<V> future, FactRequest request) throws FactUnavailableException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FactUnavailableException(request, FactUnavailableException.Kind.FAILED,
                    (request == null ? "fact" : request.describe()) + ": interrupted (deadline reached)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FactUnavailableException unavailable) {
                throw unavailable;
            }
            throw new FactUnavailableException(request, FactUnavailableException.Kind.FAILED,
                    (request == null ? "fact" : request.describe()) + ": " + e.getCause(), e.getCause());
        }
    }

    static String shortMessage(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // Jackson appends a long "(through reference chain …)" and source dumps; the first line says it.
        String first = message.lines().findFirst().orElse(message);
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }
}
