package io.kolladoctor.app.cli;

import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.live.LiveSource;
import io.kolladoctor.deployment.snapshot.SnapshotException;
import io.kolladoctor.fixes.AuditLog;
import io.kolladoctor.playbooks.DryRun;
import io.kolladoctor.playbooks.Journal;
import io.kolladoctor.playbooks.Playbook;
import io.kolladoctor.playbooks.PlaybookRunner;
import io.kolladoctor.playbooks.SourceTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kolla-doctor playbook run}: runs a playbook step by step against the deployment, journalled so that a run
 * cut short resumes where it stopped. As with {@code fix}, nothing changes unless the run is armed: without
 * {@code --arm}, fixes and commands not marked safe are shown and skipped.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a playbook step by step (resuming its unfinished run, if any).",
                "Exit code: 0 completed, 1 stopped (a 'stop', a no, no answer) or paused, 2 stopped on a failed step, "
                        + "64 usage error or invalid playbook."})
public final class PlaybookRunCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Parameters(paramLabel = "NAME|FILE", description = "A playbook's name (see 'playbook list'), or a playbook file.")
    String name;





    @Option(names = "--journal-dir", paramLabel = "DIR",
            description = "Where run journals are kept (default: $XDG_STATE_HOME/kolla-doctor/playbooks).")
    Path journalDir;

    @Option(names = "--fresh", description = "Start a new run even if an unfinished one exists (it is marked abandoned).")
    boolean fresh;


    @Mixin
    ArmOptions arming;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SnapshotException, IOException {
        arming.validate(source);
        PrintWriter out = spec.commandLine().getOut();
        Playbook playbook = PlaybookCommand.load(name, spec.commandLine().getErr());
        Path home = Path.of(System.getProperty("user.home"));
        Path journals = journalDir != null ? journalDir : Journal.standardDir(System.getenv(), home);
        try (FactSource facts = source.open()) {
            SourceTarget target = new SourceTarget(facts, facts instanceof LiveSource live ? live.actions() : null,
                    Duration.ofSeconds(60));
            if (arming.dryRun) {
                DryRun.show(playbook, target, journals, line -> {
                    out.println(line);
                    out.flush();
                });
                return 0;
            }
            AuditLog audit = arming.auditLog(Deployments.masker(new Facts(facts)));
            PlaybookRunner runner = new PlaybookRunner(target, arming.operator(out), audit,
                    new PlaybookRunner.Settings(arming.armed(), journals, fresh));
            PlaybookRunner.RunResult result = runner.run(playbook);
            out.println();
            out.println(result.end() + ": " + result.summary());
            if (result.skippedUnarmed() > 0) {
                out.println("Not armed: " + result.skippedUnarmed() + " step(s) that change things were shown and "
                        + "skipped. Run again with --arm to apply them.");
            }
            out.println("Journal: " + result.journal());
            out.flush();
            return switch (result.end()) {
                case COMPLETED -> 0;
                case STOPPED, PAUSED -> 1;
                case FAILED -> 2;
            };
        }
    }
}
