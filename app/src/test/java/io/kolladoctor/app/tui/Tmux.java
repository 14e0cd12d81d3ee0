package io.kolladoctor.app.tui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for the console: a detached tmux session on a private server socket (no user config), driven
 * with {@code send-keys} and read with {@code capture-pane}, in a UTF-8 locale so wide characters come back as
 * they were drawn.
 */
final class Tmux implements AutoCloseable {

    private final String socket = "kd-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final String session = "console";

    static boolean available() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts {@code command} (run by sh) in a cols x rows window; the pane stays after it exits. */
    static Tmux start(int cols, int rows, Map<String, String> env, List<String> command) throws IOException {
        Tmux t = new Tmux();
        StringBuilder line = new StringBuilder("env");
        env.forEach((k, v) -> line.append(' ').append(k).append('=').append(quote(v)));
        command.forEach(part -> line.append(' ').append(quote(part)));
        line.append("; echo KD-EXIT=$?; sleep 600");
        t.tmux("new-session", "-d", "-s", t.session, "-x", String.valueOf(cols), "-y", String.valueOf(rows), line.toString());
        t.tmux("set-option", "-t", t.session, "remain-on-exit", "on");
        return t;
    }

    void keys(String... keys) throws IOException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Types text literally (no key names). */
    void type(String text) throws IOException {
        tmux("send-keys", "-t", session, "-l", text);
    }

    void resize(int cols, int rows) throws IOException {
        tmux("resize-window", "-t", session, "-x", String.valueOf(cols), "-y", String.valueOf(rows));
    }

    /** The pane's text, one string per row. */
    List<String> screen() throws IOException {
        return tmux("capture-pane", "-p", "-t", session).lines().toList();
    }

    /** The pane with its SGR attributes as escape sequences. */
    String screenWithAttributes() throws IOException {
        return tmux("capture-pane", "-p", "-e", "-t", session);
    }

    /** Polls the pane until {@code done} holds; fails with the last screen. */
    List<String> await(String what, Predicate<String> done, int seconds) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> rows = screen();
        while (System.nanoTime() < until) {
            List<String> before = rows;
            Thread.sleep(250);
            rows = screen();
            // the same screen twice in a row: not a frame caught half drawn
            if (rows.equals(before) && done.test(String.join("\n", rows))) {
                return rows;
            }
        }
        throw new AssertionError("the terminal never showed " + what + " within " + seconds + " s:\n" + String.join("\n", rows));
    }

    private String tmux(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().remove("TMUX");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        try {
            tmux("kill-server");
        } catch (IOException e) {
            // already gone
        }
    }

    /** A temporary XDG state directory for one run's log. */
    static Path logOf(Path state) {
        return state.resolve("kolla-doctor").resolve("kolla-doctor.log");
    }
}
