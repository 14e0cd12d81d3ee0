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
                .singleElement().asString().startsWith("webhook: notified 127.0.0.1");
        assertThat(notifier.notify("cmp01", "DONE", "again")).singleElement().asString()
                .startsWith("webhook: not sent: a notice about cmp01 went out");
        assertThat(notifier.notify("cmp02", "REFUSED", "valve")).singleElement().asString().startsWith("webhook: notified");
        assertThat(received).hasSize(2);
        assertThat(received.getFirst()).contains("\"host\":\"cmp01\"").contains("\"outcome\":\"DONE\"")
                .doesNotContain("s3cret-bmc-pw");
    }

    @Test
    void aZeroIntervalSendsEachTimeAndARefusalIsNotRemembered(@TempDir Path dir) {
        Notifier notifier = new Notifier(hook(), Duration.ZERO, dir.resolve("state.json"), SecretMasker.patterns());
        status = 500;
        assertThat(notifier.notify("cmp01", "DONE", "x")).containsExactly("webhook: refused by 127.0.0.1: HTTP 500");
        status = 200;
        assertThat(notifier.notify("cmp01", "DONE", "x")).singleElement().asString().startsWith("webhook: notified");
        assertThat(notifier.notify("cmp01", "DONE", "x")).singleElement().asString().startsWith("webhook: notified");
        assertThat(received).hasSize(3);
    }

    @Test
    void aDeadEndpointOrADamagedStateFileIsSaidNotThrown(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("state.json"), "{not json");
        Notifier notifier = new Notifier(hook(), Duration.ofHours(1), dir.resolve("state.json"), SecretMasker.patterns());
        assertThat(notifier.notify("cmp01", "DONE", "x")).singleElement().asString().startsWith("webhook: notified");
        server.stop(0);
        Notifier dead = new Notifier(hook(), Duration.ZERO, dir.resolve("other.json"), SecretMasker.patterns());
        assertThat(dead.notify("cmp01", "DONE", "x")).singleElement().asString().startsWith("webhook: not sent: ");
    }

    /** A channel that records what it was given and answers as told (the mail's own tests use a real SMTP server). */
    static final class Recording implements Notifier.Channel {
        final String name;
        final List<Notifier.Notice> got = new CopyOnWriteArrayList<>();
        volatile boolean deliver = true;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Notifier.Delivery send(Notifier.Notice notice) throws java.io.IOException {
            got.add(notice);
            if (!deliver) {
                throw new java.io.IOException("smtp.example.com:25 refused AUTH PLAIN: 535 s3cret-bmc-pw rejected");
            }
            return new Notifier.Delivery(true, "sent");
        }
    }

    @Test
    void channelsShareTheContentAndTheIntervalButAFailedOneIsTriedAgain(@TempDir Path dir) {
        Recording mail = new Recording("mail");
        mail.deliver = false;
        Notifier notifier = new Notifier(List.of(new Notifier.Webhook(hook()), mail), Duration.ofHours(3),
                dir.resolve("state.json"), SecretMasker.patterns().withKnown(List.of("s3cret-bmc-pw")));
        List<String> first = notifier.notify("cmp01", "DONE", "moved; s3cret-bmc-pw");
        assertThat(first).hasSize(2);
        assertThat(first.get(0)).startsWith("webhook: notified");
        assertThat(first.get(1)).isEqualTo("mail: not sent: smtp.example.com:25 refused AUTH PLAIN: 535 ******** rejected");
        Notifier.Notice notice = mail.got.getFirst();
        assertThat(notice.summary()).isEqualTo("moved; ********");
        assertThat(received.getFirst()).contains("\"summary\":\"moved; ********\"")
                .contains("\"time\":\"" + notice.time() + "\"").contains("\"outcome\":\"DONE\"");
        mail.deliver = true;
        List<String> second = notifier.notify("cmp01", "DONE", "again");
        assertThat(second.get(0)).startsWith("webhook: not sent: a notice about cmp01 went out");
        assertThat(second.get(1)).isEqualTo("mail: sent");
        assertThat(notifier.notify("cmp01", "DONE", "third")).allSatisfy(l -> assertThat(l).contains("not sent: a notice"));
        assertThat(received).hasSize(1);
        assertThat(mail.got).hasSize(2);
    }

    @Test
    void aStateFileFromBeforeChannelsStillThrottlesTheWebhook(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("state.json"), "{\"cmp01\":\"" + java.time.Instant.now() + "\"}");
        Recording mail = new Recording("mail");
        Notifier notifier = new Notifier(List.of(new Notifier.Webhook(hook()), mail), Duration.ofHours(3),
                dir.resolve("state.json"), SecretMasker.patterns());
        List<String> said = notifier.notify("cmp01", "DONE", "x");
        assertThat(said.get(0)).startsWith("webhook: not sent: a notice about cmp01");
        assertThat(said.get(1)).isEqualTo("mail: sent");
        assertThat(notifier.notify("cmp01", "DONE", "x")).allSatisfy(l -> assertThat(l).contains("not sent: a notice"));
        assertThat(received).isEmpty();
    }
}
