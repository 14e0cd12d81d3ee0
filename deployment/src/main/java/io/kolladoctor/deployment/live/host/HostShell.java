package io.kolladoctor.deployment.live.host;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/** Runs {@link ShellCommand}s on one host: over SSH or, for the host kolla-doctor runs on, as local processes. */
interface HostShell extends AutoCloseable {

    /** {@code ssh root@172.29.0.11} or {@code local}, for origins and messages. */
    String describe();

    /** Whether commands already run as root (then {@code sudo -n} is pointless). */
    boolean isRoot();

    /**
     * Runs a command to completion by the deadline (killed on the host when it passes); its stdout is capped at
     * {@code maxBytes} (more is refused, not truncated silently).
     */
    Exec run(ShellCommand command, boolean sudo, long maxBytes, Deadline deadline) throws HostException;

    /**
     * Starts a command whose stdin and stdout the caller talks to (Docker's dial-stdio), started by the deadline and
     * killed on the host after {@code lifetime}; close it when done.
     */
    Stream open(ShellCommand command, boolean sudo, Deadline deadline, java.time.Duration lifetime) throws HostException;

    @Override
    default void close() {
    }

    /** A finished command. {@code exitStatus} 128+N when it died of signal N. */
    record Exec(int exitStatus, byte[] stdout, String stderr) {
    }

    /** A running command's streams. */
    interface Stream extends Closeable {
        InputStream stdout();

        OutputStream stdin();

        /** What it wrote to stderr so far (bounded). */
        String stderr();

        /** Its exit status once it ended (waits briefly for it), else null. */
        Integer exitStatus();

        @Override
        void close();
    }
}
