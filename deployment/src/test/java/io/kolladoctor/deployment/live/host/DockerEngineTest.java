package io.kolladoctor.deployment.live.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link DockerEngine} over {@link DialStdioHttpClient} with a scripted shell that plays back what
 * {@code docker system dial-stdio} relays from a real engine 20.10 (captured from the lab: chunked list body, 404).
 */
class DockerEngineTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DockerEngineTest.class.getResourceAsStream("/live/host/" + name)) {
            return in.readAllBytes();
        }
    }

    /** A host whose dial-stdio answers each request with {@code engine(request)}, or fails like the docker CLI. */
    static final class ScriptedShell implements HostShell {
        final List<String> opened = new ArrayList<>();
        final List<String> requests = new ArrayList<>();
        final Function<String, byte[]> engine;
        String stderrWithoutSudo;
        /** The engine closes the connection once it has answered the next request (idle timeout, restart). */
        boolean closeAfterNextAnswer;

        ScriptedShell(Function<String, byte[]> engine) {
            this.engine = engine;
        }

        @Override
        public String describe() {
            return "ssh kolla@192.0.2.21";
        }

        @Override
        public boolean isRoot() {
            return false;
        }

        @Override
        public Exec run(ShellCommand command, boolean sudo, long maxBytes, Deadline deadline) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Stream open(ShellCommand command, boolean sudo, Deadline deadline, Duration lifetime) {
            opened.add((sudo ? "sudo -n " : "") + command.display());
            boolean fails = !sudo && stderrWithoutSudo != null;
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            return new Stream() {
                InputStream response = new ByteArrayInputStream(new byte[0]);
                int answered;
                boolean hungUp;

                @Override
                public InputStream stdout() {
                    return new InputStream() {
                        @Override
                        public int read() throws IOException {
                            if (response.available() == 0 && hungUp) {
                                return -1;
                            }
                            if (response.available() == 0 && written.size() > answered && !fails) {
                                // the next request on this connection: the engine answers it
                                String request = new String(written.toByteArray(), answered, written.size() - answered,
                                        StandardCharsets.ISO_8859_1);
                                answered = written.size();
                                requests.add(request);
                                response = new ByteArrayInputStream(engine.apply(request));
                                hungUp = closeAfterNextAnswer;
                                closeAfterNextAnswer = false;
                            }
                            return response.read();
                        }
                    };
                }

                @Override
                public OutputStream stdin() {
                    return written;
                }

                @Override
                public String stderr() {
                    return fails ? stderrWithoutSudo : "";
                }

                @Override
                public Integer exitStatus() {
                    return fails ? 1 : null;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static DockerEngine engine(ScriptedShell shell) {
        return new DockerEngine("cmp02", new DockerEngine.DialStdio(shell, false, Duration.ofSeconds(10)),
                new DockerEngine.DialStdio(shell, true, Duration.ofSeconds(10)));
    }

    private static Deadline deadline() {
        return Deadline.in(Duration.ofSeconds(10));
    }

    @Test
    void theBodyComesThroughByteForByte() throws Exception {
        byte[] capture = resource("containers-json-chunked.http");
        ScriptedShell shell = new ScriptedShell(request -> capture);
        DockerEngine.Reply reply = engine(shell).get("/containers/json?all=1", deadline());
        assertThat(reply.body()).isEqualTo(resource("containers-json-body.json"));
        assertThat(reply.origin()).isEqualTo("docker on cmp02 via ssh kolla@192.0.2.21 (docker system dial-stdio):"
                + " GET /v1.41/containers/json?all=1");
        assertThat(shell.opened).containsExactly("docker system dial-stdio");
        assertThat(shell.requests).containsExactly("GET /v1.41/containers/json?all=1 HTTP/1.1\r\nHost: docker\r\n"
                + "User-Agent: kolla-doctor\r\n\r\n");
    }

    @Test
    void chunksOfAnySizeAndContentLengthBodiesDecodeTheSame() throws Exception {
        byte[] body = resource("containers-json-body.json");
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        chunked.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        int[] sizes = {1, 4096, body.length - 4097};
        int at = 0;
        for (int size : sizes) {
            chunked.write((Integer.toHexString(size) + (size == 1 ? ";ext=1" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            chunked.write(body, at, size);
            chunked.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            at += size;
        }
        chunked.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(engine(new ScriptedShell(r -> chunked.toByteArray())).get("/containers/json?all=1", deadline()).body())
                .isEqualTo(body);

        byte[] fixed = concat(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), body);
        assertThat(engine(new ScriptedShell(r -> fixed)).get("/containers/json?all=1", deadline()).body()).isEqualTo(body);
    }

    @Test
    void aConnectionTheEngineClosedIsReopenedOnce() throws Exception {
        byte[] body = resource("containers-json-body.json");
        ScriptedShell shell = new ScriptedShell(request -> http("200 OK", new String(body, StandardCharsets.UTF_8)));
        DockerEngine engine = engine(shell);
        engine.get("/containers/json?all=1", deadline());
        shell.closeAfterNextAnswer = true;
        engine.get("/containers/json?all=1", deadline());
        engine.get("/containers/json?all=1", deadline()); // the engine hung up: a new dial-stdio, same answer
        assertThat(shell.opened).hasSize(2);
        assertThat(shell.requests).hasSize(3);
    }

    @Test
    void aMissingContainerIsAbsent() throws Exception {
        byte[] notFound = resource("inspect-404.http");
        assertThatThrownBy(() -> engine(new ScriptedShell(r -> notFound)).get("/containers/nope/json", deadline()))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.isAbsent()).isTrue();
                    assertThat(e.getMessage()).contains("No such container: nope");
                });
    }

    @Test
    void anOlderEngineIsAskedAgainAtItsMaximumVersionNeverHigher() throws Exception {
        byte[] body = resource("containers-json-body.json");
        ScriptedShell shell = new ScriptedShell(request -> request.startsWith("GET /v1.41/")
                ? http("400 Bad Request", "{\"message\":\"client version 1.41 is too new. Maximum supported API version is 1.40\"}\n")
                : http("200 OK", new String(body, StandardCharsets.UTF_8)));
        DockerEngine engine = engine(shell);
        assertThat(engine.get("/containers/json?all=1", deadline()).origin()).endsWith("GET /v1.40/containers/json?all=1");
        engine.get("/containers/keystone/json", deadline());
        assertThat(shell.requests).extracting(r -> r.substring(0, r.indexOf(" HTTP/1.1")))
                .containsExactly("GET /v1.41/containers/json?all=1", "GET /v1.40/containers/json?all=1",
                        "GET /v1.40/containers/keystone/json");
        assertThat(shell.opened).as("one kept-alive connection to the engine").hasSize(1);
    }

    @Test
    void aDeniedSocketIsRetriedUnderSudoAndThatIsRemembered() throws Exception {
        byte[] capture = resource("containers-json-chunked.http");
        ScriptedShell shell = new ScriptedShell(request -> capture);
        shell.stderrWithoutSudo = "failed to open the raw stream connection: dial unix /var/run/docker.sock: connect:"
                + " permission denied\n";
        DockerEngine engine = engine(shell);
        assertThat(engine.get("/containers/json?all=1", deadline()).origin()).contains("(sudo -n docker system dial-stdio)");
        engine.get("/containers/json?all=1", deadline());
        assertThat(shell.opened).containsExactly("docker system dial-stdio", "sudo -n docker system dial-stdio");
    }

    @Test
    void aStoppedEngineIsAFailureThatSaysSo() {
        ScriptedShell shell = new ScriptedShell(request -> new byte[0]);
        shell.stderrWithoutSudo = "failed to open the raw stream connection: dial unix /var/run/docker.sock: connect:"
                + " connection refused\n";
        DockerEngine engine = new DockerEngine("cmp02", new DockerEngine.DialStdio(shell, false, Duration.ofSeconds(10)), null);
        assertThatThrownBy(() -> engine.get("/containers/json?all=1", deadline()))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.isAbsent()).isFalse();
                    assertThat(e.getMessage()).contains("no Docker engine answers on the host", "connection refused");
                });
    }

    private static byte[] http(String status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return concat(("HTTP/1.1 " + status + "\r\nApi-Version: 1.40\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
