package io.kolladoctor.app.tui;

import io.kolladoctor.app.report.TextReport;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.input.CharacterPattern;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.ansi.StreamBasedTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import io.kolladoctor.app.FileLogging;
import io.kolladoctor.app.Main;
import io.kolladoctor.app.cli.SourceOptions;
import io.kolladoctor.app.tui.data.Refresher;
import io.kolladoctor.checks.catalog.Catalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kolla-doctor tui} (and {@code kolla-doctor} with no command): the console. It needs a terminal on
 * stdin and stdout; it draws in the terminal's alternate screen and restores it on the way out, whatever
 * happens. While it runs, anything written to stdout or stderr by anyone else goes to the log instead of
 * tearing the screen.
 */
@Command(name = "tui", mixinStandardHelpOptions = true,
        description = {"Open the console on a deployment: findings worst first with their evidence, containers, pods, "
                + "OpenStack services, Magnum clusters, alarms. 'kolla-doctor' with no command does the same.",
                "Read-only unless fixes are armed (:arm or --arm, live only). Keys: ? help, / filter, : jump to a view, Enter detail, Esc back, r refresh, q quit."})
public final class TuiCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(TuiCommand.class.getName());

    @Mixin
    SourceOptions source;

    @Option(names = "--refresh", defaultValue = "-1", paramLabel = "SECONDS",
            description = "Re-run the sweep every SECONDS; 0: only when you press r (default: "
                    + LIVE_REFRESH_SECONDS + " on a live deployment, 0 on a snapshot, which never changes).")
    int refreshSeconds;

    /** A live deployment changes under the operator's eyes: refresh it on its own unless told otherwise. */
    static final int LIVE_REFRESH_SECONDS = 30;

    @Option(names = "--deadline", defaultValue = "60", paramLabel = "SECONDS",
            description = "Give up on checks still running after this many seconds (default: ${DEFAULT-VALUE}).")
    int deadlineSeconds;

    @Option(names = "--arm", description = "Arm fixes from the start (else :arm in the console): a plan's 'a' then "
            + "applies it after its confirmation, written to the audit log (live deployments only).")
    boolean arm;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (arm && !source.isLive()) {
            spec.commandLine().getErr().println("kolla-doctor: --arm changes a live deployment: not with --snapshot or --demo");
            return Main.EXIT_USAGE;
        }
        if (!interactive()) {
            spec.commandLine().getErr().println("kolla-doctor: the console needs a terminal (stdin and stdout are "
                    + "not both one); for a report use 'kolla-doctor check'");
            return Main.EXIT_USAGE;
        }
        return open(source, refreshSeconds, deadlineSeconds, arm);
    }

    /** Whether stdin and stdout are a terminal (see {@link TextReport#stdoutIsTerminal()}). */
    public static boolean interactive() {
        return TextReport.stdoutIsTerminal();
    }

    /** Runs the console on the source until the operator quits; 0 then. */
    public static int open(SourceOptions source, int refreshSeconds, int deadlineSeconds) throws IOException {
        return open(source, refreshSeconds, deadlineSeconds, false);
    }

    /** The same, with fixes armed from the start when {@code arm} (a live source only). */
    public static int open(SourceOptions source, int refreshSeconds, int deadlineSeconds, boolean arm) throws IOException {
        long t0 = System.nanoTime();
        Charset charset = Theme.outputCharset();
        Theme theme = Theme.detect(charset, System.getenv());
        PrintStream out = System.out;
        PrintStream err = System.err;
        Terminal terminal = new DefaultTerminalFactory(out, System.in, charset)
                .setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                .createTerminal();
        if (terminal instanceof StreamBasedTerminal stream) {
            stream.getInputDecoder().addProfile(() -> java.util.List.of(TuiCommand::escThenTabOrEnter));
        }
        TerminalScreen screen = new TerminalScreen(terminal);
        Refresher refresher = new Refresher(source::open, Catalog::all, Duration.ofSeconds(Math.max(1, deadlineSeconds)));
        PrintStream toLog = new PrintStream(new LogLines(), false, StandardCharsets.UTF_8);
        System.setOut(toLog);
        System.setErr(toLog);
        try {
            screen.startScreen();
            long terminalMillis = (System.nanoTime() - t0) / 1_000_000;
            LOG.info(() -> "console starting: " + sinceProcessStart() + " ms after the process started, "
                    + terminalMillis + " ms of them setting up the terminal");
            FixSession fixes = FixSession.standard();
            if (arm && source.isLive()) {
                fixes.arm();
            }
            Console console = new Console(screen, theme, refresher, FileLogging.logFile(), fixes);
            int every = refreshSeconds >= 0 ? refreshSeconds : source.isLive() ? LIVE_REFRESH_SECONDS : 0;
            refresher.every(Duration.ofSeconds(every));
            return console.run();
        } finally {
            try {
                screen.stopScreen();
            } finally {
                refresher.close();
                System.setOut(out);
                System.setErr(err);
            }
        }
    }

    /**
     * ESC then TAB (or CR), as a terminal sends Esc and Tab typed in quick succession: lanterna's own patterns drop
     * the pair; this reads it as Alt+Tab (Alt+Enter), which the console takes as Esc, then the key.
     */
    static CharacterPattern.Matching escThenTabOrEnter(java.util.List<Character> seq) {
        if (seq.isEmpty() || seq.get(0) != 0x1b) {
            return null;
        }
        if (seq.size() == 1) {
            return CharacterPattern.Matching.NOT_YET;
        }
        if (seq.size() == 2 && (seq.get(1) == '\t' || seq.get(1) == '\r')) {
            return new CharacterPattern.Matching(new KeyStroke(seq.get(1) == '\t' ? KeyType.Tab : KeyType.Enter, false, true, false));
        }
        return null;
    }

    /** Milliseconds since this process started (-1 when the OS does not say). */
    static long sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L);
    }

    /** Lines written to stdout/stderr while the console owns the terminal, sent to the log. */
    private static final class LogLines extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            LOG.log(Level.WARNING, "written to the terminal while the console ran: {0}", text);
        }
    }
}
