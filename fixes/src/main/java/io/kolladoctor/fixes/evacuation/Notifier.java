package io.kolladoctor.fixes.evacuation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.parse.MalformedException;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells someone an evacuation happened: a JSON POST to a webhook (a chat or paging gateway), at most once per host
 * per {@code send_interval_hours} (UMHA's throttle for its mails), so a flapping host does not page all night. The
 * last send per host is kept in a small state file. TLS is verified by the JDK's client. Texts are masked.
 */
public final class Notifier {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI webhook;
    private final Duration interval;
    private final Path state;
    private final SecretMasker masker;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public Notifier(URI webhook, Duration interval, Path state, SecretMasker masker) {
        this.webhook = webhook;
        this.interval = interval;
        this.state = state;
        this.masker = masker;
    }

    /** Sends one notice unless one went out for {@code host} within the interval; says what happened. */
    public synchronized String notify(String host, String outcome, String summary) {
        try {
            ObjectNode sent = readState();
            JsonNode last = sent.path(host);
            Instant now = Instant.now();
            if (last.isTextual()) {
                Instant at = Instant.parse(last.asText());
                if (at.plus(interval).isAfter(now)) {
                    return "not notified: a notice about " + host + " went out at " + at + " (send_interval_hours "
                            + interval.toHours() + ")";
                }
            }
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("source", "kolla-doctor");
            body.put("host", host);
            body.put("outcome", outcome);
            body.put("summary", masker.mask(summary));
            body.put("time", now.toString());
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(webhook).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return "notice refused by " + webhook.getHost() + ": HTTP " + response.statusCode();
            }
            sent.put(host, now.toString());
            Files.createDirectories(state.toAbsolutePath().getParent());
            Files.writeString(state, Json.MAPPER.writeValueAsString(sent), StandardCharsets.UTF_8);
            return "notified " + webhook.getHost() + " (HTTP " + response.statusCode() + ")";
        } catch (IOException | RuntimeException e) {
            return "notice not sent: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "notice not sent: interrupted";
        }
    }

    private ObjectNode readState() throws IOException {
        if (!Files.exists(state)) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.parse(Files.readString(state, StandardCharsets.UTF_8));
            return node instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode();
        } catch (MalformedException e) {
            return Json.MAPPER.createObjectNode(); // a damaged state file must not stop notices
        }
    }
}
