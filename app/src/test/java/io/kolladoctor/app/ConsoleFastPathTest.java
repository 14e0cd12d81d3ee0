package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The console's own command line (built alone for a fast first frame) must take what the whole tree takes for it, and
 * leave everything else to the whole tree.
 */
class ConsoleFastPathTest {

    @Test
    void onlyConsoleArgumentsTakeTheFastPath() {
        assertThat(Main.namesTheConsole(new String[0])).isTrue();
        assertThat(Main.namesTheConsole(new String[] {"--demo"})).isTrue();
        assertThat(Main.namesTheConsole(new String[] {"tui", "--snapshot", "x.tar.gz", "--refresh", "5"})).isTrue();
        for (String other : new String[] {"check", "evacuate", "playbook", "fix", "collect", "checks", "explain", "help",
                "--help", "-h", "--version", "-V"}) {
            assertThat(Main.namesTheConsole(new String[] {"--demo", other})).as(other).isFalse();
        }
        for (String subcommand : Main.commandLine().getSubcommands().keySet()) {
            assertThat(Main.namesTheConsole(new String[] {subcommand})).as(subcommand).isEqualTo(subcommand.equals("tui"));
        }
    }

    @Test
    void theConsoleCommandAloneKnowsEveryOptionTheTreeGivesTheConsole() {
        CommandLine whole = Main.commandLine();
        CommandLine console = Main.console();
        for (String option : whole.getCommandSpec().options().stream().flatMap(o -> java.util.Arrays.stream(o.names()))
                .toList()) {
            assertThat(console.getCommandSpec().findOption(option)).as(option).isNotNull();
        }
        for (String option : whole.getSubcommands().get("tui").getCommandSpec().options().stream()
                .flatMap(o -> java.util.Arrays.stream(o.names())).toList()) {
            assertThat(console.getCommandSpec().findOption(option)).as(option).isNotNull();
        }
    }

    @Test
    void aWrongOptionIsAUsageErrorNamedAsKollaDoctor() {
        StringWriter err = new StringWriter();
        CommandLine console = Main.console();
        console.setErr(new PrintWriter(err));
        assertThat(console.execute("--no-such-option")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("kolla-doctor: Unknown option: '--no-such-option'").contains("kolla-doctor --help");
    }
}
