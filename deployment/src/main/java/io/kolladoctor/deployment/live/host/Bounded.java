package io.kolladoctor.deployment.live.host;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs blocking I/O on a virtual thread and waits for it only until a deadline. Libraries do not all honour their own
 * timeouts (an sshj channel close waits for the server, a unix socket read has no timeout), so the caller gets its
 * answer by the deadline whatever the library does, and {@code abort} (closing the socket, the channel, the process)
 * runs on its own thread to unblock and release what the work holds.
 */
final class Bounded {

    private Bounded() {
    }

    @FunctionalInterface
    interface Work<T> {
        T call() throws Exception;
    }

    static <T> T call(Deadline deadline, String name, Work<T> work, Runnable abort, Supplier<HostException> onTimeout)
            throws HostException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("kd-host-" + name).start(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            HostException timedOut = onTimeout.get(); // before the abort changes what it describes
            abortAsync(abort, worker, name);
            throw timedOut;
        } catch (InterruptedException e) {
            abortAsync(abort, worker, name);
            Thread.currentThread().interrupt();
            throw new HostException(name + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HostException he) {
                throw he;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new HostException(name + ": " + message(cause), cause);
        }
    }

    static void abortAsync(Runnable abort, Thread worker, String name) {
        Thread.ofVirtual().name("kd-host-abort-" + name).start(() -> {
            try {
                abort.run();
            } catch (RuntimeException ignored) {
                // best effort: the caller already has its answer
            }
            worker.interrupt();
        });
    }

    /** An exception's message, or its class when it has none; the first line only. */
    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m).strip();
    }

    /** Runs {@code task} ignoring what it throws (closing things on the way out). */
    static void quietly(Callable<?> task) {
        try {
            task.call();
        } catch (Exception ignored) {
            // nothing to report: this is cleanup
        }
    }
}
