package io.kolladoctor.deployment.live.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure paths that need no cloud: Keystone refusing connections, Keystone accepting and never answering, and TLS
 * verification against a real TLS server ({@code openssl s_server} with self-signed certificates: the lab has no
 * TLS endpoint).
 */
class CloudFetcherLocalTest {

    private static final Options FAST = new Options(Duration.ofSeconds(1), Duration.ofSeconds(2));
    /** A cold JVM's first TLS handshake against openssl takes over a second on a busy 2-core machine. */
    private static final Options TLS = new Options(Duration.ofSeconds(5), Duration.ofSeconds(8));
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private record Options(Duration connect, Duration request) {
        CloudFetcher.Options get() {
            return new CloudFetcher.Options(connect, request);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    static CloudCredentials credentials(String authUrl, Path cacert, boolean verify) {
        return OpenStackCredentials.withDefaultDomain(new CloudCredentials("local", "test credentials", authUrl, "password",
                "admin", null, "NotARealPassw0rd", "Default", null, "admin", null, "Default", null, null, null, null,
                null, null, null, "RegionOne", "public", cacert, verify), null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void keystoneRefusingConnectionsIsAFailureWithTheReasonAtOnce() throws Exception {
        int port = freePort();
        try (CloudFetcher fetcher = new CloudFetcher(credentials("http://127.0.0.1:" + port + "/v3", null, true), FAST.get())) {
            Instant start = Instant.now();
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.cloud("local", "network/ports.json")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FactUnavailableException.Kind.FAILED);
                        assertThat(e.getMessage()).startsWith("cloud 'local': Keystone http://127.0.0.1:" + port + "/v3/auth/tokens")
                                .contains("cannot connect to 127.0.0.1:" + port)
                                .doesNotContain("NotARealPassw0rd");
                    });
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void keystoneThatNeverAnswersFailsEveryRequestWithinTheDeadlineAndIsAskedOnce() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    held.add(silent.accept()); // accept, read nothing, answer nothing: a hung Keystone
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        toClose.add(silent);
        toClose.add(() -> held.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }));
        toClose.add(acceptor::interrupt);
        List<String> names = List.of("identity/users.json", "compute/os-services.json", "network/ports.json",
                "load-balancer/loadbalancers.json", "orchestration/stacks.json", "container-infra/clusters.json");
        try (CloudFetcher fetcher = new CloudFetcher(credentials("http://127.0.0.1:" + silent.getLocalPort(), null, true), FAST.get());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Instant start = Instant.now();
            List<Future<String>> results = new ArrayList<>();
            for (String name : names) {
                results.add(pool.submit(() -> {
                    try {
                        fetcher.fetch(FactRequest.cloud("local", name));
                        return "fetched?!";
                    } catch (FactUnavailableException e) {
                        return e.kind() + " " + e.getMessage();
                    }
                }));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).as("the requester and the requests waiting for its token say the same")
                        .startsWith("FAILED cloud 'local': Keystone http://127.0.0.1:" + silent.getLocalPort() + "/v3/auth/tokens")
                        .contains("no answer within");
            }
            Duration took = Duration.between(start, Instant.now());
            assertThat(took).as("the 2 s deadline holds for every parallel request").isBetween(Duration.ofMillis(1900), Duration.ofMillis(3500));
            assertThat(fetcher.authentications()).as("one token request shared by six parallel requests").isEqualTo(1);
            assertThat(fetcher.requestsSent()).isEqualTo(1);
        }
    }

    @Test
    void requestsForAnotherCloudOrAnUnknownCollectionAreRefusedWithoutTraffic() throws Exception {
        try (CloudFetcher fetcher = new CloudFetcher(credentials("http://127.0.0.1:9/v3", null, true), FAST.get())) {
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.cloud("prod", "identity/users.json")))
                    .hasMessageContaining("reaches cloud 'local', not 'prod'");
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.cloud("local", "volume/volumes.json")))
                    .hasMessageContaining("'volume/volumes.json' is not an OpenStack collection").hasMessageContaining("identity/users.json");
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.host("ctl01", "docker/containers.json")))
                    .hasMessageContaining("not an OpenStack request");
            assertThat(fetcher.requestsSent()).isZero();
        }
    }

    // ---- TLS, against openssl s_server with self-signed certificates ----

    /** A self-signed certificate for the given subjectAltName, and an s_server presenting it. */
    private record TlsServer(Path cert, int port, Process process) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private TlsServer sServer(Path dir, String name, String subjectAltName) throws Exception {
        Path cert = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + name,
                "-addext", "subjectAltName=" + subjectAltName);
        int port = freePort();
        Path log = dir.resolve(name + ".log");
        Files.writeString(log, "");
        Process process = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert", cert.toString(),
                "-key", key.toString(), "-www")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TlsServer server = new TlsServer(cert, port, process);
        toClose.add(server);
        // s_server prints ACCEPT once listening; a probe connection would occupy its single connection slot
        Instant until = Instant.now().plusSeconds(10);
        while (!Files.readString(log).contains("ACCEPT")) {
            if (Instant.now().isAfter(until) || !process.isAlive()) {
                throw new IllegalStateException("openssl s_server did not start on port " + port + ": " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        return server;
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    }

    private static FactUnavailableException fetchFailure(CloudCredentials credentials) throws Exception {
        try (CloudFetcher fetcher = new CloudFetcher(credentials, TLS.get())) {
            fetcher.fetch(FactRequest.cloud("local", "identity/users.json"));
            throw new AssertionError("fetched from a TLS server that is no Keystone");
        } catch (FactUnavailableException e) {
            return e;
        }
    }

    @Test
    void aSelfSignedCertificateIsRefusedUnlessItsCaIsGiven(@TempDir Path dir) throws Exception {
        TlsServer server = sServer(dir, "kd-keystone", "IP:127.0.0.1");
        String url = "https://127.0.0.1:" + server.port() + "/v3";

        FactUnavailableException untrusted = fetchFailure(credentials(url, null, true));
        assertThat(untrusted.getMessage()).contains("TLS certificate of 127.0.0.1:" + server.port() + " is not trusted")
                .contains("cacert");

        FactUnavailableException trusted = fetchFailure(credentials(url, server.cert(), true));
        assertThat(trusted.getMessage()).as("handshake passed; s_server -www just never answers a POST")
                .doesNotContain("TLS").contains("no answer within");

        // and the trusted path really carries an exchange: s_server answers a GET with its status page
        Http http = new Http(HttpClient.newBuilder().sslContext(Tls.context(credentials(url, server.cert(), true))).build());
        var response = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/")).GET().build(),
                Instant.now().plusSeconds(5));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body())).contains("<HTML>");
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused(@TempDir Path dir) throws Exception {
        TlsServer server = sServer(dir, "other", "DNS:keystone.other.example");
        FactUnavailableException e = fetchFailure(credentials("https://127.0.0.1:" + server.port(), server.cert(), true));
        assertThat(e.getMessage()).contains("TLS certificate of 127.0.0.1:" + server.port() + " does not name that host");
    }

    @Test
    void verifyFalseIsHonouredWhenWritten(@TempDir Path dir) throws Exception {
        TlsServer server = sServer(dir, "other", "DNS:keystone.other.example");
        FactUnavailableException e = fetchFailure(credentials("https://127.0.0.1:" + server.port(), null, false));
        assertThat(e.getMessage()).as("neither chain nor host name checked").doesNotContain("TLS").contains("no answer within");
    }

    @Test
    void anUnreadableCacertIsSaidOnEveryRequest(@TempDir Path dir) throws Exception {
        FactUnavailableException e = fetchFailure(credentials("https://127.0.0.1:9", dir.resolve("missing.pem"), true));
        assertThat(e.getMessage()).contains("cannot read cacert " + dir.resolve("missing.pem"));
    }
}
