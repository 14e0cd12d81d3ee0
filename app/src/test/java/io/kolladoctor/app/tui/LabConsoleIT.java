package io.kolladoctor.app.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console on the live lab, in a real terminal (tmux): an exited container shows in Containers within one
 * refresh of lab/break A6, and goes back to running after lab/heal; and its fix, applied from the console the way an
 * operator would (finding, f, a refused while disarmed, A, a, y), starts it again, verified by the check, the lab
 * and the audit log.
 */
class LabConsoleIT {

    /** Long enough that the screen rests between sweeps (the header's spinner moves while one runs). */
    private static final int REFRESH_SECONDS = 20;
    private Tmux tmux;

    @AfterEach
    void close() {
        if (tmux != null) {
            tmux.close();
        }
    }

    @Test
    void anExitedContainerAppearsWithinOneRefresh(@TempDir Path state) throws Exception {
        assertThat(Tmux.available()).as("tmux").isTrue();
        Path lab = lab();
        tmux = console(lab, state);
        tmux.await("the first live sweep", s -> s.contains("swept "), 120);
        tmux.type(":containers");
        tmux.keys("Enter");
        tmux.type("/nova_scheduler");
        tmux.keys("Enter");
        tmux.await("nova_scheduler running", s -> row(s, "nova_scheduler").contains("running"), 60);

        run(lab, "break", "A6");
        try {
            // one refresh period plus a sweep of the lab
            tmux.await("nova_scheduler exited", s -> row(s, "nova_scheduler").contains("exited"), 2 * REFRESH_SECONDS + 60);
        } finally {
            run(lab, "heal", "A6");
        }
        tmux.await("nova_scheduler running again", s -> row(s, "nova_scheduler").contains("running"), 2 * REFRESH_SECONDS + 60);
        tmux.keys("q");
        tmux.await("a clean exit", s -> s.contains("KD-EXIT=0"), 20);
    }

    /**
     * The fix path as an operator walks it, on the live lab: lab/break A6, then in the console's Findings the
     * containers.exited finding of ctl01/nova_scheduler ({@code /}), its detail (Enter), its plan ({@code f}): docker
     * start on ctl01. Disarmed, {@code a} is refused and the container stays exited; armed ({@code A}, y), {@code a}
     * and y apply the plan and the dialog ends VERIFIED. Then the lab (ssh to ctl01, not the console) runs
     * nova_scheduler again, the audit log under the session's XDG state dir holds the docker start step, done, and
     * {@code :audit} lists it.
     */
    @Test
    void theFixOfAnExitedContainerAppliesOnlyOnceArmedAndIsVerified(@TempDir Path state) throws Exception {
        assertThat(Tmux.available()).as("tmux").isTrue();
        Path lab = awaitLab();
        // StateDirectory: $XDG_STATE_HOME/kolla-doctor; AuditLog: audit.jsonl in it
        Path audit = state.resolve("kolla-doctor").resolve("audit.jsonl");
        String subject = "ctl01/nova_scheduler";
        long start = System.nanoTime();
        run(lab, "break", "A6");
        try {
            assertThat(containerState(lab, "ctl01", "nova_scheduler")).as("nova_scheduler after lab/break A6").isEqualTo("exited");
            tmux = console(lab, state);
            tmux.await("the first live sweep", s -> s.contains("swept "), 180);
            lap("first sweep", start);

            // the title shows the filter too: it names nova_scheduler, not ctl01, so row() finds the finding's row
            tmux.type("/containers.exited.+nova_scheduler");
            tmux.keys("Enter");
            String finding = row(String.join("\n", tmux.await("the containers.exited finding of " + subject,
                    s -> row(s, "nova_scheduler").contains(subject), 60)), "nova_scheduler");
            assertThat(finding).contains("FAIL").contains("containers.exited");
            tmux.keys("Enter");
            tmux.await("the finding's detail", s -> s.contains("containers.exited  " + subject) && s.contains("<f> fix plan"), 30);
            tmux.keys("f");
            tmux.await("the plan, disarmed", s -> s.contains("Plan containers.exited/start for containers.exited on " + subject)
                    && s.contains("ctl01: docker start nova_scheduler") && s.contains("Disarmed: the console is read-only"), 60);

            tmux.keys("a");
            tmux.await("the refusal", s -> s.contains("fixes are disarmed: nothing was changed"), 30);
            Thread.sleep(5_000); // time enough for a docker start that should not have happened
            assertThat(containerState(lab, "ctl01", "nova_scheduler")).as("nova_scheduler after a disarmed a").isEqualTo("exited");
            assertThat(audit).as("no audit line while disarmed").doesNotExist();
            assertThat(String.join("\n", tmux.screen())).doesNotContain("Applying ").doesNotContain("applying ");

            tmux.keys("A");
            tmux.await("the arming question", s -> s.contains("Arm fixes for this session?") && s.contains("y/N"), 30);
            tmux.keys("y");
            tmux.await("ARMED", s -> s.lines().findFirst().orElse("").contains("ARMED")
                    && s.contains("ARMED: a applies the plan after a yes (risk DISRUPTIVE)"), 30);
            tmux.keys("a");
            tmux.await("the confirmation", s -> s.contains("Apply these 2 step(s) to " + subject + "?") && s.contains("y/N"), 30);
            long applied = System.nanoTime();
            tmux.keys("y");
            String verdict = String.join("\n", tmux.await("the fix's verdict",
                    s -> s.matches("(?s).*(VERIFIED|NOT HEALED|FAILED|NOT APPLIED): .*"), 300));
            lap("apply to verdict", applied);
            assertThat(verdict).contains("VERIFIED: containers.exited no longer finds anything wrong with " + subject)
                    .contains("ctl01: docker start nova_scheduler").contains("done: exit 0").contains("done: the check passes");

            // the lab, not the console
            assertThat(containerState(lab, "ctl01", "nova_scheduler")).as("nova_scheduler after the fix").isEqualTo("running");
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(audit)) {
                lines.add(Json.parse(line));
            }
            assertThat(lines).extracting(j -> j.path("event").asText() + ":" + j.path("result").asText())
                    .containsExactly("confirmed:ok", "step:done", "step:done", "verified:healed");
            assertThat(lines).allSatisfy(j -> assertThat(j.path("fix").asText() + " " + j.path("subject").asText())
                    .isEqualTo("containers.exited/start " + subject));
            assertThat(lines).filteredOn(j -> j.path("operation").asText().equals("ctl01: docker start nova_scheduler"))
                    .singleElement().satisfies(j -> assertThat(j.path("event").asText() + ":" + j.path("result").asText())
                            .isEqualTo("step:done"));

            tmux.type(":audit");
            tmux.keys("Enter");
            tmux.await("the audit log", s -> s.contains("Audit log [4]"), 30);
            tmux.type("/docker start");
            tmux.keys("Enter");
            tmux.await("the docker start entry", s -> s.contains("Audit log [1 of 4]")
                    && row(s, "containers.exited/start").contains("step") && row(s, "containers.exited/start").contains("done"), 30);
            tmux.keys("Enter");
            tmux.await("the entry in full", s -> s.contains("ctl01: docker start nova_scheduler")
                    && s.matches("(?s).*Result +done.*") && s.matches("(?s).*Event +step.*"), 30);

            tmux.keys("q");
            tmux.await("a clean exit", s -> s.contains("KD-EXIT=0"), 30);
            lap("whole test", start);
        } finally {
            run(lab, "heal", "A6");
        }
    }

    /** The console on the lab, as an operator starts it (state and home in {@code state}), in a 120x40 terminal. */
    private static Tmux console(Path lab, Path state) throws Exception {
        String jar = System.getProperty("kd.app.jar", "target/kolla-doctor-app.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Files.isRegularFile(Path.of(jar)) ? List.of("-jar", jar)
                : List.of("-cp", System.getProperty("java.class.path"), "io.kolladoctor.app.Main"));
        command.addAll(List.of("tui", "--refresh", String.valueOf(REFRESH_SECONDS),
                "--kolla-dir", lab.resolve("out/kolla").toString(), "--known-hosts", lab.resolve("out/known_hosts").toString()));
        return Tmux.start(120, 40, Map.of("LANG", "C.UTF-8", "XDG_STATE_HOME", state.toString(), "HOME", state.toString()),
                command);
    }

    /** The container's row: the line naming its host and itself (the title also shows the filter text). */
    private static String row(String screen, String name) {
        return screen.lines().filter(l -> l.contains("ctl01") && l.contains(name)).findFirst().orElse("");
    }

    private static Path lab() {
        Path lab = labDir();
        if (!Files.isRegularFile(lab.resolve("out/kolla/multinode"))) {
            fail("the lab is not up (no " + lab.resolve("out/kolla/multinode") + "): run lab/up");
        }
        return lab;
    }

    private static Path labDir() {
        String configured = System.getProperty("kd.lab.dir");
        return configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent().resolve("lab");
    }

    /** {@link #lab()} once lab/status succeeds: the lab may still be coming up (at most 5 minutes). */
    private static Path awaitLab() throws Exception {
        Path lab = labDir();
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        String status = "(lab/status not run: no lab/out/kolla/multinode yet)";
        while (true) {
            if (Files.isRegularFile(lab.resolve("out/kolla/multinode"))) {
                Process p = new ProcessBuilder(lab.resolve("status").toString()).redirectErrorStream(true).start();
                status = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0) {
                    return lab();
                }
            }
            if (System.nanoTime() > until) {
                return fail("the lab is not up after 5 minutes (" + lab.resolve("out/kolla/multinode")
                        + (Files.isRegularFile(lab.resolve("out/kolla/multinode")) ? " exists" : " is missing")
                        + "); last lab/status:\n" + status);
            }
            Thread.sleep(10_000);
        }
    }

    /**
     * A container's state as its lab host's Docker engine reports it (ssh to the address lab/out/kolla/multinode
     * gives, with the lab's key and known_hosts): what the lab says, not what the console shows.
     */
    private static String containerState(Path lab, String host, String name) throws Exception {
        String address = Files.readAllLines(lab.resolve("out/kolla/multinode")).stream()
                .filter(l -> l.startsWith(host + " ") && l.contains("ansible_host="))
                .map(l -> l.replaceAll(".*\\bansible_host=(\\S+).*", "$1")).findFirst()
                .orElseThrow(() -> new AssertionError(host + " is not in " + lab.resolve("out/kolla/multinode")));
        Process p = new ProcessBuilder("ssh", "-i", lab.resolve("out/id_ed25519").toString(),
                "-o", "UserKnownHostsFile=" + lab.resolve("out/known_hosts"), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-o", "LogLevel=ERROR", "root@" + address,
                "docker inspect -f '{{.State.Status}}' " + name).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail("docker inspect " + name + " on " + host + " (" + address + ") failed:\n" + out);
        }
        return out;
    }

    private static void lap(String what, long since) {
        System.out.printf("LabConsoleIT: %s took %.1f s%n", what, (System.nanoTime() - since) / 1e9);
    }

    private static void run(Path lab, String script, String id) throws Exception {
        Process p = new ProcessBuilder(lab.resolve(script).toString(), id).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail("lab/" + script + " " + id + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
    }
}
