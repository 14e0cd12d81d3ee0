package io.kolladoctor.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.playbooks.JournalState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance "a playbook killed mid-run resumes from its journal and completes", on a real process: kolla-doctor
 * (the packaged jar given as {@code -Dkd.app.jar=…}, else this build's classes) runs a playbook of local commands
 * against an inventory of only {@code localhost ansible_connection=local}, armed, with --yes. It is killed (SIGKILL,
 * as a dropped SSH session or an OOM kill would) while the second step runs; started again, it says it resumes, does
 * not repeat the first step, re-runs the interrupted one (--yes answers the question), and completes. Marker files
 * written by the commands count how often each step ran.
 */
class PlaybookResumeE2ETest {

    @TempDir
    Path dir;

    @Test
    void killedMidRunResumesFromItsJournalAndCompletes() throws Exception {
        Path markers = Files.createDirectories(dir.resolve("markers"));
        Path kolla = Files.createDirectories(dir.resolve("kolla"));
        Files.writeString(kolla.resolve("globals.yml"), "");
        Path inventory = Files.writeString(dir.resolve("inventory"), "localhost ansible_connection=local\n");
        Path journals = dir.resolve("journals");
        Path playbook = Files.writeString(dir.resolve("resume-test.yaml"), """
                name: resume-test
                title: local commands, to be killed and resumed
                steps:
                  - id: one
                    command: [sh, -c, "echo ran >> %1$s/one"]
                    host: localhost
                  - id: slow
                    command: [sh, -c, "echo ran >> %1$s/slow-started; sleep 6; echo ran >> %1$s/slow-done"]
                    host: localhost
                    timeout: 30s
                  - id: three
                    command: [sh, -c, "echo ran >> %1$s/three"]
                    host: localhost
                  - id: tell
                    note: almost there
                  - id: four
                    command: [sh, -c, "echo ran >> %1$s/four"]
                    host: localhost
                """.formatted(markers));
        List<String> run = List.of("playbook", "run", playbook.toString(), "--inventory", inventory.toString(),
                "--kolla-dir", kolla.toString(), "--arm", "--yes", "--journal-dir", journals.toString(),
                "--audit-log", dir.resolve("audit.jsonl").toString());

        Process first = start(run, dir.resolve("first.out"));
        awaitFile(markers.resolve("slow-started"), first, Duration.ofSeconds(60));
        first.destroyForcibly();
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();

        Path journal = onlyJournal(journals);
        JournalState cut = JournalState.read(journal).orElseThrow();
        assertThat(cut.completed()).containsExactly("one");
        assertThat(cut.interrupted()).isEqualTo("slow");
        assertThat(cut.finished()).isFalse();
        assertThat(lines(markers.resolve("three"))).isZero();

        Process second = start(run, dir.resolve("second.out"));
        assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("the resumed run ends").isTrue();
        String screen = Files.readString(dir.resolve("second.out"), StandardCharsets.UTF_8);
        assertThat(second.exitValue()).as(screen).isZero();

        assertThat(screen).contains("Resuming run " + cut.runId() + " of playbook resume-test", "completed: one",
                "Step slow (command) was interrupted mid-way and may have partly happened. Run it again? yes (--yes)",
                "COMPLETED: ran to the end of the playbook").doesNotContain("1. one [command]");
        assertThat(onlyJournal(journals)).isEqualTo(journal);
        JournalState done = JournalState.read(journal).orElseThrow();
        assertThat(done.completed()).containsExactly("one", "slow", "three", "tell", "four");
        assertThat(done.finished()).isTrue();
        assertThat(lines(markers.resolve("one"))).as("the completed step is not repeated").isEqualTo(1);
        assertThat(lines(markers.resolve("slow-started"))).as("the interrupted step ran again").isEqualTo(2);
        assertThat(lines(markers.resolve("three"))).isEqualTo(1);
        assertThat(lines(markers.resolve("four"))).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("playbook:resume-test/four");
    }

    private Process start(List<String> args, Path out) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Duser.home=" + dir);
        String jar = System.getProperty("kd.app.jar");
        if (jar != null && Files.isRegularFile(Path.of(jar))) {
            command.addAll(List.of("-jar", jar));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.kolladoctor.app.Main"));
        }
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        return builder.start();
    }

    private void awaitFile(Path file, Process process, Duration limit) throws Exception {
        Instant until = Instant.now().plus(limit);
        while (!Files.exists(file)) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                throw new AssertionError("step 'slow' never started; output:\n" + Files.readString(dir.resolve("first.out")));
            }
            Thread.sleep(50);
        }
    }

    private static Path onlyJournal(Path journals) throws IOException {
        try (Stream<Path> files = Files.list(journals)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.getFirst();
        }
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
