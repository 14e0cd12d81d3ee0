package io.kolladoctor.deployment.live.host;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * docker-java's {@link DockerHttpClient} over {@code docker system dial-stdio} on a host (an SSH exec channel, or a
 * local process under {@code sudo -n}): what the docker CLI itself does for {@code DOCKER_HOST=ssh://…}
 * (docker-java has no SSH transport, docker-java#1130).
 *
 * <p>Why this route rather than {@code curl --unix-socket …} or {@code docker inspect} over SSH: the engine's
 * response comes through byte for byte, so the material is exactly the Engine API body a snapshot stores (the
 * same bytes the local engine gives over its socket); HTTP status codes come through too (404: no such container,
 * 400: API version refused, which is how the version is negotiated); it needs only the docker CLI, which a Kolla host
 * has, not a curl new enough for {@code --unix-socket}; and it follows the host's own {@code DOCKER_HOST} / context.
 *
 * <p>One client is one dial-stdio, i.e. one HTTP/1.1 connection to the engine, kept alive for the requests that
 * follow (the docker CLI costs a few hundred milliseconds to start on a busy host; a request on an open connection,
 * a few). Requests on one client are sequential; {@link DockerEngine.DialStdio} keeps a few clients per host. A
 * dial-stdio lives at most {@code lifetime} on the host ({@code timeout -s KILL}); a connection the engine closed
 * while idle is reopened once.
 */
final class DialStdioHttpClient implements DockerHttpClient {

    static final ShellCommand DIAL_STDIO = ShellCommand.of("docker", "system", "dial-stdio");

    private final HostShell shell;
    private final boolean sudo;
    private final Duration lifetime;
    private volatile Deadline deadline;
    private volatile HostShell.Stream stream;
    private InputStream in;
    private long openedAt;
    private int served;
    private volatile boolean reusable;

    DialStdioHttpClient(HostShell shell, boolean sudo, Duration lifetime) {
        this.shell = shell;
        this.sudo = sudo;
        this.lifetime = lifetime;
    }

    /** The deadline of the next request (for starting dial-stdio when it is not running). */
    DialStdioHttpClient forRequest(Deadline requestDeadline) {
        this.deadline = requestDeadline;
        return this;
    }

    /** How the engine is reached, for origins: {@code ssh root@h (docker system dial-stdio)}. */
    String describe() {
        return shell.describe() + " (" + (sudo ? "sudo -n " : "") + DIAL_STDIO.display() + ")";
    }

    /** Whether the next request may use this connection: the last response was read to its end, and it is not old. */
    boolean reusable(Duration margin) {
        return reusable && stream != null && System.nanoTime() - openedAt < lifetime.minus(margin).toNanos();
    }

    @Override
    public Response execute(Request request) {
        reusable = false;
        boolean fresh = stream == null;
        try {
            return exchange(request);
        } catch (RouteException e) {
            if (fresh || served == 0 || e.reason().isDenied()) {
                throw e;
            }
            // the engine closed the idle connection, or dial-stdio ended: once more on a new one (GETs only)
            close();
            return exchange(request);
        }
    }

    private Response exchange(Request request) {
        if (stream == null) {
            try {
                stream = shell.open(DIAL_STDIO, sudo, deadline, lifetime);
            } catch (HostException e) {
                throw new RouteException(e);
            }
            in = new BufferedInputStream(stream.stdout());
            openedAt = System.nanoTime();
            served = 0;
        }
        HostShell.Stream current = stream;
        try {
            OutputStream out = current.stdin();
            out.write(requestBytes(request, true));
            out.flush();
            HttpResponseReader.Head head = HttpResponseReader.readHead(in);
            if (head == null) {
                throw new RouteException(failure(current.exitStatus(), current.stderr()));
            }
            boolean delimited = head.header("Content-Length") != null
                    || (head.header("Transfer-Encoding") != null
                    && head.header("Transfer-Encoding").toLowerCase(Locale.ROOT).contains("chunked"));
            String connection = head.header("Connection");
            boolean keep = delimited && (connection == null || !connection.equalsIgnoreCase("close"));
            served++;
            return new StreamResponse(head, new EndTracking(HttpResponseReader.body(head, in), keep));
        } catch (IOException e) {
            String stderr = current.stderr();
            Integer status = current.exitStatus();
            close();
            throw new RouteException(stderr.isBlank()
                    ? new HostException(describe() + ": " + Bounded.message(e), e) : failure(status, stderr));
        } catch (RouteException e) {
            close();
            throw e;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Ends the connection (and dial-stdio on the host). */
    @Override
    public void close() {
        reusable = false;
        HostShell.Stream s = stream;
        stream = null;
        if (s != null) {
            s.close();
        }
    }

    static byte[] requestBytes(Request request, boolean keepAlive) throws IOException {
        byte[] body = request.bodyBytes();
        if (body == null && request.body() != null) {
            body = request.body().readAllBytes();
        }
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n");
        head.append("Host: docker\r\n");
        head.append("User-Agent: kolla-doctor\r\n");
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            bytes.write(body);
        }
        return bytes.toByteArray();
    }

    /** Why dial-stdio gave no response, from its exit status and stderr. */
    HostException failure(Integer status, String stderr) {
        String first = Streams.firstLine(stderr);
        String lower = stderr.toLowerCase(Locale.ROOT);
        if (lower.contains("permission denied")) {
            return HostException.denied(describe() + ": permission denied on the Docker engine's socket (" + first + ")");
        }
        if ((status != null && status == 127) || lower.contains("command not found")) {
            return new HostException(describe() + ": the docker CLI is not installed on the host (" + first + ")");
        }
        if (lower.contains("cannot connect to the docker daemon") || lower.contains("is the docker daemon running")
                || lower.contains("connection refused") || lower.contains("no such file or directory")) {
            return new HostException(describe() + ": no Docker engine answers on the host (" + first + ")");
        }
        if (sudo && lower.startsWith("sudo:")) {
            return new HostException(describe() + ": sudo -n refused (" + first + ")");
        }
        if (status != null && (status == 137 || status == 124)) {
            return new HostException(describe() + ": killed at its deadline before the engine answered");
        }
        return new HostException(describe() + ": ended without an HTTP response (exit " + status
                + (first.isEmpty() ? "" : ", " + first) + ")");
    }

    /** Carries a {@link HostException} through docker-java's interface, which only allows unchecked exceptions. */
    static final class RouteException extends RuntimeException {
        RouteException(HostException cause) {
            super(cause.getMessage(), cause);
        }

        HostException reason() {
            return (HostException) getCause();
        }
    }

    /** A body whose end, once read, makes the connection reusable (a body not read to its end spoils it). */
    private final class EndTracking extends FilterInputStream {
        private final boolean keep;

        EndTracking(InputStream in, boolean keep) {
            super(in);
            this.keep = keep;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended(b < 0);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            ended(n < 0);
            return n;
        }

        private void ended(boolean eof) {
            if (eof && keep) {
                reusable = true;
            }
        }

        @Override
        public void close() {
            // the connection stays open; whether it is reused depends on the body having been read to its end
        }
    }

    private final class StreamResponse implements Response {
        private final HttpResponseReader.Head head;
        private final InputStream body;

        StreamResponse(HttpResponseReader.Head head, InputStream body) {
            this.head = head;
            this.body = body;
        }

        @Override
        public int getStatusCode() {
            return head.status();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return head.headers();
        }

        @Override
        public InputStream getBody() {
            return body;
        }

        @Override
        public void close() {
            if (!reusable) {
                DialStdioHttpClient.this.close();
            }
        }
    }
}
