package io.kolladoctor.fixes.evacuation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real HTTP server on loopback: one POST per host per interval, masked, and failures said, not thrown. */
class NotifierTest {

    HttpServer server;
    final List<String> received = new CopyOnWriteArrayList<>();
    volatile int status = 204;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Test
    void sendsOncePerHostPerIntervalAndMasks(@TempDir Path dir) {
        Notifier notifier = new Notifier(hook(), Duration.ofHours(3), dir.resolve("state.json"),
                SecretMasker.patterns().withKnown(List.of("s3cret-bmc-pw")));
        assertThat(notifier.notify("cmp01", "DONE", "2 of 2 moved; ipmi password s3cret-bmc-pw"))
                .startsWith("notified 127.0.0.1");
        assertThat(notifier.notify("cmp01", "DONE", "again")).startsWith("not notified: a notice about cmp01 went out");
        assertThat(notifier.notify("cmp02", "REFUSED", "valve")).startsWith("notified");
        assertThat(received).hasSize(2);
        assertThat(received.getFirst()).contains("\"host\":\"cmp01\"").contains("\"outcome\":\"DONE\"")
                .doesNotContain("s3cret-bmc-pw");
    }

    @Test
    void aZeroIntervalSendsEachTimeAndARefusalIsNotRemembered(@TempDir Path dir) {
        Notifier notifier = new Notifier(hook(), Duration.ZERO, dir.resolve("state.json"), SecretMasker.patterns());
        status = 500;
        assertThat(notifier.notify("cmp01", "DONE", "x")).isEqualTo("notice refused by 127.0.0.1: HTTP 500");
        status = 200;
        assertThat(notifier.notify("cmp01", "DONE", "x")).startsWith("notified");
        assertThat(notifier.notify("cmp01", "DONE", "x")).startsWith("notified");
        assertThat(received).hasSize(3);
    }

    @Test
    void aDeadEndpointOrADamagedStateFileIsSaidNotThrown(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("state.json"), "{not json");
        Notifier notifier = new Notifier(hook(), Duration.ofHours(1), dir.resolve("state.json"), SecretMasker.patterns());
        assertThat(notifier.notify("cmp01", "DONE", "x")).startsWith("notified");
        server.stop(0);
        Notifier dead = new Notifier(hook(), Duration.ZERO, dir.resolve("other.json"), SecretMasker.patterns());
        assertThat(dead.notify("cmp01", "DONE", "x")).startsWith("notice not sent");
    }
}
