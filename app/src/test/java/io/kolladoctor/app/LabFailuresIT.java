package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that fail during a live sweep of the lab: a host whose sshd is stopped, a host whose sshd hangs, Keystone
 * hanging, host keys nobody vouches for. The checks that need the failed source ERROR with the reason, within the
 * deadline; the others still give their verdict. Each test puts the lab back as it found it.
 */
class LabFailuresIT {

    static LabLive lab;
    String previousHome;

    @BeforeAll
    static void lab() {
        lab = LabLive.require();
    }

    /** An empty home: only the lab's known_hosts vouches for its hosts, nothing of this machine's ~/.ssh. */
    @BeforeEach
    void emptyHome(@TempDir Path tmp) throws Exception {
        previousHome = System.getProperty("user.home");
        System.setProperty("user.home", Files.createDirectories(tmp.resolve("home")).toString());
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", previousHome);
    }

    @Test
    void unknownHostKeysAreRefusedAndTheCloudOnlyCheckStillRuns(@TempDir Path tmp) throws Exception {
        Path empty = Files.writeString(tmp.resolve("known_hosts"), "");
        Cli r = Cli.run("check", "--format", "json", "--kolla-dir", lab.out.resolve("kolla").toString(),
                "--known-hosts", empty.toString(), "--only", "containers.exited,neutron.stale-floating-ips");
        JsonNode report = Json.parse(r.out());
        List<JsonNode> errors = LabLive.findings(report, "containers.exited", "ERROR");
        assertThat(errors).isNotEmpty().allSatisfy(f -> assertThat(f.path("summary").asText()).containsIgnoringCase("host key"));
        assertThat(LabLive.findings(report, "containers.exited", "OK")).isEmpty();
        assertThat(LabLive.findings(report, "neutron.stale-floating-ips", "ERROR")).isEmpty();
    }

    @Test
    void aHostWhoseSshdIsStoppedErrorsAndTheOtherHostsAreChecked() throws Exception {
        String pid = pid("sshd-cmp02");
        signal("TERM", pid);
        try {
            JsonNode report = lab.check("--only", "containers.exited");
            assertThat(LabLive.findings(report, "containers.exited", "ERROR")).singleElement()
                    .satisfies(f -> assertThat(LabLive.subject(f) + " " + f.path("summary").asText())
                            .contains("cmp02").containsIgnoringCase("refused"));
            assertThat(LabLive.findings(report, "containers.exited", "OK")).extracting(LabLive::subject)
                    .contains("ctl01", "cmp01", "stor01");
        } finally {
            lab.run("up", null); // starts what is not running
        }
    }

    @Test
    void aHostWhoseSshdHangsErrorsWithinItsDeadline() throws Exception {
        String pid = pid("sshd-cmp01");
        signal("STOP", pid);
        try {
            Instant start = Instant.now();
            JsonNode report = lab.check("--only", "containers.exited");
            Duration took = Duration.between(start, Instant.now());
            assertThat(LabLive.findings(report, "containers.exited", "ERROR")).singleElement()
                    .satisfies(f -> assertThat(LabLive.subject(f) + " " + f.path("summary").asText()).contains("cmp01")
                            .contains("no answer within 10 s"));
            assertThat(LabLive.findings(report, "containers.exited", "OK")).extracting(LabLive::subject)
                    .contains("ctl01", "cmp02", "stor01");
            // bounded by the 10 s connect deadline, far below the sweep's 60 s: a hang does not hold the sweep
            assertThat(took).isLessThan(Duration.ofSeconds(40));
        } finally {
            signal("CONT", pid);
        }
    }

    @Test
    void keystoneHangingErrorsTheCloudChecksWithinTheDeadlineAndTheHostChecksStillRun() throws Exception {
        signalAll("STOP", "keystone-wsgi-public");
        try {
            Instant start = Instant.now();
            JsonNode report = lab.check("--only", "neutron.stale-floating-ips,containers.exited", "--deadline", "50");
            Duration took = Duration.between(start, Instant.now());
            assertThat(LabLive.findings(report, "neutron.stale-floating-ips", "ERROR")).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.path("summary").asText()).containsIgnoringCase("keystone"));
            assertThat(LabLive.findings(report, "containers.exited", "OK")).hasSize(4);
            assertThat(took).isLessThan(Duration.ofSeconds(55));
        } finally {
            signalAll("CONT", "keystone-wsgi-public");
        }
    }

    private static String pid(String daemon) throws Exception {
        String line = Files.readString(lab.out.resolve("state/run/" + daemon + ".pid")).strip();
        return line.split("\\s+")[0];
    }

    private static void signal(String signal, String pid) throws Exception {
        exec("kill", "-" + signal, pid);
    }

    /** Every process whose command line names {@code pattern} (uwsgi's master and its workers). */
    private static void signalAll(String signal, String pattern) throws Exception {
        exec("pkill", "-" + signal, "-f", pattern);
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }
}
