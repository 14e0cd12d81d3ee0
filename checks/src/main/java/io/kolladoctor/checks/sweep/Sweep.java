package io.kolladoctor.checks.sweep;

import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.CheckInfo;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Subject;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pass over a deployment: load the deployment, gather every fact the checks declare (in parallel, each
 * once), then run every check concurrently under a deadline. It always finishes: a fact that cannot be had
 * makes the checks that need it ERROR with the reason, a check that throws or overruns becomes one ERROR
 * finding for that check alone. Every finding is masked before it leaves.
 */
public final class Sweep {

    private static final Logger LOG = Logger.getLogger(Sweep.class.getName());

    /** Told as each check finishes, for progress displays. */
    @FunctionalInterface
    public interface Listener {
        void checkDone(CheckInfo check, List<Finding> findings, int done, int total);
    }

    private final Duration deadline;
    private final Listener listener;

    public Sweep(Duration deadline, Listener listener) {
        this.deadline = deadline;
        this.listener = listener;
    }

    public Sweep(Duration deadline) {
        this(deadline, (c, f, d, t) -> { });
    }

    public SweepResult run(Facts facts, List<Check> checks) {
        Instant started = Instant.now();
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        SecretMasker masker = Deployments.masker(facts);
        List<Finding> findings = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            prefetch(facts, checks, pool, deadlineNanos);
            Map<Check, Future<List<Finding>>> running = new LinkedHashMap<>();
            for (Check check : checks) {
                running.put(check, pool.submit(() -> check.run(facts)));
            }
            int done = 0;
            for (Map.Entry<Check, Future<List<Finding>>> entry : running.entrySet()) {
                CheckInfo info = entry.getKey().info();
                List<Finding> result = collect(info, entry.getValue(), deadlineNanos).stream()
                        .map(f -> f.masked(masker::mask))
                        .toList();
                findings.addAll(result);
                listener.checkDone(info, result, ++done, running.size());
            }
            pool.shutdownNow(); // checks still running past the deadline are abandoned, not awaited
        }
        Duration took = Duration.between(started, Instant.now());
        return new SweepResult(facts.source().describe(), facts.asOf(), started, took, facts.fetchCount(), findings);
    }

    /** Gathers every declared request in parallel; failures are memoized and surface when a check reads them. */
    private static void prefetch(Facts facts, List<Check> checks, ExecutorService pool, long deadlineNanos) {
        Deployment deployment;
        try {
            deployment = Deployments.of(facts);
        } catch (FactUnavailableException e) {
            return; // every check will report the reason itself
        }
        Set<FactRequest> requests = new LinkedHashSet<>();
        for (Check check : checks) {
            try {
                requests.addAll(check.prefetch(deployment));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "prefetch list of " + check.info().id() + " failed", e);
            }
        }
        List<Future<?>> fetches = new ArrayList<>();
        for (FactRequest request : requests) {
            fetches.add(pool.submit(() -> {
                try {
                    facts.material(request);
                } catch (FactUnavailableException ignored) {
                    // memoized; the check that reads it reports the reason
                }
            }));
        }
        for (Future<?> fetch : fetches) {
            try {
                fetch.get(remaining(deadlineNanos), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return; // the checks will wait on what is still in flight, under their own deadline
            } catch (ExecutionException e) {
                LOG.log(Level.FINE, "prefetch failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<Finding> collect(CheckInfo info, Future<List<Finding>> future, long deadlineNanos) {
        Subject everything = Subject.of("check", info.id());
        try {
            List<Finding> findings = future.get(remaining(deadlineNanos), TimeUnit.NANOSECONDS);
            return findings == null ? List.of() : findings;
        } catch (TimeoutException e) {
            future.cancel(true);
            return List.of(info.error(everything, "did not finish within the " + deadline.toSeconds()
                    + " s deadline (a source is slow or hangs)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(info.error(everything, "interrupted"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FactUnavailableException unavailable) {
                Subject subject = unavailable.request() == null ? everything
                        : Subject.of("source", unavailable.request().describe());
                return List.of(info.error(subject, unavailable.getMessage()));
            }
            LOG.log(Level.SEVERE, "check " + info.id() + " crashed", cause);
            return List.of(info.error(everything, "check crashed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse(""))));
        }
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }
}
