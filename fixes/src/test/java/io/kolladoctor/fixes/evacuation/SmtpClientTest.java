package io.kolladoctor.fixes.evacuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMTP dialogue against a real server on loopback (Debian's aiosmtpd), and against servers that misbehave. */
class SmtpClientTest {

    static final String USER = "alerts@example.com";
    static final String PASSWORD = "S3cret-Mail-Pw";
    static final List<String> TO = List.of("ops@example.com", "oncall@example.org");
    static final Duration T = Duration.ofSeconds(5);
    static final SSLSocketFactory JDK_TRUST = (SSLSocketFactory) SSLSocketFactory.getDefault();

    @TempDir
    Path dir;

    static UmhaConfig.Mail mail(String server, int port, boolean auth, List<String> to) {
        return new UmhaConfig.Mail(true, server, port, auth, USER, PASSWORD, to, "UMHA高可用告警");
    }

    /** What goes on screen, in the history and the audit: masked with the site's secrets, as EvacuateCommand does. */
    static SecretMasker masker() {
        return SecretMasker.patterns().withKnown(List.of(PASSWORD));
    }

    static void assertNoPassword(String text) {
        assertThat(text).doesNotContain(PASSWORD)
                .doesNotContain(Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .doesNotContain(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNoticeIsMailedToEveryReceiverWithTheChineseSubjectAndTheWebhooksContent() throws Exception {
        try (SmtpTestServer server = new SmtpTestServer(dir, "--auth", USER + ":" + PASSWORD)) {
            Notifier notifier = new Notifier(List.of(new MailChannel(mail("127.0.0.1", server.port, true, TO), false, T,
                    JDK_TRUST)), Duration.ofHours(3), dir.resolve("state.json"), masker());
            List<String> said = notifier.notify("cmp01", "DONE",
                    "2 of 2 instance(s) evacuated from cmp01\n.leading dot line\n.\nipmi password " + PASSWORD);
            assertThat(said).singleElement().asString()
                    .startsWith("mail: sent to ops@example.com, oncall@example.org through 127.0.0.1:" + server.port
                            + " (plain text)");
            List<JsonNode> messages = server.messages();
            assertThat(messages).hasSize(1);
            JsonNode m = messages.getFirst();
            assertThat(m.path("rcpt_tos")).extracting(JsonNode::asText).containsExactlyElementsOf(TO);
            assertThat(m.path("mail_from").asText()).isEqualTo(USER);
            assertThat(m.path("authenticated").asBoolean()).isTrue();
            assertThat(m.path("login").asText()).isEqualTo(USER);
            assertThat(m.path("subject").asText()).isEqualTo("UMHA高可用告警: cmp01 DONE");
            assertThat(m.path("raw").asText()).contains("Subject: =?UTF-8?B?").doesNotContain("高可用");
            assertThat(m.path("header_names")).extracting(JsonNode::asText).containsExactly("From", "To", "Subject",
                    "Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding");
            assertThat(m.path("defects")).isEmpty();
            assertThat(m.path("to")).extracting(JsonNode::asText).singleElement().asString()
                    .contains("ops@example.com").contains("oncall@example.org");
            ZonedDateTime date = ZonedDateTime.parse(m.path("date").asText(), DateTimeFormatter.RFC_1123_DATE_TIME);
            assertThat(date).isBetween(ZonedDateTime.now().minusMinutes(1), ZonedDateTime.now().plusMinutes(1));
            assertThat(m.path("message_id").asText()).matches("<[0-9a-f-]+\\.kolla-doctor@example\\.com>");
            assertThat(m.path("mail_options")).extracting(JsonNode::asText).contains("BODY=8BITMIME");
            String body = m.path("body").asText();
            assertThat(body).contains("host:    cmp01").contains("outcome: DONE")
                    .contains("2 of 2 instance(s) evacuated from cmp01").contains("\n.leading dot line\n.\n")
                    .contains("ipmi password ********");
            assertNoPassword(m.path("raw").asText());
            said.forEach(SmtpClientTest::assertNoPassword);
            // the shared throttle: the same host again within send_interval_hours is not mailed
            assertThat(notifier.notify("cmp01", "DONE", "again")).singleElement().asString()
                    .startsWith("mail: not sent: a notice about cmp01 went out at");
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void authLoginWhenTheServerOffersNoPlain() throws Exception {
        try (SmtpTestServer server = new SmtpTestServer(dir, "--auth", USER + ":" + PASSWORD, "--only-login")) {
            SmtpClient.Sent sent = new SmtpClient("127.0.0.1", server.port, T, JDK_TRUST, false)
                    .send(USER, PASSWORD, USER, List.of("ops@example.com"), "UMHA高可用告警", "body");
            assertThat(sent.accepted()).containsExactly("ops@example.com");
            assertThat(server.messages()).singleElement().satisfies(m -> {
                assertThat(m.path("login").asText()).isEqualTo(USER);
                assertThat(m.path("body").asText()).isEqualTo("body\n");
            });
        }
    }

    @Test
    void aWrongPasswordIsAClearErrorThatDoesNotQuoteIt() throws Exception {
        try (SmtpTestServer server = new SmtpTestServer(dir, "--auth", USER + ":the-right-one")) {
            assertThatThrownBy(() -> new SmtpClient("127.0.0.1", server.port, T, JDK_TRUST, false)
                    .send(USER, PASSWORD, USER, TO, "s", "b"))
                    .isInstanceOf(SmtpClient.SmtpException.class)
                    .hasMessageStartingWith("127.0.0.1:" + server.port + " refused AUTH PLAIN: 535")
                    .satisfies(e -> assertNoPassword(e.getMessage()));
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void starttlsWithAVerifiedCertificateAndHostName() throws Exception {
        Path[] cert = selfSigned();
        try (SmtpTestServer server = new SmtpTestServer(dir, "--auth", USER + ":" + PASSWORD, "--starttls",
                "--cert", cert[0].toString(), "--key", cert[1].toString())) {
            SmtpClient.Sent sent = new SmtpClient("localhost", server.port, T, trusting(cert[0]), false)
                    .send(USER, PASSWORD, USER, TO, "UMHA高可用告警: cmp01 DONE", "over TLS");
            assertThat(sent.security()).isEqualTo("STARTTLS");
            assertThat(server.messages()).singleElement().satisfies(m -> {
                assertThat(m.path("tls").asBoolean()).isTrue();
                assertThat(m.path("authenticated").asBoolean()).isTrue();
                assertThat(m.path("subject").asText()).isEqualTo("UMHA高可用告警: cmp01 DONE");
            });
            // the certificate names localhost, not 127.0.0.1: the host name check refuses, nothing falls back
            assertThatThrownBy(() -> new SmtpClient("127.0.0.1", server.port, T, trusting(cert[0]), true)
                    .send(USER, PASSWORD, USER, TO, "s", "b"))
                    .isInstanceOf(SmtpClient.SmtpException.class).hasMessageContaining("TLS failed at the TLS handshake")
                    .hasMessageContaining("127.0.0.1");
            // a certificate no CA of the JDK signed is refused
            assertThatThrownBy(() -> new SmtpClient("localhost", server.port, T, JDK_TRUST, true)
                    .send(USER, PASSWORD, USER, TO, "s", "b"))
                    .isInstanceOf(SmtpClient.SmtpException.class).hasMessageContaining("TLS failed at the TLS handshake")
                    .hasMessageContaining("PKIX");
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void implicitTls() throws Exception {
        Path[] cert = selfSigned();
        try (SmtpTestServer server = new SmtpTestServer(dir, "--implicit-tls", "--cert", cert[0].toString(),
                "--key", cert[1].toString())) {
            SmtpClient.Sent sent = new SmtpClient("localhost", server.port, T, trusting(cert[0]), false, true,
                    InetAddress::isLoopbackAddress).send(null, null, USER, TO, "s", "implicit");
            assertThat(sent.security()).isEqualTo("TLS");
            assertThat(server.messages()).singleElement()
                    .satisfies(m -> assertThat(m.path("tls").asBoolean()).isTrue());
        }
    }

    @Test
    void theSecretNeverGoesInPlainTextToARemoteServerUnlessAllowed() throws Exception {
        try (SmtpTestServer server = new SmtpTestServer(dir, "--auth", USER + ":" + PASSWORD)) {
            // the same loopback server, taken for a remote one
            assertThatThrownBy(() -> new SmtpClient("127.0.0.1", server.port, T, JDK_TRUST, false, false, a -> false)
                    .send(USER, PASSWORD, USER, TO, "s", "b"))
                    .isInstanceOf(SmtpClient.SmtpException.class)
                    .hasMessage("127.0.0.1:" + server.port + " offers no STARTTLS: not sending the password "
                            + "unencrypted (allow it with --mail-plaintext-auth)");
            assertThat(server.messages()).isEmpty();
            new SmtpClient("127.0.0.1", server.port, T, JDK_TRUST, true, false, a -> false)
                    .send(USER, PASSWORD, USER, TO, "s", "allowed");
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void refusedReceiversAreSaidAndTheOthersGetTheMail() throws Exception {
        try (SmtpTestServer server = new SmtpTestServer(dir)) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port, T, JDK_TRUST, false);
            SmtpClient.Sent sent = client.send(null, null, USER, List.of("refuse-me@example.com", "ops@example.com"),
                    "s", "b");
            assertThat(sent.accepted()).containsExactly("ops@example.com");
            assertThat(sent.refused()).singleElement().asString().startsWith("refuse-me@example.com (5.1.1");
            assertThat(server.messages()).singleElement().satisfies(m ->
                    assertThat(m.path("rcpt_tos")).extracting(JsonNode::asText).containsExactly("ops@example.com"));
            assertThatThrownBy(() -> client.send(null, null, USER, List.of("refuse-a@example.com", "refuse-b@example.com"),
                    "s", "b")).isInstanceOf(SmtpClient.SmtpException.class)
                    .hasMessageStartingWith("127.0.0.1:" + server.port + " refused every receiver: refuse-a@example.com");
        }
    }

    @Test
    void aRefusedMessageIsAClearErrorAndTheNotifierSaysItWithoutThrowing() throws Exception {
        try (SmtpTestServer server = new SmtpTestServer(dir, "--refuse-data")) {
            assertThatThrownBy(() -> new SmtpClient("127.0.0.1", server.port, T, JDK_TRUST, false)
                    .send(null, null, USER, TO, "s", "b"))
                    .isInstanceOf(SmtpClient.SmtpException.class)
                    .hasMessage("127.0.0.1:" + server.port + " refused the end of the message: 554 5.6.0 message "
                            + "refused by policy (expected 250)");
            Notifier notifier = new Notifier(List.of(new MailChannel(mail("127.0.0.1", server.port, false, TO), false,
                    T, JDK_TRUST)), Duration.ofHours(3), dir.resolve("state.json"), masker());
            assertThat(notifier.notify("cmp01", "DONE", "x")).singleElement().asString()
                    .startsWith("mail: not sent: 127.0.0.1:" + server.port + " refused the end of the message: 554");
            // not delivered: tried again at once, not throttled
            assertThat(notifier.notify("cmp01", "DONE", "x")).singleElement().asString().startsWith("mail: not sent: 127");
        }
    }

    @Test
    void aRefusingOrSilentServerIsAClearErrorWithinTheTimeout() throws Exception {
        assertThatThrownBy(() -> fake("554 5.3.2 no service today\r\n", 1))
                .hasMessageStartingWith("127.0.0.1:").hasMessageContaining(" refused greeting: 554 5.3.2 no service today");
        long start = System.nanoTime();
        assertThatThrownBy(() -> fake("", 1)).isInstanceOf(SmtpClient.SmtpException.class)
                .hasMessageEndingWith(" did not answer greeting within 1 s");
        assertThatThrownBy(() -> fake("220 hello\r\n", 1)).isInstanceOf(SmtpClient.SmtpException.class)
                .hasMessageEndingWith(" did not answer EHLO within 1 s");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
        assertThatThrownBy(() -> fake("220 hello\r\n250-first\r\n251 mixed\r\n", 1))
                .hasMessageContaining("mixed reply codes 250 and 251");
        assertThatThrownBy(() -> fake("HTTP/1.1 400 Bad Request\r\n", 1))
                .hasMessageContaining("answered greeting with something that is not SMTP: HTTP/1.1 400");
        assertThatThrownBy(() -> new SmtpClient("127.0.0.1", SmtpTestServer.freePort(), T, JDK_TRUST, false)
                .send(null, null, USER, TO, "s", "b")).isInstanceOf(SmtpClient.SmtpException.class)
                .hasMessageContaining(": connect failed: Connection refused");
    }

    /** A server that says {@code script} once the client connects, then nothing. */
    private static void fake(String script, int timeoutSeconds) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket s = listener.accept(); OutputStream o = s.getOutputStream(); InputStream i = s.getInputStream()) {
                    o.write(script.getBytes(StandardCharsets.US_ASCII));
                    o.flush();
                    i.readAllBytes(); // until the client gives up
                } catch (Exception ignored) {
                    // the client closed
                }
            });
            try {
                new SmtpClient("127.0.0.1", listener.getLocalPort(), Duration.ofSeconds(timeoutSeconds), JDK_TRUST,
                        false).send(null, null, USER, TO, "s", "b");
            } finally {
                t.join(5000);
            }
        }
    }

    @Test
    void headerValuesCannotInjectHeadersOrReceivers() throws Exception {
        try (SmtpTestServer server = new SmtpTestServer(dir)) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port, T, JDK_TRUST, false);
            client.send(null, null, USER, List.of("ops@example.com"),
                    "UMHA高可用告警: cmp01\r\nBcc: evil@example.net\r\n\r\nbody", "line\r\n.\r\nRSET\r\n..two\n.\n");
            JsonNode m = server.messages().getFirst();
            assertThat(m.path("header_names")).extracting(JsonNode::asText).doesNotContain("Bcc").hasSize(8);
            assertThat(m.path("rcpt_tos")).extracting(JsonNode::asText).containsExactly("ops@example.com");
            assertThat(m.path("subject").asText()).isEqualTo("UMHA高可用告警: cmp01  Bcc: evil@example.net    body");
            assertThat(m.path("body").asText()).isEqualTo("line\n.\nRSET\n..two\n.\n");
            for (String bad : List.of("ops@example.com\r\nRCPT TO:<evil@example.net>", "ops@example.com>", "",
                    "<ops@example.com>", "a b@example.com", "ops@example.com\0")) {
                assertThatThrownBy(() -> client.send(null, null, USER, List.of(bad), "s", "b"))
                        .isInstanceOf(SmtpClient.SmtpException.class).hasMessageContaining("is not a mail address")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n", "\0"));
                assertThatThrownBy(() -> client.send(null, null, bad, TO, "s", "b"))
                        .isInstanceOf(SmtpClient.SmtpException.class).hasMessageContaining("is not a mail address");
            }
            assertThat(server.messages()).hasSize(1);
        }
    }

    /** A self-signed certificate for DNS:localhost only (no IP address), made with openssl: {cert.pem, key.pem}. */
    private Path[] selfSigned() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("openssl: " + output).isTrue();
        return new Path[] {cert, key};
    }

    /** A socket factory that trusts only {@code cert} (as a site's own CA would be), the JDK's checks otherwise. */
    private static SSLSocketFactory trusting(Path cert) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = new FileInputStream(cert.toFile())) {
            store.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
