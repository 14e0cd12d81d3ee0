package io.kolladoctor.playbooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A journal read back: which run of which playbook, the steps that completed (in order), where the run was to go
 * next, the step that had begun and not ended (it was interrupted mid-way), and whether the run finished.
 * A torn last line (the process died while writing it) is ignored: its step counts as not recorded.
 *
 * @param next      the step to run next after the last completed one; null with {@code then} "end"/"stop", or
 *                  null with {@code then} null when no step has completed yet (start at the first)
 * @param interrupted the step that began and did not end, or null
 */
public record JournalState(Path file, String playbook, String runId, String digest, List<String> completed,
                           String next, String then, String interrupted, boolean finished) {

    public JournalState {
        completed = List.copyOf(completed);
    }

    public static Optional<JournalState> read(Path file) throws IOException {
        String playbook = null;
        String runId = null;
        String digest = null;
        List<String> completed = new ArrayList<>();
        String next = null;
        String then = null;
        String begun = null;
        boolean finished = false;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode line;
            try {
                line = Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                continue;
            }
            if (line == null || !line.isObject()) {
                continue;
            }
            switch (line.path("event").asText()) {
                case "start" -> {
                    playbook = line.path("playbook").asText(null);
                    runId = line.path("run").asText(null);
                    digest = line.path("digest").asText(null);
                }
                case "begin" -> begun = line.path("step").asText(null);
                case "end" -> {
                    completed.add(line.path("step").asText());
                    next = line.path("next").asText(null);
                    then = line.path("then").asText(null);
                    begun = null;
                }
                case "finish" -> finished = true;
                default -> {
                }
            }
        }
        return playbook == null || runId == null ? Optional.empty()
                : Optional.of(new JournalState(file, playbook, runId, digest, completed, next, then, begun, finished));
    }

    /** The newest unfinished run of {@code playbook} in {@code dir} (run ids sort by start time). */
    public static Optional<JournalState> latestUnfinished(Path dir, String playbook) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.list(dir)) {
            candidates = files.filter(f -> f.getFileName().toString().startsWith(playbook + "-")
                            && f.getFileName().toString().endsWith(".jsonl"))
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList();
        }
        for (Path file : candidates) {
            Optional<JournalState> state = read(file);
            // the prefix also matches longer names (magnum-delete-failed-x-…): the start line says whose it is
            if (state.isPresent() && state.get().playbook().equals(playbook) && !state.get().finished()) {
                return state;
            }
        }
        return Optional.empty();
    }
}
