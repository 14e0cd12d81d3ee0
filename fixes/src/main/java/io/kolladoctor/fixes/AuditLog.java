package io.kolladoctor.fixes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

/**
 * Every mutation kolla-doctor makes, one JSON object per line, appended and flushed before the next step runs:
 * when, who (local user), from where (local host), which fix on which subject, what ran where, and how it ended.
 * Texts are masked. Default place: {@code $XDG_STATE_HOME/kolla-doctor/audit.jsonl}.
 */
public final class AuditLog {

    private final Path file;
    private final SecretMasker masker;
    private final String user;
    private final String from;

    public AuditLog(Path file, SecretMasker masker) {
        this.file = file;
        this.masker = masker;
        this.user = System.getProperty("user.name", "?");
        this.from = localHost();
    }

    public static Path standardPath(Map<String, String> env, Path home) {
        return io.kolladoctor.deployment.StateDirectory.of(env, home).resolve("audit.jsonl");
    }

    public Path file() {
        return file;
    }

    /** Appends one event; a log that cannot be written stops the fix (no mutation goes unrecorded). */
    public void record(Plan plan, String event, Operation operation, String result, String detail)
            throws IOException {
        record(plan.fixId(), plan.checkId(), plan.subject(), event, operation == null ? null : operation.display(),
                result, detail);
    }

    /**
     * The same for work that is not one plan (an evacuation): {@code fix} names the workflow, {@code check} may be
     * null, {@code operation} is what ran as shown to the operator.
     */
    public synchronized void record(String fix, String check, String subject, String event, String operation,
                                    String result, String detail) throws IOException {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("user", user);
        line.put("from", from);
        line.put("fix", fix);
        if (check != null) {
            line.put("check", check);
        }
        line.put("subject", masker.mask(subject));
        line.put("event", event);
        if (operation != null) {
            line.put("operation", masker.mask(operation));
        }
        line.put("result", result);
        if (detail != null) {
            line.put("detail", masker.mask(detail));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.MAPPER.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    private static String localHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "?";
        }
    }
}
