package io.kolladoctor.app.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
 * refresh of lab/break A6, and goes back to running after lab/heal.
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
        String jar = System.getProperty("kd.app.jar", "target/kolla-doctor-app.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Files.isRegularFile(Path.of(jar)) ? List.of("-jar", jar)
                : List.of("-cp", System.getProperty("java.class.path"), "io.kolladoctor.app.Main"));
        command.addAll(List.of("tui", "--refresh", String.valueOf(REFRESH_SECONDS),
                "--kolla-dir", lab.resolve("out/kolla").toString(), "--known-hosts", lab.resolve("out/known_hosts").toString()));
        tmux = Tmux.start(120, 40, Map.of("LANG", "C.UTF-8", "XDG_STATE_HOME", state.toString(), "HOME", state.toString()),
                command);
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

    /** The container's row: the line naming its host and itself (the title also shows the filter text). */
    private static String row(String screen, String name) {
        return screen.lines().filter(l -> l.contains("ctl01") && l.contains(name)).findFirst().orElse("");
    }

    private static Path lab() {
        String configured = System.getProperty("kd.lab.dir");
        Path lab = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent().resolve("lab");
        if (!Files.isRegularFile(lab.resolve("out/kolla/multinode"))) {
            fail("the lab is not up (no " + lab.resolve("out/kolla/multinode") + "): run lab/up");
        }
        return lab;
    }

    private static void run(Path lab, String script, String id) throws Exception {
        Process p = new ProcessBuilder(lab.resolve(script).toString(), id).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail("lab/" + script + " " + id + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
    }
}
