package io.kolladoctor.fixes.evacuation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * UMHA's {@code evacuate_history}, as JSON lines: one record per evacuation (or cleanup) with the host, when, who, the
 * decision trail (probes, valve figures, fence, force-down), and each instance's outcome. Masked, flushed to disk.
 * Default place: {@code $XDG_STATE_HOME/kolla-doctor/evacuate_history.jsonl}.
 */
public final class EvacuationHistory {

    /** One record. {@code instances}: name, id, from, to, what was planned, how it ended. */
    public record Entry(String kind, String host, Instant started, String result, List<String> trail,
                        List<Evacuator.Outcome> instances) {
    }

    private final Path file;
    private final SecretMasker masker;

    public EvacuationHistory(Path file, SecretMasker masker) {
        this.file = file;
        this.masker = masker;
    }

    public static Path standardPath(Map<String, String> env, Path home) {
        return io.kolladoctor.deployment.StateDirectory.of(env, home).resolve("evacuate_history.jsonl");
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Entry entry) throws IOException {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("kind", entry.kind());
        line.put("host", entry.host());
        line.put("started", entry.started().toString());
        line.put("finished", Instant.now().toString());
        line.put("user", System.getProperty("user.name", "?"));
        line.put("result", masker.mask(entry.result()));
        ArrayNode trail = line.putArray("trail");
        entry.trail().forEach(t -> trail.add(masker.mask(t)));
        ArrayNode instances = line.putArray("instances");
        for (Evacuator.Outcome o : entry.instances()) {
            ObjectNode i = instances.addObject();
            i.put("id", o.move().server().id());
            i.put("name", o.move().server().name());
            i.put("from", entry.host());
            i.put("planned", o.move().disposition().name().toLowerCase());
            if (o.move().target() != null) {
                i.put("target", o.move().target());
            }
            i.put("moved", o.moved());
            if (o.host() != null) {
                i.put("now_on", o.host());
            }
            i.put("detail", masker.mask(o.detail()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.MAPPER.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }
}
