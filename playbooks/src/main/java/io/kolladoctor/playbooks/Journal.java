package io.kolladoctor.playbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kolladoctor.deployment.parse.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The record of one playbook run, one JSON object per line in {@code <dir>/<playbook>-<run id>.jsonl}: {@code start},
 * then {@code begin} before and {@code end} after each step (its result and where the run goes next), {@code resumed}
 * when a later process takes the run over, and {@code finish}. Each line is forced to disk before the step it
 * announces runs (or before the next one starts), so a killed process or a lost SSH session leaves a journal that
 * says exactly which steps completed and which one was under way. Read back by {@link JournalState}.
 */
public final class Journal {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path file;
    private final String runId;

    private Journal(Path file, String runId) {
        this.file = file;
        this.runId = runId;
    }

    /** {@code $XDG_STATE_HOME/kolla-doctor/playbooks} (default {@code ~/.local/state/kolla-doctor/playbooks}). */
    public static Path standardDir(Map<String, String> env, Path home) {
        return io.kolladoctor.deployment.StateDirectory.of(env, home).resolve("playbooks");
    }

    /** A new run's journal, its {@code start} line written. The run id sorts by time; the suffix keeps it unique. */
    public static Journal start(Path dir, Playbook playbook, Instant now) throws IOException {
        String runId = RUN_ID.format(now) + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        Files.createDirectories(dir);
        Journal journal = new Journal(dir.resolve(playbook.name() + "-" + runId + ".jsonl"), runId);
        ObjectNode line = journal.line("start");
        line.put("playbook", playbook.name());
        line.put("run", runId);
        line.put("origin", playbook.origin());
        line.put("digest", playbook.digest());
        journal.append(line);
        return journal;
    }

    /** An unfinished run's journal, continued by this process. */
    public static Journal resume(JournalState state) throws IOException {
        Journal journal = new Journal(state.file(), state.runId());
        journal.append(journal.line("resumed"));
        return journal;
    }

    public Path file() {
        return file;
    }

    public String runId() {
        return runId;
    }

    public void begin(PlaybookStep step) throws IOException {
        ObjectNode line = line("begin");
        line.put("step", step.id());
        line.put("kind", step.kind());
        append(line);
    }

    /** A step's end: its result and where the run goes next ({@code next} a step id, or {@code then} end/stop). */
    public void end(PlaybookStep step, StepOutcome outcome, String nextStepId) throws IOException {
        ObjectNode line = line("end");
        line.put("step", step.id());
        line.put("result", outcome.result().name().toLowerCase());
        if (outcome.detail() != null) {
            line.put("detail", outcome.detail());
        }
        if (nextStepId != null) {
            line.put("next", nextStepId);
        } else {
            // a goto or next past the last step ends the run as completed, like an explicit end
            line.put("then", outcome.flow() instanceof Flow.Stop ? "stop" : "end");
        }
        append(line);
    }

    /** The run is over: {@code completed}, {@code stopped}, {@code failed} or {@code abandoned} (a fresh run instead). */
    public void finish(String result, String detail) throws IOException {
        ObjectNode line = line("finish");
        line.put("result", result);
        if (detail != null) {
            line.put("detail", detail);
        }
        append(line);
    }

    private ObjectNode line(String event) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("event", event);
        return line;
    }

    /** Appends one line and forces it (data and size) to the device before returning. */
    private void append(ObjectNode line) throws IOException {
        byte[] bytes = (Json.MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }
}
