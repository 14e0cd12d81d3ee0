package io.kolladoctor.app;

import io.kolladoctor.app.cli.CheckCommand;
import io.kolladoctor.app.cli.CollectCommand;
import io.kolladoctor.app.cli.FixCommand;
import io.kolladoctor.app.cli.ChecksCommand;
import io.kolladoctor.app.cli.ExplainCommand;
import io.kolladoctor.app.cli.SourceOptions;
import io.kolladoctor.app.tui.TuiCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kolla-doctor}: the entry point. Logs go to a file (see {@link FileLogging}), never to the terminal. */
@Command(name = "kolla-doctor",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Troubleshooting console for OpenStack clouds deployed with Kolla, and the Kubernetes clusters Magnum builds on them.",
        subcommands = {TuiCommand.class, CheckCommand.class, CollectCommand.class, FixCommand.class, io.kolladoctor.app.cli.EvacuateCommand.class, io.kolladoctor.app.cli.PlaybookCommand.class, ChecksCommand.class, ExplainCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes of 'check' follow Nagios: 0 OK/INFO, 1 WARN, 2 FAIL, 3 ERROR without FAIL; 64 usage error."})
public final class Main implements Callable<Integer> {

    /** BSD sysexits' EX_USAGE: a wrong option or argument. */
    public static final int EXIT_USAGE = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SourceOptions source;

    @Override
    public Integer call() throws java.io.IOException {
        // No subcommand: the console, on a terminal; piped or redirected, the usage.
        if (!TuiCommand.interactive()) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
        return TuiCommand.open(source, -1, 60);
    }

    public static void main(String[] args) {
        FileLogging.install();
        System.exit(opensConsole(args) ? console().execute(consoleArgs(args)) : commandLine().execute(args));
    }

    /**
     * Every subcommand's name but the console's, read from the annotations (no picocli model): an argument that is
     * one of them is not for the console.
     */
    private static final java.util.Set<String> SUBCOMMANDS = subcommandNames();

    private static java.util.Set<String> subcommandNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Class<?> type : Main.class.getAnnotation(Command.class).subcommands()) {
            Command command = type.getAnnotation(Command.class);
            names.add(command.name());
            names.addAll(java.util.List.of(command.aliases()));
        }
        names.remove("tui");
        return java.util.Set.copyOf(names);
    }

    /**
     * Whether these arguments open the console ({@code kolla-doctor}, {@code kolla-doctor --demo},
     * {@code kolla-doctor tui …}) on a terminal. Then only the console's command is built: picocli's model of the
     * whole command tree costs a few hundred milliseconds of the first frame's half second.
     */
    static boolean opensConsole(String[] args) {
        return namesTheConsole(args) && TuiCommand.interactive();
    }

    /** No subcommand but the console's, no help or version asked for. */
    static boolean namesTheConsole(String[] args) {
        for (String arg : args) {
            if (SUBCOMMANDS.contains(arg) || arg.equals("-h") || arg.equals("--help") || arg.equals("-V")
                    || arg.equals("--version")) {
                return false;
            }
        }
        return true;
    }

    private static String[] consoleArgs(String[] args) {
        return args.length > 0 && args[0].equals("tui") ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
    }

    /** The console's command alone, with the same error handling as the whole tree. */
    static CommandLine console() {
        return handled(new CommandLine(new TuiCommand()).setCommandName("kolla-doctor"));
    }

    public static CommandLine commandLine() {
        return handled(new CommandLine(new Main()));
    }

    private static CommandLine handled(CommandLine cli) {
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("kolla-doctor: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, failed.getErr())) {
                failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            }
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, command, parseResult) -> {
            if (ex instanceof UsageException usage) {
                command.getErr().println("kolla-doctor: " + usage.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof io.kolladoctor.deployment.snapshot.SnapshotException unreadable) {
                command.getErr().println("kolla-doctor: " + unreadable.getMessage());
                return 3; // Nagios UNKNOWN: nothing could be checked
            }
            java.util.logging.Logger.getLogger(Main.class.getName()).log(java.util.logging.Level.SEVERE, "unexpected failure", ex);
            command.getErr().println("kolla-doctor: internal error: " + ex + " (details in " + FileLogging.logFile() + ")");
            return 3;
        });
        return cli;
    }
}
