package io.kolladoctor.deployment.live;

import io.kolladoctor.deployment.live.host.HostFetcher.CommandResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Commands on the machine kolla-doctor runs on (the deploy host: where {@code kolla-ansible} runs), as its own user,
 * for fixes. Unlike host reads, the output has no size limit that would stop the command (a {@code kolla-ansible
 * reconfigure} prints a lot): stdout and stderr are merged and only their last {@link #KEPT} bytes are kept. Past the
 * timeout the command and every process it started are killed.
 */
public final class LocalCommands {

    /** How much of the end of the output is kept (the play recap of kolla-ansible, an error's last lines). */
    public static final int KEPT = 64 * 1024;

    private LocalCommands() {
    }

    public static CommandResult run(List<String> argv, Duration timeout) throws IOException {
        String shown = String.join(" ", argv);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("this machine: cannot run " + shown + ": " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        Tail tail = new Tail(process.getInputStream());
        Thread reader = Thread.ofVirtual().name("kd-local-" + argv.getFirst()).start(tail);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IOException("this machine: `" + shown + "` did not finish within " + timeout.toSeconds()
                        + " s (killed); its last output: " + tail.text().strip());
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("this machine: `" + shown + "` interrupted (killed)", e);
        }
        return new CommandResult("this machine", shown, process.exitValue(), tail.text(), "", "local");
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Drains a stream, keeping its last {@link #KEPT} bytes. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Tail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        kept.write(buffer, 0, n);
                        if (kept.size() > 2 * KEPT) {
                            byte[] all = kept.toByteArray();
                            kept.reset();
                            kept.write(all, all.length - KEPT, KEPT);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the stream ends with the process
            }
        }

        String text() {
            synchronized (kept) {
                byte[] all = kept.toByteArray();
                int from = Math.max(0, all.length - KEPT);
                return new String(all, from, all.length - from, StandardCharsets.UTF_8);
            }
        }
    }
}
