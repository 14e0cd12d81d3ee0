package io.kolladoctor.dist;

import io.kolladoctor.app.FileLogging;
import io.kolladoctor.app.Main;
import java.util.List;

/**
 * The training run behind the bundle's AOT cache (JDK 25+) or AppCDS archive (JDK 21-24): runs, in one JVM,
 * what users start most, so the classes they load are archived. One JVM because a cache records one run.
 * Compiled and run by dist/build-bundle.sh only; it ships in the bundle solely so that the class path of the
 * training run and of every later run is the same (a condition of both archive kinds).
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
        System.out.flush();
    }
}
