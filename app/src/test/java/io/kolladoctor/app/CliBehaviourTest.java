package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliBehaviourTest {

    @Test
    void usageErrorsExit64WithAMessage() {
        Cli unknownOption = Cli.run("check", "--demo", "--frobnicate");
        assertThat(unknownOption.exit()).isEqualTo(64);
        assertThat(unknownOption.err()).contains("--frobnicate");

        Cli unknownCheck = Cli.run("check", "--demo", "--only", "no.such-check");
        assertThat(unknownCheck.exit()).isEqualTo(64);
        assertThat(unknownCheck.err()).contains("unknown check ID 'no.such-check'");

        Cli noSource = Cli.run("check");
        assertThat(noSource.exit()).isEqualTo(64);
        assertThat(noSource.err()).contains("no Kolla deployment here").contains("--inventory").contains("--demo").contains("--snapshot");

        assertThat(Cli.run("check", "--demo", "--format", "yaml").exit()).isEqualTo(64);
        assertThat(Cli.run("explain", "nope.nope").exit()).isEqualTo(64);
    }

    @Test
    void onlyAndExcludeSelectChecks() {
        Cli only = Cli.run("check", "--demo", "--only", "containers.exited", "--all");
        assertThat(only.out()).contains("containers.exited").doesNotContain("heat.region-null");
        Cli exclude = Cli.run("check", "--demo", "--exclude", "containers.exited", "--all");
        assertThat(exclude.out()).doesNotContain("containers.exited");
    }

    @Test
    void textHidesOkUnlessAll() {
        Cli brief = Cli.run("check", "--demo", "--only", "containers.exited");
        assertThat(brief.out()).doesNotContain("OK (").contains("OK and SKIP hidden");
        Cli all = Cli.run("check", "--demo", "--only", "containers.exited", "--all");
        assertThat(all.out()).contains("OK (5)");
    }

    @Test
    void catalogAndExplainDescribeChecks() {
        Cli checks = Cli.run("checks");
        assertThat(checks.exit()).isZero();
        assertThat(checks.out()).contains("containers.exited").contains("needs:");
        Cli explain = Cli.run("explain", "containers.exited");
        assertThat(explain.exit()).isZero();
        assertThat(explain.out()).contains("Symptom:").contains("Rule:").contains("Fix:").contains("docker start")
                .contains("incident write-up 001");
    }

    @Test
    void versionAndHelp() {
        Cli version = Cli.run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("kolla-doctor 0.1.0");
        assertThat(Cli.run("--help").out()).contains("check").contains("explain");
    }
}
