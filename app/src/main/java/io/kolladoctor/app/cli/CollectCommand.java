package io.kolladoctor.app.cli;

import io.kolladoctor.app.UsageException;
import io.kolladoctor.app.Version;
import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.checks.sweep.Sweep;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.model.Host;
import io.kolladoctor.deployment.model.Topology;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.deployment.snapshot.Manifest;
import io.kolladoctor.deployment.snapshot.RecordingSource;
import io.kolladoctor.deployment.snapshot.SnapshotException;
import io.kolladoctor.deployment.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kolla-doctor collect}: gathers every fact the checks read — by running a sweep through a recording source,
 * so the snapshot holds exactly what {@code check} reads, dependent requests included — and writes it, secrets
 * masked, with a manifest of what failed. Progress goes to stderr.
 */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Write a snapshot of the deployment (live by default) for 'check --snapshot', a colleague or a "
                + "bug report. Secrets are masked; manifest.json lists what could not be collected and why.",
                "Exit code: 0 written, 1 written but some sources failed, 3 nothing could be written."})
public final class CollectCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.tar.gz|DIR",
            description = "Where to write (default: kolla-doctor-<name>-<UTC time>.tar.gz here). A directory must be "
                    + "new or empty.")
    Path output;

    @Option(names = "--deadline", defaultValue = "120", paramLabel = "SECONDS",
            description = "Give up on sources still answering after this many seconds (default: ${DEFAULT-VALUE}).")
    int deadlineSeconds;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SnapshotException, IOException {
        PrintWriter err = spec.commandLine().getErr();
        Instant started = Instant.now();
        try (FactSource live = source.open()) {
            RecordingSource recording = new RecordingSource(live, (outcome, count) -> {
                if (!quiet) {
                    String what = outcome.failure() == null ? "ok" : outcome.failure().kind().name().toLowerCase();
                    synchronized (err) {
                        err.printf("collect: %4d %-6s %s%n", count, what, outcome.request().describe());
                        err.flush();
                    }
                }
            });
            Facts facts = new Facts(recording);
            new Sweep(Duration.ofSeconds(Math.max(1, deadlineSeconds))).run(facts, Catalog.all());
            SecretMasker masker = Deployments.masker(facts);
            Topology topology = live.topology();
            Path target = output != null ? output : defaultTarget(topology.name(), started);
            SnapshotWriter.Summary summary = SnapshotWriter.write(target,
                    new Manifest.Origin("collect", "kolla-doctor " + Version.current(), localHost(), live.describe()),
                    new Manifest.DeploymentInfo(topology.name(), topology.cloud(), List.copyOf(topology.kubernetes().keySet()),
                            Map.copyOf(topology.kubernetes())),
                    extraHosts(topology), recording.outcomes(), masker, started);
            err.printf("collect: wrote %s: %d files (%d KiB), %d failed, %d absent, in %.1f s%n", summary.target(),
                    summary.files(), summary.bytes() / 1024, summary.failed(), summary.absent(),
                    Duration.between(started, Instant.now()).toMillis() / 1000.0);
            if (summary.failed() > 0) {
                err.println("collect: the failures and their reasons are in manifest.json (status \"failed\")");
            }
            err.flush();
            return summary.failed() > 0 ? 1 : 0;
        } catch (IOException e) {
            throw new UsageException("cannot write the snapshot: " + e.getMessage());
        }
    }

    private static List<Manifest.ExtraHost> extraHosts(Topology topology) {
        List<Manifest.ExtraHost> hosts = new ArrayList<>();
        for (Host h : topology.extraHosts()) {
            hosts.add(new Manifest.ExtraHost(h.name(), h.address(), List.copyOf(h.groups()), h.vars().get("magnum_cluster")));
        }
        return hosts;
    }

    private static Path defaultTarget(String name, Instant when) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(when);
        return Path.of("kolla-doctor-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + stamp + ".tar.gz");
    }

    private static String localHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }
}
