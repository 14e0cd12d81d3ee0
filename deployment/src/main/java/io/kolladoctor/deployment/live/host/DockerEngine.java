package io.kolladoctor.deployment.live.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One host's Docker engine, asked with raw Engine API GETs so that the material is the engine's body byte for byte
 * (docs/snapshot.md: docker/containers.json is the body of {@code GET /containers/json?all=1}). The transport is
 * docker-java's {@link DockerHttpClient} — its zerodep client on the local socket, {@link DialStdioHttpClient} on
 * other hosts — and only its raw request is used: decoding into docker-java's model and serialising again would not
 * give the engine's bytes back.
 *
 * <p>The API version is pinned to 1.41 (Debian's engine 20.10; fields the checks read are the same in every later
 * version) and only ever lowered: an older engine answers 400 "client version 1.41 is too new. Maximum supported API
 * version is 1.40" and is asked again at its maximum; an engine that no longer accepts 1.41 ("too old") is asked
 * without a version prefix, i.e. at its own default.
 */
final class DockerEngine implements AutoCloseable {

    static final String PINNED_VERSION = "1.41";
    static final long MAX_BODY = 64L * 1024 * 1024;

    private static final Pattern TOO_NEW = Pattern.compile("too new\\. Maximum supported API version is (\\d+\\.\\d+)");
    private static final Pattern TOO_OLD = Pattern.compile("too old\\. Minimum supported API version is");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How requests reach the engine. */
    interface Route extends AutoCloseable {
        /** A client for one request; {@link #done} is called after it. */
        DockerHttpClient client(Deadline deadline) throws HostException;

        /** The request is over; {@code hung}: its deadline passed, drop what it used. */
        void done(DockerHttpClient client, boolean hung);

        String describe();

        @Override
        default void close() {
        }
    }

    /** A body and where it came from. */
    record Reply(int status, byte[] body, String origin) {
    }

    private final String host;
    private final Route primary;
    private final Route sudo;
    private volatile boolean useSudo;
    private volatile String versionPrefix = "/v" + PINNED_VERSION;

    /** {@code sudo}: the route to use when the primary one is denied the socket (null: none). */
    DockerEngine(String host, Route primary, Route sudo) {
        this.host = host;
        this.primary = primary;
        this.sudo = sudo;
    }

    /** The body of {@code GET path} (200); ABSENT on 404; FAILED otherwise. */
    Reply get(String path, Deadline deadline) throws HostException {
        HostException denied = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            Route route = useSudo && sudo != null ? sudo : primary;
            String fullPath = versionPrefix + path;
            Reply reply;
            try {
                reply = call(route, fullPath, deadline);
            } catch (HostException e) {
                if (e.isDenied() && sudo != null && !useSudo) {
                    useSudo = true;
                    denied = e;
                    continue;
                }
                if (denied != null) {
                    throw new HostException(denied.getMessage() + "; with sudo -n: " + e.getMessage(), e);
                }
                throw e;
            }
            if (reply.status() == 200) {
                return reply;
            }
            String message = message(reply.body());
            if (reply.status() == 404) {
                throw HostException.absent(host + ": the Docker engine has no " + path + " (" + message + ")");
            }
            if (reply.status() == 400) {
                Matcher newer = TOO_NEW.matcher(message);
                if (newer.find() && !versionPrefix.equals("/v" + newer.group(1))) {
                    versionPrefix = "/v" + newer.group(1);
                    continue;
                }
                if (TOO_OLD.matcher(message).find() && !versionPrefix.isEmpty()) {
                    versionPrefix = "";
                    continue;
                }
            }
            throw new HostException(host + ": the Docker engine answered HTTP " + reply.status() + " to GET " + fullPath
                    + ": " + message);
        }
        throw new HostException(host + ": the Docker engine keeps refusing the API version (last: " + versionPrefix + ")");
    }

    private Reply call(Route route, String path, Deadline deadline) throws HostException {
        DockerHttpClient[] used = new DockerHttpClient[1];
        return Bounded.call(deadline, "docker-" + host, () -> {
            DockerHttpClient client = route.client(deadline);
            used[0] = client;
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.GET).path(path).build();
            try (DockerHttpClient.Response response = client.execute(request)) {
                byte[] body;
                try {
                    body = Streams.readBounded(response.getBody(), MAX_BODY);
                } catch (Streams.TooLarge e) {
                    throw new HostException(host + ": the Docker engine's answer to GET " + path + " is larger than "
                            + MAX_BODY + " bytes");
                }
                return new Reply(response.getStatusCode(), body, "docker on " + host + " via " + route.describe()
                        + ": GET " + path);
            } catch (DialStdioHttpClient.RouteException e) {
                throw e.reason();
            } catch (RuntimeException e) {
                throw transportFailure(route, e);
            } catch (IOException e) {
                throw new HostException(host + ": reading the Docker engine's answer to GET " + path + " (" + route.describe()
                        + ") failed: " + Bounded.message(e), e);
            } finally {
                route.done(client, false);
            }
        }, () -> route.done(used[0], true), () -> new HostException(host + ": the Docker engine (" + route.describe()
                + ") did not answer GET " + path + " within " + Deadline.seconds(deadline.budget())));
    }

    /** docker-java wraps the socket's errors in RuntimeExceptions: read the cause chain. */
    private HostException transportFailure(Route route, RuntimeException e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null && chain.length() < 2000; t = t.getCause()) {
            chain.append(' ').append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        String text = chain.toString();
        if (text.contains("Permission denied") || text.contains("AccessDenied")) {
            return HostException.denied(host + ": permission denied on the Docker engine's socket (" + route.describe()
                    + ")");
        }
        if (text.contains("Connection refused")) {
            return new HostException(host + ": the Docker engine is not running (" + route.describe()
                    + " refuses connections)");
        }
        if (text.contains("No such file") || text.contains("NoSuchFile")) {
            return new HostException(host + ": no Docker engine socket (" + route.describe() + ")");
        }
        return new HostException(host + ": Docker engine (" + route.describe() + "): " + Bounded.message(e), e);
    }

    /** The {@code message} of an engine error body, else the body's first line. */
    static String message(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: plain text below
        }
        String first = text.lines().findFirst().orElse("");
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }

    @Override
    public void close() {
        Bounded.quietly(() -> {
            primary.close();
            return null;
        });
        if (sudo != null) {
            Bounded.quietly(() -> {
                sudo.close();
                return null;
            });
        }
    }

    // ----------------------------------------------------------------------------------------------- routes

    /** The local engine's unix socket through docker-java's zerodep transport; one client, dropped when it hangs. */
    static final class LocalSocket implements Route {
        private final Path socket;
        private final Duration timeout;
        private DockerHttpClient client;

        LocalSocket(Path socket, Duration timeout) {
            this.socket = socket;
            this.timeout = timeout;
        }

        @Override
        public synchronized DockerHttpClient client(Deadline deadline) throws HostException {
            if (!Files.exists(socket)) {
                throw new HostException("local: no Docker engine socket at " + socket);
            }
            if (!Files.isWritable(socket)) {
                throw HostException.denied("local: permission denied on the Docker engine's socket " + socket);
            }
            if (client == null) {
                client = new ZerodepDockerHttpClient.Builder().dockerHost(URI.create("unix://" + socket))
                        .connectionTimeout(timeout).responseTimeout(timeout).build();
            }
            return client;
        }

        @Override
        public synchronized void done(DockerHttpClient used, boolean hung) {
            if (hung && used != null && used == client) {
                client = null;
                Bounded.quietly(() -> {
                    used.close();
                    return null;
                });
            }
        }

        @Override
        public String describe() {
            return "unix://" + socket;
        }

        @Override
        public synchronized void close() {
            if (client != null) {
                DockerHttpClient c = client;
                client = null;
                Bounded.quietly(() -> {
                    c.close();
                    return null;
                });
            }
        }
    }

    /**
     * {@code [sudo -n] docker system dial-stdio} on a host's shell: up to {@link #STREAMS} kept-alive connections to
     * the engine, each serving one request at a time; a request waits (until its deadline) for a free one.
     */
    static final class DialStdio implements Route {
        static final int STREAMS = 3;
        static final Duration LIFETIME = Duration.ofSeconds(90);

        private final HostShell shell;
        private final boolean sudo;
        private final Duration requestTimeout;
        private final Deque<DialStdioHttpClient> idle = new ArrayDeque<>();
        private final Set<DialStdioHttpClient> busy = new HashSet<>();
        private boolean closed;

        DialStdio(HostShell shell, boolean sudo, Duration requestTimeout) {
            this.shell = shell;
            this.sudo = sudo;
            this.requestTimeout = requestTimeout;
        }

        @Override
        public synchronized DockerHttpClient client(Deadline deadline) throws HostException {
            while (true) {
                if (closed) {
                    throw new HostException(describe() + ": closed");
                }
                DialStdioHttpClient client;
                while ((client = idle.pollFirst()) != null) {
                    if (client.reusable(requestTimeout)) {
                        busy.add(client);
                        return client.forRequest(deadline);
                    }
                    client.close();
                }
                if (busy.size() < STREAMS) {
                    client = new DialStdioHttpClient(shell, sudo, LIFETIME);
                    busy.add(client);
                    return client.forRequest(deadline);
                }
                long wait = deadline.remainingMillis();
                if (wait <= 0) {
                    throw new HostException(describe() + ": no connection to the Docker engine came free in time");
                }
                try {
                    wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HostException(describe() + ": interrupted");
                }
            }
        }

        @Override
        public synchronized void done(DockerHttpClient used, boolean hung) {
            if (!(used instanceof DialStdioHttpClient client) || !busy.remove(client)) {
                return; // already given back (a deadline and the request's own end can both report it)
            }
            if (hung || closed || !client.reusable(requestTimeout)) {
                client.close();
            } else {
                idle.addFirst(client);
            }
            notifyAll();
        }

        @Override
        public String describe() {
            return shell.describe() + " (" + (sudo ? "sudo -n " : "") + DialStdioHttpClient.DIAL_STDIO.display() + ")";
        }

        @Override
        public synchronized void close() {
            closed = true;
            idle.forEach(DialStdioHttpClient::close);
            idle.clear();
            busy.forEach(DialStdioHttpClient::close);
            busy.clear();
            notifyAll();
        }
    }
}
