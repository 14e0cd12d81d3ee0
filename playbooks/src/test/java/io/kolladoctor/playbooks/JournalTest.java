package io.kolladoctor.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal as written and read back: completed steps, the next one, an interrupted one, torn lines, finishing. */
class JournalTest {

    static Playbook book(String name) {
        return new Playbook(name, "t", "", List.of(new PlaybookStep.Note("a", null, "x", Flow.NEXT),
                new PlaybookStep.Note("b", null, "y", Flow.NEXT), new PlaybookStep.Note("c", null, "z", Flow.NEXT)),
                name + ".yaml", "d1");
    }

    @Test
    void recordsStepsAndReadsThemBack(@TempDir Path dir) throws IOException {
        Playbook book = book("demo");
        Journal journal = Journal.start(dir, book, Instant.parse("2026-11-23T10:00:00Z"));
        journal.begin(book.steps().get(0));
        journal.end(book.steps().get(0), new StepOutcome(StepOutcome.Result.OK, null, Flow.NEXT), "b");
        journal.begin(book.steps().get(1));

        assertThat(journal.file().getFileName().toString()).matches("demo-20261123T100000Z-[0-9a-f]{4}\\.jsonl");
        JournalState state = JournalState.read(journal.file()).orElseThrow();
        assertThat(state.playbook()).isEqualTo("demo");
        assertThat(state.runId()).isEqualTo(journal.runId());
        assertThat(state.digest()).isEqualTo("d1");
        assertThat(state.completed()).containsExactly("a");
        assertThat(state.next()).isEqualTo("b");
        assertThat(state.interrupted()).isEqualTo("b");
        assertThat(state.finished()).isFalse();
        assertThat(JournalState.latestUnfinished(dir, "demo")).contains(state);

        journal.end(book.steps().get(1), new StepOutcome(StepOutcome.Result.DECLINED, "no", Flow.STOP), null);
        state = JournalState.read(journal.file()).orElseThrow();
        assertThat(state.interrupted()).isNull();
        assertThat(state.next()).isNull();
        assertThat(state.then()).isEqualTo("stop");

        journal.finish("stopped", "at b");
        assertThat(JournalState.read(journal.file()).orElseThrow().finished()).isTrue();
        assertThat(JournalState.latestUnfinished(dir, "demo")).isEmpty();
        assertThat(Files.readAllLines(journal.file())).hasSize(6)
                .allSatisfy(line -> assertThat(line).startsWith("{\"time\":").endsWith("}"));
    }

    @Test
    void aTornLastLineDoesNotCount(@TempDir Path dir) throws IOException {
        Playbook book = book("demo");
        Journal journal = Journal.start(dir, book, Instant.now());
        journal.begin(book.steps().get(0));
        Files.writeString(journal.file(), "{\"time\":\"2026-11-23T10:00:01Z\",\"event\":\"end\",\"st",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        JournalState state = JournalState.read(journal.file()).orElseThrow();
        assertThat(state.completed()).isEmpty();
        assertThat(state.interrupted()).isEqualTo("a");
    }

    @Test
    void newestUnfinishedRunOfThatPlaybookOnly(@TempDir Path dir) throws IOException {
        Journal old = Journal.start(dir, book("demo"), Instant.parse("2026-11-20T10:00:00Z"));
        Journal newer = Journal.start(dir, book("demo"), Instant.parse("2026-11-21T10:00:00Z"));
        Journal finished = Journal.start(dir, book("demo"), Instant.parse("2026-11-22T10:00:00Z"));
        finished.finish("completed", null);
        // a longer name sharing the prefix, started later: not a run of "demo"
        Journal.start(dir, book("demo-x"), Instant.parse("2026-11-23T10:00:00Z"));
        Files.writeString(dir.resolve("demo-garbage.jsonl"), "not json\n");

        assertThat(JournalState.latestUnfinished(dir, "demo").orElseThrow().file()).isEqualTo(newer.file());
        assertThat(JournalState.latestUnfinished(dir, "demo-x")).isPresent();
        assertThat(JournalState.latestUnfinished(dir.resolve("none"), "demo")).isEmpty();
        assertThat(old.file()).exists();
    }

    @Test
    void standardPlace() {
        assertThat(Journal.standardDir(java.util.Map.of("XDG_STATE_HOME", "/s"), Path.of("/home/u")))
                .isEqualTo(Path.of("/s/kolla-doctor/playbooks"));
        assertThat(Journal.standardDir(java.util.Map.of(), Path.of("/home/u")))
                .isEqualTo(Path.of("/home/u/.local/state/kolla-doctor/playbooks"));
    }
}
