package io.kolladoctor.app.cli;

import io.kolladoctor.app.UsageException;
import io.kolladoctor.app.Version;
import io.kolladoctor.app.report.Exits;
import io.kolladoctor.app.report.JsonReport;
import io.kolladoctor.app.report.JunitReport;
import io.kolladoctor.app.report.TextReport;
import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.checks.sweep.Sweep;
import io.kolladoctor.checks.sweep.SweepResult;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.live.LiveSource;
import io.kolladoctor.deployment.snapshot.SnapshotException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kolla-doctor check}: one sweep, reported as text, JSON or JUnit XML, with a Nagios exit code. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Run the checks on a deployment and report the findings, worst first.",
                "Exit code: 0 nothing worse than OK/INFO, 1 WARN, 2 FAIL, 3 ERROR (without FAIL), 64 usage error."})
public final class CheckCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json, junit }

    @Mixin
    SourceOptions source;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Run only these checks.")
    List<String> only;

    @Option(names = "--exclude", split = ",", paramLabel = "ID", description = "Skip these checks.")
    List<String> exclude;

    @Option(names = "--format", defaultValue = "text", description = "text (default), json or junit.")
    Format format;

    @Option(names = "--all", description = "Text: also show OK and SKIP findings (JSON and JUnit always hold every finding).")
    boolean all;

    @Option(names = "--deadline", defaultValue = "60", paramLabel = "SECONDS",
            description = "Give up on checks still running after this many seconds (default: ${DEFAULT-VALUE}).")
    int deadlineSeconds;

    @Option(names = "--stats", description = "After the report, print on stderr what the sweep asked its sources "
            + "(requests per source, SSH connections).")
    boolean stats;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SnapshotException {
        List<Check> checks = selectedChecks();
        SweepResult result;
        String sourceStats;
        try (FactSource facts = source.open()) {
            result = new Sweep(Duration.ofSeconds(Math.max(1, deadlineSeconds))).run(new Facts(facts), checks);
            sourceStats = facts instanceof LiveSource live ? describe(live.counts()) : "snapshot: no live requests";
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> JsonReport.write(result, Version.current(), out);
            case junit -> JunitReport.write(result, checks, out);
            case text -> new TextReport(all, TextReport.colorWanted()).write(result, out);
        }
        out.flush();
        if (stats) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("stats: " + result.fetches() + " distinct fact requests in " + result.took().toMillis() + " ms; "
                    + sourceStats);
            err.flush();
        }
        return Exits.code(result.worst());
    }

    private static String describe(LiveSource.Counts c) {
        return "hosts " + c.hostRequests() + " requests over " + c.sshConnections() + " SSH connections, OpenStack "
                + c.cloudRequests() + " HTTP requests, Kubernetes " + c.kubeRequests() + " HTTP requests";
    }

    private List<Check> selectedChecks() {
        List<Check> catalog = Catalog.all();
        Set<String> known = new LinkedHashSet<>();
        catalog.forEach(c -> known.add(c.info().id()));
        for (List<String> ids : new List[] {only, exclude}) {
            if (ids != null) {
                for (String id : ids) {
                    if (!known.contains(id.strip())) {
                        throw new UsageException("unknown check ID '" + id + "' (list them with 'kolla-doctor checks')");
                    }
                }
            }
        }
        return catalog.stream()
                .filter(c -> only == null || only.stream().map(String::strip).anyMatch(c.info().id()::equals))
                .filter(c -> exclude == null || exclude.stream().map(String::strip).noneMatch(c.info().id()::equals))
                .toList();
    }
}
