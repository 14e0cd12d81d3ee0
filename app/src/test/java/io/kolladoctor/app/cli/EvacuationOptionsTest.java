package io.kolladoctor.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.app.UsageException;
import io.kolladoctor.fixes.evacuation.Evacuation;
import io.kolladoctor.fixes.evacuation.UmhaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The one option set behind {@code kolla-doctor evacuate} and the console's {@code :evacuate}. */
class EvacuationOptionsTest {

    @TempDir
    Path tmp;

    @Test
    void theCommandAndTheConsoleParseTheSameOptionsIntoTheSameRequest() {
        EvacuateCommand command = new EvacuateCommand();
        new CommandLine(command).parseArgs("cmp01", "--target", "cmp03", "--concurrency", "5", "--probe-interval", "7");
        Evacuation.Request cli = command.evacuation.request(command.host, true, EvacuationOptions.DEFAULT_PROBE_INTERVAL);
        EvacuationOptions.Parsed console = EvacuationOptions.parseConsole("cmp01 --target cmp03 --concurrency 5 --probe-interval 7");
        assertThat(console.options().request(console.host(), true, Duration.ZERO)).isEqualTo(cli)
                .isEqualTo(new Evacuation.Request("cmp01", true, false, "cmp03", false, 5, Duration.ofSeconds(7)));

        List<String> commandOptions = new CommandLine(new EvacuateCommand()).getCommandSpec().options().stream()
                .map(OptionSpec::longestName).toList();
        List<String> consoleOptions = EvacuationOptions.consoleUsage().stream().map(u -> u[0].split(" ")[0]).toList();
        assertThat(consoleOptions).containsExactlyInAnyOrder("--cleanup", "--umha-conf", "--target", "--scheduler",
                "--concurrency", "--host-is-off", "--probe-interval", "--timeout");
        assertThat(commandOptions).containsAll(consoleOptions);
    }

    @Test
    void defaultsAreTheWizardsOldOnes() {
        EvacuationOptions defaults = EvacuationOptions.parseConsole("cmp01").options();
        assertThat(defaults.request("cmp01", false, Duration.ofMillis(5)))
                .isEqualTo(new Evacuation.Request("cmp01", false, false, null, false, 3, Duration.ofMillis(5)))
                .isEqualTo(EvacuationOptions.defaults().request("cmp01", false, Duration.ofMillis(5)));
        assertThat(defaults.umhaConf()).isEqualTo(UmhaConfig.STANDARD);
        assertThat(defaults.cleanup()).isFalse();
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(defaults.describe()).isEmpty();
    }

    @Test
    void quotesKeepSpacesAndHostIsOffCleanupAndConfAreRead() throws Exception {
        Path conf = Files.writeString(tmp.resolve("my umha.conf"), "[DEFAULT]\n");
        EvacuationOptions.Parsed p = EvacuationOptions.parseConsole("  cmp01 --host-is-off cmp01 --umha-conf \"" + conf + "\"");
        assertThat(p.options().umhaConf()).isEqualTo(conf);
        assertThat(p.options().request("cmp01", true, Duration.ZERO).attestedOff()).isTrue();
        assertThat(p.options().describe()).isEqualTo("--umha-conf " + conf + " --host-is-off cmp01");
        EvacuationOptions.Parsed c = EvacuationOptions.parseConsole("cmp01 --cleanup --timeout 30");
        assertThat(c.options().cleanup()).isTrue();
        assertThat(c.options().timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void mistakesAreOneLineUsageErrors() {
        for (String[] bad : new String[][] {
                {"", "which host?"},
                {"cmp01 --target", "Missing required parameter for option '--target'"},
                {"cmp01 --bogus", "Unknown option: '--bogus'"},
                {"cmp01 cmp02", "Unmatched argument"},
                {"cmp01 --concurrency 0", "--concurrency: 1 to 20"},
                {"cmp01 --target cmp02 --scheduler", "--target and --scheduler contradict each other"},
                {"cmp01 --target cmp01", "--target cmp01 is the host being evacuated"},
                {"cmp01 --host-is-off cmp02", "--host-is-off names cmp02, not the host being evacuated (cmp01)"},
                {"cmp01 --cleanup --scheduler", "--cleanup brings cmp01 back: not with --scheduler"},
                {"cmp01 --umha-conf /nonexistent/umha.conf", "--umha-conf /nonexistent/umha.conf: no such file"},
                {"cmp01 --umha-conf 'unclosed", "a quote (') is not closed"}}) {
            assertThatThrownBy(() -> EvacuationOptions.parseConsole(bad[0])).as(bad[0]).isInstanceOf(UsageException.class)
                    .hasMessageContaining(bad[1]).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
