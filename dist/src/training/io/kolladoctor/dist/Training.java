package io.kolladoctor.dist;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.kolladoctor.app.FileLogging;
import io.kolladoctor.app.Main;
import io.kolladoctor.app.cli.SourceOptions;
import io.kolladoctor.app.tui.Console;
import io.kolladoctor.app.tui.Theme;
import io.kolladoctor.app.tui.data.Refresher;
import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.deployment.snapshot.SnapshotSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The training run behind the bundle's AOT cache (JDK 25+) or AppCDS archive (JDK 21-24): runs, in one JVM,
 * what users start most, so the classes they load are archived. One JVM because a cache records one run.
 * Compiled and run by dist/build-bundle.sh only; it ships in the bundle solely so that the class path of the
 * training run and of every later run is the same (a condition of both archive kinds).
 *
 * The console runs last, in a virtual terminal.
 *
 * <p>Exit codes 0-3 of {@code check} are verdicts (the demo has FAIL findings, so 2), not failures; anything
 * else, or {@code --help}/{@code --version} not returning 0, means the commands changed and the training no
 * longer covers them: the build stops.
 */
public final class Training {

    private record Run(List<String> args, int maxExit) {
    }

    private static final List<Run> RUNS = List.of(
            new Run(List.of("check", "--demo", "--format", "json"), 3),
            new Run(List.of("check", "--demo"), 3),
            new Run(List.of("--help"), 0),
            new Run(List.of("--version"), 0));

    private Training() {
    }

    public static void main(String[] args) {
        FileLogging.install();
        for (Run run : RUNS) {
            int exit = Main.commandLine().execute(run.args().toArray(String[]::new));
            if (exit < 0 || exit > run.maxExit()) {
                System.err.println("training: kolla-doctor " + String.join(" ", run.args()) + " exited " + exit);
                System.exit(70);
            }
        }
        console();
        System.out.flush();
    }

    /**
     * The console on the demo, in lanterna's virtual terminal (a build has no real one): its first frame, the
     * sweep, every view and a detail, so the classes of the first frame are archived too. Fails the build when
     * the console does not quit within a minute.
     */
    private static void console() {
        try {
            DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(120, 40));
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            try (Refresher refresher = new Refresher(() -> SnapshotSource.openResource(Main.class, SourceOptions.DEMO_RESOURCE),
                    Catalog::all, Duration.ofSeconds(60))) {
                Console console = new Console(screen, new Theme(true, true), refresher, null);
                CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                    try {
                        return console.run();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (refresher.state().sweep() == null && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                for (String keys : List.of("\n", "\u001b", ":overview\n", ":containers\n", "\n", "/AMQP\n", "\u001b\u001b",
                        ":pods\n", ":services\n", "\t", ":clusters\n", "\n", ":alarms\n", "?", "q")) {
                    for (char c : keys.toCharArray()) {
                        terminal.addInput(switch (c) {
                            case '\n' -> new KeyStroke(KeyType.Enter);
                            case '\u001b' -> new KeyStroke(KeyType.Escape);
                            case '\t' -> new KeyStroke(KeyType.Tab);
                            default -> new KeyStroke(c, false, false);
                        });
                    }
                    Thread.sleep(150);
                }
                exit.get(60, TimeUnit.SECONDS);
            }
            screen.stopScreen();
        } catch (Exception e) {
            System.err.println("training: the console on the demo failed: " + e);
            System.exit(70);
        }
    }
}
