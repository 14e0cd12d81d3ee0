package io.kolladoctor.fixes.evacuation;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Moves the planned instances, a few at a time ({@code concurrency}), each as Masakari does: lock it unless its user
 * already had; reset to error first when Nova would refuse its state; evacuate; watch it until it runs on another host
 * in the state it had ({@code evacuate_timeout}); stop it again if it was stopped and came up running; put an instance
 * that was in error back in error; unlock.
 */
public final class Evacuator {

    /** How one instance ended. */
    public record Outcome(InstanceMove move, boolean moved, String host, String detail) {
    }

    private static final Duration POLL = Duration.ofSeconds(2);

    private final Nova nova;
    private final UmhaConfig config;
    private final EvacuationOperator operator;
    private final int concurrency;
    private final Duration poll;

    public Evacuator(Nova nova, UmhaConfig config, EvacuationOperator operator, int concurrency) {
        this(nova, config, operator, concurrency, POLL);
    }

    /** With another pause between two looks at an instance (tests). */
    Evacuator(Nova nova, UmhaConfig config, EvacuationOperator operator, int concurrency, Duration poll) {
        this.nova = nova;
        this.config = config;
        this.operator = operator;
        this.concurrency = Math.max(1, concurrency);
        this.poll = poll;
    }

    public List<Outcome> run(String failedHost, List<InstanceMove> moves) {
        Semaphore slots = new Semaphore(concurrency);
        List<Future<Outcome>> futures = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (InstanceMove move : moves) {
                if (!move.moves()) {
                    continue;
                }
                futures.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        return move(failedHost, move);
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        int i = 0;
        for (InstanceMove move : moves) {
            if (!move.moves()) {
                outcomes.add(new Outcome(move, false, failedHost, "not moved: " + move.reason()));
                continue;
            }
            try {
                outcomes.add(futures.get(i++).get());
            } catch (Exception e) {
                outcomes.add(new Outcome(move, false, failedHost, "failed: " + e));
            }
        }
        return outcomes;
    }

    private Outcome move(String failedHost, InstanceMove move) {
        String label = move.server().label();
        boolean lockedByUs = false;
        try {
            NovaServer before = nova.server(move.server().id());
            String vmState = String.valueOf(before.vmState());
            if (!before.locked()) {
                nova.lock(before.id());
                lockedByUs = true;
            }
            boolean stopAfter = !"active".equals(vmState);
            if (!List.of("active", "stopped", "error").contains(vmState) || before.taskState() != null) {
                operator.progress(label, "resetting state " + vmState + " to error (Nova evacuates only active, "
                        + "stopped or error instances)");
                nova.resetState(before.id(), "error");
            } else if ("stopped".equals(vmState)) {
                stopAfter = false; // Nova brings a cleanly stopped instance back stopped
            }
            operator.progress(label, "evacuating to " + (move.target() == null ? "the scheduler's choice" : move.target()));
            nova.evacuate(before.id(), move.target());
            NovaServer after = watch(failedHost, move, vmState);
            if (stopAfter && "active".equals(after.vmState())) {
                nova.stop(after.id());
                after = waitFor(after.id(), s -> "stopped".equals(s.vmState()), config.evacuateTimeout());
                if ("error".equals(vmState)) {
                    nova.resetState(after.id(), "error");
                }
            }
            String detail = "on " + after.host() + ", " + after.status();
            operator.progress(label, "done: " + detail);
            return new Outcome(move, true, after.host(), detail);
        } catch (IOException | RuntimeException e) {
            operator.progress(label, "FAILED: " + e.getMessage());
            return new Outcome(move, false, null, "failed: " + e.getMessage());
        } finally {
            if (lockedByUs) {
                try {
                    nova.unlock(move.server().id());
                } catch (IOException e) {
                    operator.progress(label, "could not unlock: " + e.getMessage());
                }
            }
        }
    }

    /** Until the instance runs on another host in its old state (error → active also counts), or goes to error. */
    private NovaServer watch(String failedHost, InstanceMove move, String oldState) throws IOException {
        Preflight.sleep(min(config.beforeCheckVmStatus(), config.evacuateTimeout()));
        return waitFor(move.server().id(), s -> {
            // error while Nova still rebuilds (task_state set) is the state reset before the evacuation, not its end
            if ("error".equals(s.vmState()) && s.taskState() == null && !"error".equals(oldState)) {
                throw new IllegalStateException("went to ERROR" + (s.fault() == null ? "" : ": " + s.fault()));
            }
            boolean elsewhere = s.host() != null && !s.host().equals(failedHost);
            boolean state = Objects.equals(s.vmState(), oldState) || ("error".equals(oldState) && "active".equals(s.vmState()))
                    || (!List.of("active", "stopped", "error").contains(oldState) && "active".equals(s.vmState()));
            if (elsewhere && state && s.taskState() == null) {
                return true;
            }
            return false;
        }, config.evacuateTimeout());
    }

    private interface Test {
        boolean ok(NovaServer server);
    }

    private NovaServer waitFor(String id, Test test, Duration timeout) throws IOException {
        Instant until = Instant.now().plus(timeout);
        NovaServer now = nova.server(id);
        while (!test.ok(now)) {
            if (Instant.now().isAfter(until)) {
                throw new IOException("not done within " + timeout.toSeconds() + " s (evacuate_timeout): now on "
                        + now.host() + ", " + now.status() + (now.taskState() == null ? "" : "/" + now.taskState()));
            }
            Preflight.sleep(poll);
            now = nova.server(id);
        }
        return now;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
