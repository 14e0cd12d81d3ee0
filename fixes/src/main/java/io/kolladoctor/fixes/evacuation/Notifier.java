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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells someone an evacuation happened, through each {@link Channel}: a JSON POST to a webhook (a chat or paging
 * gateway) and/or a mail ({@link MailChannel}, UMHA's way). Each channel tells a host at most once per
 * {@code send_interval_hours} (UMHA's throttle for its mails), so a flapping host does not page all night; a channel
 * that failed is tried again next time. The last delivery per host and channel is kept in a small state file. Texts
 * are masked before any channel sees them; a failure is said, never thrown.
 */
public final class Notifier {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What every channel says: the same content. {@code summary} is masked already. */
    public record Notice(String source, String host, String outcome, String summary, Instant time) {
        ObjectNode json() {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("source", source);
            body.put("host", host);
            body.put("outcome", outcome);
            body.put("summary", summary);
            body.put("time", time.toString());
            return body;
        }
    }

    /** One way of telling. {@code name}: its key in the state file and the first word of its lines. */
    public interface Channel {
        String name();

        /** Delivers or says why not ({@code delivered} false: tried again next time). */
        Delivery send(Notice notice) throws IOException, InterruptedException;
    }

    public record Delivery(boolean delivered, String said) {
    }

    /** A JSON POST; TLS verified by the JDK's client; any 2xx is a delivery. */
    public static final class Webhook implements Channel {
        private final URI url;
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

        public Webhook(URI url) {
            this.url = url;
        }

        @Override
        public String name() {
            return "webhook";
        }

        @Override
        public Delivery send(Notice notice) throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(notice.json()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2
                    ? new Delivery(true, "notified " + url.getHost() + " (HTTP " + response.statusCode() + ")")
                    : new Delivery(false, "refused by " + url.getHost() + ": HTTP " + response.statusCode());
        }
    }

    private final List<Channel> channels;
    private final Duration interval;
    private final Path state;
    private final SecretMasker masker;

    public Notifier(List<Channel> channels, Duration interval, Path state, SecretMasker masker) {
        this.channels = List.copyOf(channels);
        this.interval = interval;
        this.state = state;
        this.masker = masker;
    }

    public Notifier(URI webhook, Duration interval, Path state, SecretMasker masker) {
        this(List.of(new Webhook(webhook)), interval, state, masker);
    }

    /**
     * What an evacuation run notifies through: the webhook when one is given, mail when UMHA's {@code [email]
     * enable_send_mail} is on and {@code mail} (the operator did not say --no-mail); nothing when neither. The throttle's
     * state file sits beside the history, so the CLI, the playbook and the console share it.
     */
    public static Optional<Notifier> forRun(UmhaConfig config, URI webhook, boolean mail, boolean mailPlaintextAuth,
                                            EvacuationHistory history, SecretMasker masker) {
        List<Channel> channels = new ArrayList<>();
        if (webhook != null) {
            channels.add(new Webhook(webhook));
        }
        if (mail && config.mail().enabled()) {
            channels.add(new MailChannel(config.mail(), mailPlaintextAuth));
        }
        return channels.isEmpty() ? Optional.empty() : Optional.of(new Notifier(channels, config.sendInterval(),
                history.file().toAbsolutePath().resolveSibling("notify-state.json"), masker));
    }

    /**
     * One notice through every channel that has not told about {@code host} within the interval; one line per
     * channel, starting with its name ("webhook: notified ...", "mail: not sent: ...").
     */
    public synchronized List<String> notify(String host, String outcome, String summary) {
        List<String> said = new ArrayList<>();
        ObjectNode sent = readState();
        Instant now = Instant.now();
        Notice notice = new Notice("kolla-doctor", host, outcome, masker.mask(summary), now);
        boolean changed = false;
        for (Channel channel : channels) {
            Instant last = last(sent, host, channel.name());
            if (last != null && last.plus(interval).isAfter(now)) {
                said.add(channel.name() + ": not sent: a notice about " + host + " went out at " + last
                        + " (send_interval_hours " + interval.toHours() + ")");
                continue;
            }
            try {
                Delivery d = channel.send(notice);
                said.add(channel.name() + ": " + masker.mask(d.said()));
                if (d.delivered()) {
                    JsonNode entry = sent.path(host);
                    ObjectNode perChannel = entry instanceof ObjectNode o ? o : sent.putObject(host);
                    if (entry.isTextual()) { // a state file from before channels: that time was the webhook's
                        perChannel.put("webhook", entry.asText());
                    }
                    perChannel.put(channel.name(), now.toString());
                    changed = true;
                }
            } catch (IOException | RuntimeException e) {
                said.add(channel.name() + ": not sent: " + masker.mask(String.valueOf(e.getMessage())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                said.add(channel.name() + ": not sent: interrupted");
            }
        }
        if (changed) {
            try {
                writeState(sent);
            } catch (IOException e) {
                said.add("throttle state not saved (" + state + "): " + e.getMessage());
            }
        }
        return said;
    }

    private static Instant last(ObjectNode sent, String host, String channel) {
        JsonNode entry = sent.path(host);
        JsonNode at = entry.isTextual() && channel.equals("webhook") ? entry : entry.path(channel);
        try {
            return at.isTextual() ? Instant.parse(at.asText()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null; // a damaged entry must not stop notices
        }
    }

    private ObjectNode readState() {
        try {
            if (!Files.exists(state)) {
                return Json.MAPPER.createObjectNode();
            }
            JsonNode node = Json.parse(Files.readString(state, StandardCharsets.UTF_8));
            return node instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode();
        } catch (MalformedException | IOException e) {
            return Json.MAPPER.createObjectNode(); // a damaged state file must not stop notices
        }
    }

    private void writeState(ObjectNode sent) throws IOException {
        Path file = state.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.MAPPER.writeValueAsString(sent), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
