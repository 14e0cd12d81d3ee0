package io.kolladoctor.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbooks shipped in the jar: the five from the documents, every one valid against the real catalog (so every
 * check and fix they name exists), every file of playbooks/runbooks/ bundled; and the operator's directory shadows.
 */
class BundledPlaybooksTest {

    @Test
    void theSixFromTheDocumentsAreBundledAndValid() throws IOException {
        List<PlaybookLibrary.Entry> entries = new PlaybookLibrary(Vocabulary.standard(), List.of()).list();

        assertThat(entries).extracting(PlaybookLibrary.Entry::name).containsExactlyInAnyOrder("magnum-delete-failed",
                "ceph-osd-redeploy", "aodh-kubernetes-503", "heat-region-null", "nova-scheduler-exited",
                "compute-node-down");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.parsed().problems()).as(e.origin()).isEmpty();
            assertThat(e.origin()).isEqualTo("bundled:" + e.name() + ".yaml");
        });
    }

    @Test
    void everySourceFileIsBundled() throws IOException {
        Path dir = Path.of("runbooks");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .isEqualTo(PlaybookLibrary.bundledNames());
        }
    }

    @Test
    void theOperatorsDirectoryComesFirst(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), """
                name: nova-scheduler-exited
                title: my own version
                steps:
                  - {id: a, note: hi}
                """);
        Files.writeString(dir.resolve("broken.yaml"), "name: [\n");
        PlaybookLibrary library = new PlaybookLibrary(Vocabulary.standard(), List.of(dir));

        assertThat(library.find("nova-scheduler-exited").orElseThrow().parsed().playbook().title()).isEqualTo("my own version");
        assertThat(library.find("broken").orElseThrow().parsed().problems()).isNotEmpty();
        assertThat(library.find(dir.resolve("mine.yaml").toString()).orElseThrow().name()).isEqualTo("nova-scheduler-exited");
        assertThat(library.find("no-such")).isEmpty();
        assertThat(library.list()).hasSize(7);
    }
}
