package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The running lab (started by lab/up, never by these tests) as kolla-doctor sees it from the deploy host: lab/out/kolla
 * is its /etc/kolla (globals.yml, passwords.yml, admin-openrc.sh, multinode), lab/out/known_hosts its hosts' keys.
 * lab/break and lab/heal make and undo the catalog's failures for real.
 */
final class LabLive {

    final Path lab;
    final Path out;

    private LabLive(Path lab) {
        this.lab = lab;
        this.out = lab.resolve("out");
    }

    static LabLive require() {
        Path lab = locate();
        if (lab == null || !Files.isRegularFile(lab.resolve("out/kolla/multinode"))) {
            fail("the lab is not up (no lab/out/kolla/multinode under " + lab + "): run lab/up, check lab/status");
        }
        if (!reachable("172.29.0.11", 5000)) {
            fail("the lab is not up: Keystone (172.29.0.11:5000) does not answer; check lab/status");
        }
        return new LabLive(lab);
    }

    private static Path locate() {
        String configured = System.getProperty("kd.lab.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("lab/up"))) {
                return p.resolve("lab");
            }
        }
        return null;
    }

    private static boolean reachable(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The options that point kolla-doctor at the lab, then {@code args}. */
    String[] args(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--kolla-dir", out.resolve("kolla").toString(),
                "--known-hosts", out.resolve("known_hosts").toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** {@code check --format json} on the live lab. */
    JsonNode check(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--format", "json"));
        all.addAll(List.of(args));
        Cli r = Cli.run(args("check", all.toArray(String[]::new)));
        assertThat(r.err()).as("stderr of check").isEmpty();
        return Json.parse(r.out());
    }

    /** lab/break ID, lab/heal ID or lab/up (id null); fails the test when the script does. */
    void run(String script, String id) throws Exception {
        List<String> command = new ArrayList<>(List.of(lab.resolve(script).toString()));
        if (id != null) {
            command.add(id);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail("lab/" + script + " " + (id == null ? "" : id) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
    }

    /** Every secret the lab created (lab/out/secrets.txt), for the leak scans. */
    List<String> secrets() throws IOException {
        return Files.readAllLines(out.resolve("secrets.txt")).stream().map(String::strip)
                .filter(s -> s.length() >= 6).toList();
    }

    static List<JsonNode> findings(JsonNode report, String check, String status) {
        List<JsonNode> found = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if ((check == null || f.path("check").asText().equals(check)) && f.path("status").asText().equals(status)) {
                found.add(f);
            }
        });
        return found;
    }

    static String subject(JsonNode finding) {
        JsonNode s = finding.path("subject");
        return (s.path("host").isNull() || s.path("host").isMissingNode() ? "" : s.path("host").asText() + "/")
                + s.path("name").asText();
    }
}
