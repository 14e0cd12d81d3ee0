package io.kolladoctor.app.tui.data;

import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.sweep.Sweep;
import io.kolladoctor.checks.sweep.SweepResult;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads what the console shows, never on the UI thread: opens the source once (lazily, on a virtual thread, so
 * the first frame never waits for it), then on every refresh takes a fresh {@link Facts} of that source and
 * runs the sweep and the inventory loaders side by side on virtual threads. Each publishes as soon as it has
 * something: a finished check's findings, one view's rows. The source is whatever {@code opener} returns —
 * a snapshot today, a live deployment once it exists — and is asked for nothing a snapshot could not answer.
 */
public final class Refresher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Refresher.class.getName());

    /** A load for a detail view, against the current facts; secrets in what it returns must go through the masker. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Facts facts, SecretMasker masker) throws Exception;
    }

    private final Callable<FactSource> opener;
    private final Supplier<List<Check>> checks;
    private final Duration deadline;
    private final AtomicReference<ConsoleState> state = new AtomicReference<>(ConsoleState.initial());
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private volatile FactSource source;
    private volatile Facts facts;
    private volatile SecretMasker masker = SecretMasker.patterns();
    private volatile boolean closed;
    private volatile Thread autoRefresh;

    public Refresher(Callable<FactSource> opener, Supplier<List<Check>> checks, Duration deadline) {
        this.opener = opener;
        this.checks = checks;
        this.deadline = deadline;
    }

    public ConsoleState state() {
        return state.get();
    }

    /** The opened source, or null before it is open (fixes ask whether it is a live one). */
    public FactSource source() {
        return source;
    }

    /** Called (on a loader's thread) after every change of {@link #state()}. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Tells the listeners something changed outside the state (a detail view's load finished). */
    public void poke() {
        listeners.forEach(Runnable::run);
    }

    /** Requests so far in the running sweep, for the progress line. */
    public int requests() {
        Facts current = facts;
        return current == null ? 0 : current.fetchCount();
    }

    /** Starts a refresh unless one is running; one requested meanwhile runs right after it. Never blocks. */
    public void refresh() {
        pending.set(true);
        if (!closed && running.compareAndSet(false, true)) {
            Thread.ofVirtual().name("kd-refresh").start(this::loop);
        }
    }

    /** Refreshes every {@code interval} after the previous refresh ended (live sources change; snapshots do not). */
    public void every(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        autoRefresh = Thread.ofVirtual().name("kd-auto-refresh").start(() -> {
            try {
                while (!closed) {
                    Thread.sleep(interval);
                    if (!running.get()) {
                        refresh();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Runs a detail view's load on a virtual thread against the facts of the last refresh. */
    public <T> CompletableFuture<T> load(Query<T> query) {
        Facts current = facts;
        if (current == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the source is not open yet"));
        }
        SecretMasker m = masker;
        return CompletableFuture.supplyAsync(() -> {
            try {
                return query.run(current, m);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, pool);
    }

    private void loop() {
        try {
            while (!closed && pending.getAndSet(false)) {
                runOnce();
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "refresh failed", e);
            update(s -> s.failed("internal error: " + e));
        } finally {
            running.set(false);
            if (pending.get() && !closed) {
                refresh();
            }
        }
    }

    private void runOnce() {
        long t0 = System.nanoTime();
        if (source == null) {
            update(ConsoleState::opening);
            try {
                source = opener.call();
            } catch (Exception e) {
                LOG.log(Level.INFO, "source could not be opened", e);
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                update(s -> s.failed(reason));
                return;
            }
            LOG.info(() -> "source opened in " + millis(t0) + " ms: " + source.describe());
        }
        FactSource src = source;
        Facts current = new Facts(src);
        List<Check> selected = checks.get();
        facts = current;
        update(s -> s.sweeping(src.describe(), src.asOf(), selected.size()));
        SecretMasker m = Deployments.masker(current);
        masker = m;
        List<Future<?>> loads = new ArrayList<>();
        loads.add(section(() -> ContainerRow.load(current, m, pool), ConsoleState::withContainers));
        loads.add(section(() -> PodRow.load(current, m), ConsoleState::withPods));
        loads.add(pool.submit(() -> {
            Section<ServiceRow> services = guarded(() -> ServiceRow.load(current, m));
            Section<EndpointRow> endpoints = guarded(() -> EndpointRow.load(current, m));
            update(s -> s.withServices(services, endpoints));
        }));
        loads.add(section(() -> ClusterRow.load(current, m), ConsoleState::withClusters));
        loads.add(section(() -> AlarmRow.load(current, m), ConsoleState::withAlarms));
        SweepResult result = new Sweep(deadline, (info, found, done, total) -> update(s -> s.checkDone(found, done, total)))
                .run(current, selected);
        update(s -> s.swept(result, Instant.now()));
        LOG.info(() -> "sweep finished in " + millis(t0) + " ms: " + result.findings().size() + " findings, "
                + result.fetches() + " requests");
        for (Future<?> load : loads) {
            try {
                load.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "an inventory load did not finish", e);
            }
        }
        LOG.info(() -> "refresh finished in " + millis(t0) + " ms");
    }

    private <T> Future<?> section(Supplier<Section<T>> load, java.util.function.BiFunction<ConsoleState, Section<T>, ConsoleState> with) {
        return pool.submit(() -> {
            Section<T> loaded = guarded(load);
            update(s -> with.apply(s, loaded));
        });
    }

    /** A loader that crashes shows as one problem line, not as a frozen "loading". */
    private static <T> Section<T> guarded(Supplier<Section<T>> load) {
        try {
            return load.get();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "loader crashed", e);
            return Section.failed("internal error while loading: " + e);
        }
    }

    private void update(UnaryOperator<ConsoleState> change) {
        state.updateAndGet(change);
        listeners.forEach(Runnable::run);
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public void close() {
        closed = true;
        Thread auto = autoRefresh;
        if (auto != null) {
            auto.interrupt();
        }
        pool.shutdownNow();
        FactSource src = source;
        if (src != null) {
            try {
                src.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the source", e);
            }
        }
    }

    /** For loaders: maps a function over rows built in parallel, one virtual thread per item. */
    static <A, B> List<B> parallel(ExecutorService pool, List<A> items, Function<A, B> map) {
        List<Future<B>> futures = items.stream().map(a -> pool.submit(() -> map.apply(a))).toList();
        List<B> out = new ArrayList<>();
        for (Future<B> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }
}
