package io.kolladoctor.deployment.live.host;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * The SSH connections of one fetcher: one per endpoint, opened on the first request that needs it (concurrent
 * requests wait for the same attempt), reused by every later request, reopened when it died. A failed attempt, or a
 * host that stopped answering, is remembered for {@link HostAccessOptions#failureMemo()} so that a sweep asks a dead
 * host once and gets its reason for every request at once.
 */
final class SshConnections implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SshConnections.class.getName());

    /** sshj's configuration (and with it BouncyCastle's registration) is made on the first connection only. */
    private static final class Defaults {
        static final Config CONFIG = new DefaultConfig();
    }

    private final HostAccessOptions options;
    private final Map<SshEndpoint, Slot> slots = new ConcurrentHashMap<>();
    private final Map<Path, KeyProvider> keys = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger commands = new AtomicInteger();
    private volatile boolean closed;

    SshConnections(HostAccessOptions options) {
        this.options = options;
    }

    /**
     * Loads sshj and registers BouncyCastle (about 0.4 s, seconds on a loaded machine), once per process. Called
     * before a request's deadline starts: that time is this machine's, not the host's.
     */
    static void loadLibrary() {
        Defaults.CONFIG.getClass();
    }

    /** The connection to an endpoint, opening it if needed, by the deadline. */
    SshConnection get(SshEndpoint endpoint, Deadline deadline) throws HostException {
        if (closed) {
            throw new HostException("ssh " + endpoint.describe() + ": the fetcher is closed");
        }
        return slots.computeIfAbsent(endpoint, Slot::new).get(deadline);
    }

    /** Connections opened so far (a sweep over one host opens one). */
    int opened() {
        return opened.get();
    }

    /** Exec channels started so far. */
    int commands() {
        return commands.get();
    }

    void countCommand() {
        commands.incrementAndGet();
    }

    /** Drops a connection whose host stopped answering; later requests fail with {@code reason} for a while. */
    void discard(SshConnection connection, String reason) {
        Slot slot = slots.get(connection.endpoint());
        if (slot != null) {
            slot.fail(connection, new HostException(reason));
        }
        connection.disconnect();
    }

    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots.values()) {
            slot.closeConnection();
        }
    }

    private final class Slot {
        private final SshEndpoint endpoint;
        private CompletableFuture<SshConnection> current;
        private long failedAt;

        Slot(SshEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        SshConnection get(Deadline deadline) throws HostException {
            CompletableFuture<SshConnection> attempt = acquire();
            try {
                return attempt.get(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new HostException("ssh " + endpoint.describe() + ": still connecting when the request's "
                        + Deadline.seconds(deadline.budget()) + " were up");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostException("ssh " + endpoint.describe() + ": interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof HostException he) {
                    throw he;
                }
                throw new HostException("ssh " + endpoint.describe() + ": " + Bounded.message(e.getCause()), e.getCause());
            }
        }

        private synchronized CompletableFuture<SshConnection> acquire() {
            if (current != null) {
                if (!current.isDone()) {
                    return current;
                }
                if (!current.isCompletedExceptionally()) {
                    SshConnection connection = current.join();
                    if (connection.isAlive()) {
                        return current;
                    }
                    connection.disconnect();
                } else if (System.nanoTime() - failedAt < options.failureMemo().toNanos()) {
                    return current;
                }
            }
            CompletableFuture<SshConnection> attempt = new CompletableFuture<>();
            current = attempt;
            Thread.ofVirtual().name("kd-ssh-connect-" + endpoint.alias()).start(() -> {
                try {
                    SshConnection connection = connect(endpoint);
                    if (closed) {
                        connection.disconnect();
                    }
                    attempt.complete(connection);
                } catch (HostException e) {
                    synchronized (this) {
                        failedAt = System.nanoTime();
                    }
                    attempt.completeExceptionally(e);
                } catch (RuntimeException | Error e) {
                    synchronized (this) {
                        failedAt = System.nanoTime();
                    }
                    attempt.completeExceptionally(new HostException("ssh " + endpoint.describe() + ": "
                            + Bounded.message(e), e));
                }
            });
            return attempt;
        }

        synchronized void fail(SshConnection connection, HostException reason) {
            if (current != null && current.isDone() && !current.isCompletedExceptionally()
                    && current.join() == connection) {
                current = CompletableFuture.failedFuture(reason);
                failedAt = System.nanoTime();
            }
        }

        synchronized void closeConnection() {
            if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
                current.join().disconnect();
            }
        }
    }

    // ------------------------------------------------------------------------------------------- connecting

    private SshConnection connect(SshEndpoint endpoint) throws HostException {
        Deadline deadline = Deadline.in(endpoint.connectTimeout());
        SshConnection via = endpoint.jump() == null ? null : get(endpoint.jump(), deadline);
        SSHClient client = new SSHClient(Defaults.CONFIG);
        int millis = (int) Math.max(1, endpoint.connectTimeout().toMillis());
        client.setConnectTimeout(millis);
        client.getTransport().setTimeoutMs(millis);
        // channel opens and requests wait at most this; the request's own deadline (shorter) normally ends them first
        client.getConnection().setTimeoutMs((int) Math.max(1, options.commandTimeout().plusSeconds(5).toMillis()));
        String who = endpoint.alias() + " (" + endpoint.describe() + ")";
        KnownHostsVerifier verifier = new KnownHostsVerifier(endpoint.knownHosts(), endpoint.policy(), who);
        client.addHostKeyVerifier(verifier);
        String[] stage = {via == null ? "TCP connect" : "connect through " + via.endpoint().describe()};
        return Bounded.call(deadline, "ssh-connect-" + endpoint.alias(), () -> {
            try {
                if (via != null) {
                    client.connectVia(via.client().newDirectConnection(endpoint.address(), endpoint.port()));
                } else {
                    stage[0] = "TCP connect";
                    client.connect(endpoint.address(), endpoint.port());
                }
            } catch (IOException e) {
                client.close();
                throw connectFailure(endpoint, e, verifier);
            }
            stage[0] = "authentication";
            try {
                authenticate(client, endpoint);
            } catch (HostException e) {
                client.close();
                throw e;
            }
            opened.incrementAndGet();
            return new SshConnection(endpoint, client, this, options.maxSessionsPerHost());
        }, () -> Bounded.quietly(() -> {
            client.close();
            return null;
        }), () -> new HostException("ssh " + endpoint.describe() + ": no answer within "
                + Deadline.seconds(endpoint.connectTimeout()) + " (" + stageAfterTcp(stage[0], client)
                + "; host down, paused, or packets dropped)"));
    }

    private static String stageAfterTcp(String stage, SSHClient client) {
        java.net.Socket socket = client.getSocket();
        if (stage.equals("TCP connect") && socket != null && socket.isConnected()) {
            return "TCP connected but the SSH handshake never completed";
        }
        return stage + " did not complete";
    }

    private static HostException connectFailure(SshEndpoint endpoint, IOException e, KnownHostsVerifier verifier) {
        String where = "ssh " + endpoint.describe();
        if (verifier.refusal() != null) {
            return new HostException(where + ": " + verifier.refusal(), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new HostException(where + ": connection refused (is sshd running on port " + endpoint.port()
                        + "?)", e);
            }
            if (t instanceof NoRouteToHostException) {
                return new HostException(where + ": no route to host", e);
            }
            if (t instanceof SocketTimeoutException) {
                return new HostException(where + ": TCP connect timed out after "
                        + Deadline.seconds(endpoint.connectTimeout()) + " (host down or firewalled)", e);
            }
            if (t instanceof UnknownHostException) {
                return new HostException(where + ": cannot resolve host name '" + endpoint.address() + "'", e);
            }
        }
        String message = Bounded.message(e);
        if (message.contains("Connection refused") || message.contains("connect failed")) {
            return new HostException(where + ": connection refused (" + message + ")", e);
        }
        return new HostException(where + ": " + message, e);
    }

    /**
     * Public-key authentication as OpenSSH does it: first every key the ssh-agent ({@code SSH_AUTH_SOCK}) holds, in
     * the agent's order, then every usable key file not already offered through the agent. Encrypted key files are
     * skipped (their keys work when added to the agent). An agent that cannot be reached or answers nonsense is
     * logged and skipped: the key files are still tried.
     */
    private void authenticate(SSHClient client, SshEndpoint endpoint) throws HostException {
        List<AuthMethod> methods = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<AgentIdentity> agentKeys = agentMethods(endpoint, methods, tried, skipped);
        for (Path path : endpoint.identities()) {
            if (!Files.isRegularFile(path)) {
                continue;
            }
            KeyProvider provider;
            try {
                provider = keys.computeIfAbsent(path, p -> load(client, p));
            } catch (RuntimeException e) {
                skipped.add(path + " (" + Bounded.message(e.getCause() == null ? e : e.getCause()) + ")");
                continue;
            }
            if (offeredByAgent(provider, agentKeys)) {
                continue;
            }
            methods.add(new AuthPublickey(provider));
            tried.add(path.toString());
        }
        String where = "ssh " + endpoint.describe();
        if (methods.isEmpty()) {
            throw new HostException(where + ": no usable private key (looked for " + endpoint.identities()
                    + (options.agentSocket() == null ? " and no ssh-agent (SSH_AUTH_SOCK unset)" : "")
                    + (skipped.isEmpty() ? "" : "; skipped " + skipped + (options.agentSocket() == null
                    ? ": passphrase-protected keys need an ssh-agent (ssh-add them, set SSH_AUTH_SOCK)" : "")) + ")");
        }
        try {
            client.auth(endpoint.user(), methods);
        } catch (UserAuthException e) {
            throw new HostException(where + ": authentication refused for user '" + endpoint.user() + "' with key(s) "
                    + tried + (skipped.isEmpty() ? "" : " (skipped " + skipped + ")"), e);
        } catch (IOException e) {
            throw new HostException(where + ": authentication failed: " + Bounded.message(e), e);
        }
        if (!client.isAuthenticated()) {
            throw new HostException(where + ": authentication refused for user '" + endpoint.user() + "' with key(s) "
                    + tried);
        }
    }

    /** Adds one auth method per signable agent key; returns the agent's keys (empty: no agent or it failed). */
    private List<AgentIdentity> agentMethods(SshEndpoint endpoint, List<AuthMethod> methods, List<String> tried,
                                             List<String> skipped) {
        Path socket = options.agentSocket();
        if (socket == null) {
            return List.of();
        }
        SshAgent agent = new SshAgent(socket, endpoint.connectTimeout());
        List<AgentIdentity> identities;
        try {
            identities = agent.identities();
        } catch (AgentException e) {
            LOG.warning("ssh " + endpoint.describe() + ": not using the ssh-agent: " + e.getMessage());
            skipped.add("ssh-agent (" + e.getMessage() + ")");
            return List.of();
        }
        LOG.fine(() -> "ssh " + endpoint.describe() + ": ssh-agent " + socket + " holds " + identities.size()
                + " key(s)");
        for (AgentIdentity identity : identities) {
            if (identity.algorithms().isEmpty()) {
                skipped.add("agent key " + identity.describe() + " (type not supported)");
                continue;
            }
            for (String algorithm : identity.algorithms()) {
                methods.add(new AgentAuthMethod(agent, identity, algorithm));
            }
            tried.add("agent " + identity.describe());
        }
        return identities;
    }

    /** Whether a key file's public key is one the agent holds (OpenSSH offers each key once). */
    private static boolean offeredByAgent(KeyProvider provider, List<AgentIdentity> agentKeys) {
        if (agentKeys.isEmpty()) {
            return false;
        }
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(provider.getPublic()).getCompactData();
            return agentKeys.stream().anyMatch(k -> !k.algorithms().isEmpty() && k.sameKey(blob));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static KeyProvider load(SSHClient client, Path path) {
        try {
            KeyProvider provider = client.loadKeys(path.toString());
            provider.getPrivate(); // fails now for an unreadable or passphrase-protected key
            return provider;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
