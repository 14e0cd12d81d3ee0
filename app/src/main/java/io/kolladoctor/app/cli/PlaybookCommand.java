package io.kolladoctor.app.cli;

import io.kolladoctor.app.UsageException;
import io.kolladoctor.playbooks.Parsed;
import io.kolladoctor.playbooks.Playbook;
import io.kolladoctor.playbooks.PlaybookLibrary;
import io.kolladoctor.playbooks.PlaybookStep;
import io.kolladoctor.playbooks.Problem;
import io.kolladoctor.playbooks.StepText;
import io.kolladoctor.playbooks.Vocabulary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kolla-doctor playbook}: runbooks — the bundled ones (from the failure catalog) and the operator's own in
 * {@code $XDG_CONFIG_HOME/kolla-doctor/playbooks/}. {@code list}, {@code show}, {@code validate} here;
 * {@code run} in {@link PlaybookRunCommand}.
 */
@Command(name = "playbook", mixinStandardHelpOptions = true,
        description = {"Runbooks: YAML playbooks of notes, checks, fixes, commands, questions and waits, run step by step "
                + "with a journal (an interrupted run resumes where it stopped)."},
        subcommands = {PlaybookCommand.ListPlaybooks.class, PlaybookCommand.Show.class, PlaybookCommand.Validate.class,
                PlaybookRunCommand.class})
public final class PlaybookCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static PlaybookLibrary library() {
        return new PlaybookLibrary(Vocabulary.standard(), List.of(
                PlaybookLibrary.userDir(System.getenv(), Path.of(System.getProperty("user.home")))));
    }

    /** The playbook of NAME or FILE; its problems printed and a usage error when it is not valid. */
    static Playbook load(String nameOrFile, PrintWriter err) throws IOException {
        PlaybookLibrary.Entry entry = library().find(nameOrFile).orElseThrow(() -> new UsageException(
                "no playbook '" + nameOrFile + "' (see 'kolla-doctor playbook list'; a file needs a path or .yaml)"));
        if (!entry.parsed().valid()) {
            entry.parsed().problems().forEach(p -> err.println(p));
            err.flush();
            throw new UsageException("playbook " + entry.origin() + " is not valid ("
                    + entry.parsed().problems().size() + " problem(s) above)");
        }
        return entry.parsed().playbook();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the playbooks: name, title, origin.")
    static final class ListPlaybooks implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<PlaybookLibrary.Entry> entries = library().list();
            int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(10);
            for (PlaybookLibrary.Entry e : entries) {
                Parsed parsed = e.parsed();
                out.printf("%-" + width + "s  %s%n", e.name(), parsed.valid() ? parsed.playbook().title()
                        : "INVALID: " + parsed.problems().size() + " problem(s); 'playbook validate " + e.origin() + "'");
                out.printf("%-" + width + "s  from %s%n", "", e.origin());
            }
            out.printf("%n%d playbook(s). 'kolla-doctor playbook show NAME' lists the steps; 'run NAME --dry-run' "
                    + "shows what a run would do.%n", entries.size());
            out.flush();
            return entries.stream().allMatch(e -> e.parsed().valid()) ? 0 : 1;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a playbook's steps.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME|FILE", description = "A playbook's name, or a playbook file.")
        String name;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Playbook playbook = load(name, spec.commandLine().getErr());
            out.println(playbook.name() + ": " + playbook.title());
            out.println("from " + playbook.origin());
            if (!playbook.description().isBlank()) {
                out.println();
                playbook.description().strip().lines().forEach(line -> out.println("  " + line));
            }
            int n = 1;
            for (PlaybookStep step : playbook.steps()) {
                out.println();
                out.println(StepText.heading(n++, step));
                StepText.body(step).forEach(line -> out.println("   " + line));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check playbook files: every problem as FILE:LINE:COLUMN: message.",
                    "Exit code: 0 all valid, 1 a file has problems."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE|NAME", arity = "1..*", description = "Playbook files (or names).")
        List<String> files;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            int bad = 0;
            for (String file : files) {
                PlaybookLibrary.Entry entry = library().find(file).orElseThrow(() -> new UsageException(
                        "no playbook file or name '" + file + "'"));
                List<Problem> problems = entry.parsed().problems();
                if (problems.isEmpty()) {
                    out.println(entry.origin() + ": valid (" + entry.parsed().playbook().steps().size() + " steps)");
                } else {
                    bad++;
                    problems.forEach(out::println);
                }
            }
            out.flush();
            return bad == 0 ? 0 : 1;
        }
    }
}
