package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code playbook list|show|validate|run} in-process, on the bundled runbooks and the demo deployment. */
class PlaybookCliTest {

    @TempDir
    Path dir;

    @Test
    void listsAndShowsTheBundledRunbooks() {
        Cli list = Cli.run("playbook", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("magnum-delete-failed", "ceph-osd-redeploy", "aodh-kubernetes-503",
                "heat-region-null", "nova-scheduler-exited", "compute-node-down", "6 playbook(s).");

        Cli evacuation = Cli.run("playbook", "show", "compute-node-down");
        assertThat(evacuation.exit()).as(evacuation.err()).isZero();
        assertThat(evacuation.out()).contains("1. evacuate [evacuate]", "evacuate the compute host whose nova-compute is down",
                "bring back the compute host whose nova-compute is down");

        Cli show = Cli.run("playbook", "show", "nova-scheduler-exited");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("2. rabbitmq [command] Is RabbitMQ healthy?",
                "$ every host of group rabbitmq: sudo sh -c 'docker inspect --format '\\''{{.State.Health.Status}}'\\'' rabbitmq | grep -qx healthy'");

        Cli missing = Cli.run("playbook", "show", "no-such-book");
        assertThat(missing.exit()).isEqualTo(64);
        assertThat(missing.err()).contains("no playbook 'no-such-book'");
    }

    @Test
    void validateGivesLineNumberedProblems() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad
                title: bad
                steps:
                  - id: a
                    check: containers.exited
                    on_fail: goto nowhere
                """);
        Cli r = Cli.run("playbook", "validate", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(bad + ":6:14: goto 'nowhere': no step has that id (steps: [a])");

        Cli run = Cli.run("playbook", "run", bad.toString(), "--demo");
        assertThat(run.exit()).isEqualTo(64);
        assertThat(run.err()).contains(":6:14: goto 'nowhere'", "is not valid (1 problem(s) above)");
    }

    @Test
    void dryRunShowsThePlansOfTheDemo() {
        Cli r = Cli.run("playbook", "run", "nova-scheduler-exited", "--demo", "--dry-run", "--journal-dir",
                dir.resolve("j").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Plan containers.exited/start for containers.exited on ctl2/nova_scheduler",
                "ctl2: docker start nova_scheduler", "hosts of group rabbitmq: ctl1, ctl2, ctl3",
                "Dry run: nothing was run or changed.");
        assertThat(dir.resolve("j")).doesNotExist();

        Cli armed = Cli.run("playbook", "run", "nova-scheduler-exited", "--demo", "--arm");
        assertThat(armed.exit()).isEqualTo(64);
        assertThat(armed.err()).contains("--arm changes a live deployment");
    }

    @Test
    void anUnarmedRunOnTheDemoSkipsTheFixAndStopsOnTheFailingCheck() throws IOException {
        Path book = Files.writeString(dir.resolve("demo-run.yaml"), """
                name: demo-run
                title: on the demo
                steps:
                  - {id: start, fix: containers.exited/start, subject: nova_scheduler}
                  - {id: look, check: containers.exited, subject: nova_scheduler}
                  - {id: never, note: not reached}
                """);
        Cli r = Cli.run("playbook", "run", book.toString(), "--demo", "--journal-dir", dir.resolve("j").toString(),
                "--audit-log", dir.resolve("audit.jsonl").toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).contains("→ skipped: not armed (--arm): 1 plan(s) shown, not applied",
                "FAIL ctl2/nova_scheduler", "FAILED: failed at step look",
                "Not armed: 1 step(s) that change things were shown and skipped.").doesNotContain("not reached");
        assertThat(dir.resolve("audit.jsonl")).doesNotExist();
    }
}
