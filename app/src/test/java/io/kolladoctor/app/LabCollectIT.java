package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect} on the lab with a failure made real (A6 and A2 broken): {@code check --snapshot} of what it wrote
 * gives the findings {@code check} gives live, and no secret of the lab (lab/out/secrets.txt) appears in any output,
 * snapshot file or log line kolla-doctor wrote.
 */
class LabCollectIT {

    static LabLive lab;

    @BeforeAll
    static void breakSome() throws Exception {
        lab = LabLive.require();
        lab.run("break", "A6");
        lab.run("break", "A2");
    }

    @AfterAll
    static void heal() throws Exception {
        if (lab != null) {
            lab.run("heal", "A2");
            lab.run("heal", "A6");
        }
    }

    @Test
    void snapshotOfTheLiveLabGivesTheLiveFindingsAndLeaksNoSecret(@TempDir Path tmp) throws Exception {
        // an empty home: no ~/.ssh or ~/.config of this machine, and kolla-doctor's log file lands here
        Path home = Files.createDirectories(tmp.resolve("home"));
        String previousHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            FileLogging.install();
            collectCheckAndScan(tmp);
        } finally {
            System.setProperty("user.home", previousHome);
        }
    }

    private void collectCheckAndScan(Path tmp) throws Exception {
        List<String> outputs = new ArrayList<>();

        Cli live = Cli.run(lab.args("check", "--format", "json"));
        outputs.add(live.out());
        outputs.add(live.err());
        Path archive = tmp.resolve("lab.tar.gz");
        Cli collect = Cli.run(lab.args("collect", "-o", archive.toString()));
        outputs.add(collect.out());
        outputs.add(collect.err());
        assertThat(collect.exit()).as("collect exit code; stderr:\n" + collect.err()).isZero();
        assertThat(collect.err()).contains("collect: wrote " + archive);

        Cli offline = Cli.run("check", "--format", "json", "--snapshot", archive.toString());
        outputs.add(offline.out());
        Cli text = Cli.run(lab.args("check", "--all"));
        outputs.add(text.out());

        assertThat(findings(Json.parse(offline.out()))).isEqualTo(findings(Json.parse(live.out())));
        assertThat(LabLive.findings(Json.parse(offline.out()), "containers.exited", "FAIL")).isNotEmpty();
        assertThat(LabLive.findings(Json.parse(offline.out()), "keystone.service-project-membership", "FAIL")).isNotEmpty();

        // every file of the snapshot, unpacked, plus everything printed, plus the log
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString()).start();
        assertThat(tar.waitFor()).isZero();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(unpacked)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        for (Path f : files) {
            outputs.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        Path log = FileLogging.logFile();
        assertThat(log).as("kolla-doctor's log file").isNotNull().isRegularFile();
        outputs.add(Files.readString(log, StandardCharsets.ISO_8859_1));
        List<String> secrets = lab.secrets();
        assertThat(secrets).hasSizeGreaterThan(20);
        for (String secret : secrets) {
            for (String output : outputs) {
                assertThat(output).as("a lab secret in kolla-doctor's output").doesNotContain(secret);
            }
        }
        // passwords.yml is in the snapshot, masked and still YAML
        Path passwords;
        try (Stream<Path> walk = Files.walk(unpacked)) {
            passwords = walk.filter(p -> p.endsWith("kolla/passwords.yml")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(passwords)).contains("'********'");
    }

    /**
     * The comparable part of each finding: check, status, subject, summary — with ages ("exited (0) 10 seconds ago")
     * left out, since the snapshot describes the moment collect started, a few seconds after the live check.
     */
    private static Set<String> findings(JsonNode report) {
        Set<String> set = new TreeSet<>();
        report.path("findings").forEach(f -> set.add(f.path("check").asText() + " " + f.path("status").asText() + " "
                + LabLive.subject(f) + " " + f.path("summary").asText()
                .replaceAll("\\b\\d+ (second|minute|hour|day)s? ago", "<age> ago")));
        return set;
    }
}
