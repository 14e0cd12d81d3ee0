package io.kolladoctor.deployment.live.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Commands on the host kolla-doctor runs on, as child processes (no SSH). The same {@code timeout -s KILL} wrapper as
 * on remote hosts kills the command's process group; past the deadline the process tree is also killed from here.
 */
final class LocalShell implements HostShell {

    private final boolean root = currentUid() == 0;

    @Override
    public String describe() {
        return "local";
    }

    @Override
    public boolean isRoot() {
        return root;
    }

    @Override
    public Exec run(ShellCommand command, boolean sudo, long maxBytes, Deadline deadline) throws HostException {
        Process process = start(command, sudo, deadline);
        String shown = (sudo ? "sudo -n " : "") + command.display();
        return Bounded.call(deadline, "local-" + command.argv().get(0), () -> finish(process, shown, maxBytes),
                () -> kill(process), () -> new HostException("local: `" + shown + "` did not finish within "
                        + Deadline.seconds(deadline.budget()) + " (killed)"));
    }

    private static Exec finish(Process process, String shown, long maxBytes) throws HostException, InterruptedException {
        try {
            process.getOutputStream().close();
            Streams.Collector stderr = new Streams.Collector(process.getErrorStream(), "local");
            byte[] stdout = Streams.readBounded(process.getInputStream(), maxBytes);
            int status = process.waitFor();
            return new Exec(status, stdout, stderr.text(1000));
        } catch (Streams.TooLarge e) {
            kill(process);
            throw new HostException("local: the output of `" + shown + "` is larger than " + maxBytes + " bytes");
        } catch (IOException e) {
            kill(process);
            throw new HostException("local: `" + shown + "`: " + Bounded.message(e), e);
        }
    }

    @Override
    public Stream open(ShellCommand command, boolean sudo, Deadline deadline, Duration lifetime) throws HostException {
        Process process = start(command, sudo, Deadline.in(lifetime));
        Streams.Collector stderr = new Streams.Collector(process.getErrorStream(), "local");
        return new Stream() {
            @Override
            public InputStream stdout() {
                return process.getInputStream();
            }

            @Override
            public OutputStream stdin() {
                return process.getOutputStream();
            }

            @Override
            public String stderr() {
                return stderr.text();
            }

            @Override
            public Integer exitStatus() {
                try {
                    return process.waitFor(500, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }

            @Override
            public void close() {
                kill(process);
            }
        };
    }

    private static Process start(ShellCommand command, boolean sudo, Deadline deadline) throws HostException {
        ProcessBuilder builder = new ProcessBuilder(command.wrapped(deadline.remainingSecondsAtLeastOne(), sudo));
        builder.environment().put("LC_ALL", ShellCommand.LOCALE);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new HostException("local: cannot run " + command.display() + ": " + Bounded.message(e), e);
        }
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : -1;
        }
    }
}
