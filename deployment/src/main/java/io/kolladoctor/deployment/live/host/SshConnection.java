package io.kolladoctor.deployment.live.host;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One authenticated SSH connection, shared by every request to its host during a sweep. Each command is an exec
 * channel; at most {@code maxSessions} run at once (sshd refuses more than its MaxSessions). A command whose deadline
 * passes is killed on the host by its {@code timeout -s KILL} wrapper (given one second less than the deadline) and
 * abandoned here; if the host then does not even answer a keepalive, the connection is dropped and the host is
 * remembered as not answering.
 */
final class SshConnection {

    private static final Duration PROBE = Duration.ofSeconds(2);

    private final SshEndpoint endpoint;
    private final SSHClient client;
    private final SshConnections pool;
    private final Semaphore sessions;

    SshConnection(SshEndpoint endpoint, SSHClient client, SshConnections pool, int maxSessions) {
        this.endpoint = endpoint;
        this.client = client;
        this.pool = pool;
        this.sessions = new Semaphore(maxSessions, true);
    }

    SSHClient client() {
        return client;
    }

    SshEndpoint endpoint() {
        return endpoint;
    }

    boolean isAlive() {
        return client.isConnected() && client.isAuthenticated();
    }

    HostShell.Exec exec(ShellCommand command, boolean sudo, long maxBytes, Deadline deadline) throws HostException {
        String line = command.line(remoteSeconds(deadline), sudo);
        String shown = "`" + (sudo ? "sudo -n " : "") + command.display() + "`";
        acquire(deadline, shown);
        AtomicReference<Session> session = new AtomicReference<>();
        try {
            return Bounded.call(deadline, "ssh-" + endpoint.alias(), () -> {
                pool.countCommand();
                Session s = null;
                try {
                    s = client.startSession();
                    session.set(s);
                    Session.Command cmd = s.exec(line);
                    Streams.Collector stderr = new Streams.Collector(cmd.getErrorStream(), endpoint.alias());
                    byte[] stdout;
                    try {
                        stdout = Streams.readBounded(cmd.getInputStream(), maxBytes);
                    } catch (Streams.TooLarge e) {
                        throw new HostException(where() + ": the output of " + shown + " is larger than " + maxBytes
                                + " bytes");
                    }
                    cmd.join(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
                    return new HostShell.Exec(status(cmd), stdout, stderr.text(1000));
                } catch (HostException e) {
                    throw e;
                } catch (Exception e) {
                    throw failure(shown, deadline, e);
                } finally {
                    Session opened = s;
                    if (opened != null) {
                        Bounded.quietly(() -> {
                            opened.close();
                            return null;
                        });
                    }
                }
            }, () -> abandon(session.get()), () -> new HostException(where() + ": " + shown + " did not answer within "
                    + Deadline.seconds(deadline.budget())));
        } finally {
            sessions.release();
        }
    }

    HostShell.Stream open(ShellCommand command, boolean sudo, Deadline deadline, Duration lifetime) throws HostException {
        String line = command.line(remoteSeconds(Deadline.in(lifetime)), sudo);
        String shown = "`" + (sudo ? "sudo -n " : "") + command.display() + "`";
        acquire(deadline, shown);
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                sessions.release();
            }
        };
        AtomicReference<Session> session = new AtomicReference<>();
        try {
            return Bounded.call(deadline, "ssh-open-" + endpoint.alias(), () -> {
                pool.countCommand();
                try {
                    Session s = client.startSession();
                    session.set(s);
                    Session.Command cmd = s.exec(line);
                    Streams.Collector stderr = new Streams.Collector(cmd.getErrorStream(), endpoint.alias());
                    return stream(s, cmd, stderr, release);
                } catch (Exception e) {
                    Session opened = session.get();
                    if (opened != null) {
                        Bounded.quietly(() -> {
                            opened.close();
                            return null;
                        });
                    }
                    throw failure(shown, deadline, e);
                }
            }, () -> {
                abandon(session.get());
                release.run();
            }, () -> new HostException(where() + ": could not start " + shown + " within "
                    + Deadline.seconds(deadline.budget())));
        } catch (HostException e) {
            release.run();
            throw e;
        }
    }

    /**
     * What went wrong with a command's channel, in words: a connection that died (idle connection cut, sshd
     * restarted or stopped) is stale, worth one retry on a new connection (every command here only reads); sshj's
     * own timeouts read like the request's deadline.
     */
    private HostException failure(String shown, Deadline deadline, Exception e) {
        if (!isAlive()) {
            return HostException.stale(where() + ": the connection was lost (" + Bounded.message(e) + ")", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || String.valueOf(t.getMessage()).startsWith("Timeout expired")) {
                return new HostException(where() + ": " + shown + " did not answer within "
                        + Deadline.seconds(deadline.budget()), e);
            }
        }
        return new HostException(where() + ": " + shown + ": " + Bounded.message(e), e);
    }

    private HostShell.Stream stream(Session s, Session.Command cmd, Streams.Collector stderr, Runnable release) {
        return new HostShell.Stream() {
            @Override
            public InputStream stdout() {
                return cmd.getInputStream();
            }

            @Override
            public OutputStream stdin() {
                return cmd.getOutputStream();
            }

            @Override
            public String stderr() {
                return stderr.text();
            }

            @Override
            public Integer exitStatus() {
                Bounded.quietly(() -> {
                    cmd.join(500, TimeUnit.MILLISECONDS);
                    return null;
                });
                return cmd.getExitStatus() != null || cmd.getExitSignal() != null ? status(cmd) : null;
            }

            @Override
            public void close() {
                try {
                    Bounded.quietly(() -> {
                        s.close();
                        return null;
                    });
                } finally {
                    release.run();
                }
            }
        };
    }

    private void acquire(Deadline deadline, String shown) throws HostException {
        try {
            if (!sessions.tryAcquire(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS)) {
                throw new HostException(where() + ": " + shown + " waited " + Deadline.seconds(deadline.budget())
                        + " for a free SSH channel (the host's other commands did not finish)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException(where() + ": interrupted");
        }
    }

    /**
     * A command's deadline passed. Its channel is closed in the background; if the host does not answer a keepalive
     * either, it is hung (paused, overloaded, network gone): the connection is dropped so that later requests fail at
     * once instead of each waiting for its own deadline.
     */
    private void abandon(Session session) {
        if (!probe(PROBE)) {
            pool.discard(this, where() + ": the host stopped answering over SSH (no reply to a keepalive within "
                    + Deadline.seconds(PROBE) + " after a command's deadline; paused, overloaded or cut off?)");
            return;
        }
        if (session != null) {
            Bounded.quietly(() -> {
                session.close();
                return null;
            });
        }
    }

    /** Whether the server still answers on this connection (any reply to a global request counts). */
    boolean probe(Duration timeout) {
        if (!isAlive()) {
            return false;
        }
        try {
            SSHPacket reply = client.getConnection().sendGlobalRequest("keepalive@openssh.com", true, new byte[0])
                    .tryRetrieve(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return reply != null && isAlive();
        } catch (ConnectionException e) {
            // REQUEST_FAILURE is an answer too: the server is there
            return isAlive() && !(e.getCause() instanceof java.util.concurrent.TimeoutException);
        } catch (Exception e) {
            return false;
        }
    }

    void disconnect() {
        Bounded.quietly(() -> {
            client.disconnect();
            return null;
        });
    }

    private String where() {
        return "ssh " + endpoint.describe();
    }

    /**
     * The {@code timeout} given on the host: whole seconds, a fifth of what is left (1 to 3 s) before the deadline, so
     * that its kill and the exit status normally arrive before the request gives up on the channel.
     */
    static int remoteSeconds(Deadline deadline) {
        long remaining = deadline.remainingMillis();
        long margin = Math.min(3000, Math.max(1000, remaining / 5));
        return (int) Math.max(1, (remaining - margin) / 1000);
    }

    private static int status(Session.Command cmd) {
        Integer status = cmd.getExitStatus();
        if (status != null) {
            return status;
        }
        Signal signal = cmd.getExitSignal();
        if (signal == null) {
            return 255;
        }
        return switch (signal) {
            case HUP -> 129;
            case INT -> 130;
            case KILL -> 137;
            case PIPE -> 141;
            case TERM -> 143;
            default -> 255;
        };
    }
}
