package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nova-scheduler-exited runbook on the lab: with nova_scheduler really exited (lab/break A6) it checks
 * RabbitMQ's health on the rabbitmq group's hosts, applies the containers.exited fix, waits until the scheduler
 * stays up and completes; the check passes afterwards and the journal and audit log hold the run.
 */
class LabPlaybookIT {

    static LabLive lab;

    @BeforeAll
    static void lab() {
        lab = LabLive.require();
    }

    @Test
    void theNovaSchedulerRunbookHealsTheLab(@TempDir Path tmp) throws Exception {
        Path journals = tmp.resolve("journals");
        Path audit = tmp.resolve("audit.jsonl");
        lab.run("break", "A6");
        try {
            // "playbook" "run" and the lab's options, then the playbook and its options
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("playbook"));
            args.addAll(java.util.List.of(lab.args("run")));
            args.addAll(java.util.List.of("nova-scheduler-exited", "--arm", "--yes", "--fresh",
                    "--journal-dir", journals.toString(), "--audit-log", audit.toString()));
            Cli run = Cli.run(args.toArray(String[]::new));
            assertThat(run.out()).as(run.out() + run.err())
                    .contains("2. rabbitmq [command]").contains("docker start nova_scheduler")
                    .contains("COMPLETED");
            assertThat(run.exit()).isZero();
            assertThat(LabLive.findings(lab.check("--only", "containers.exited"), "containers.exited", "FAIL")).isEmpty();
            try (var files = Files.list(journals)) {
                assertThat(files.toList()).singleElement().satisfies(j -> assertThat(Files.readString(j)).contains("start"));
            }
            assertThat(Files.readString(audit)).contains("docker start nova_scheduler");
        } finally {
            lab.run("heal", "A6");
        }
    }
}
