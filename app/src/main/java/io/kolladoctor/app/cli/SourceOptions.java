package io.kolladoctor.app.cli;

import io.kolladoctor.app.Main;
import io.kolladoctor.app.UsageException;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.live.LiveConfig;
import io.kolladoctor.deployment.live.LiveSource;
import io.kolladoctor.deployment.live.host.HostAccessOptions;
import io.kolladoctor.deployment.live.host.HostKeyPolicy;
import io.kolladoctor.deployment.live.kubernetes.KubeFetcher;
import io.kolladoctor.deployment.parse.MalformedException;
import io.kolladoctor.deployment.snapshot.SnapshotException;
import io.kolladoctor.deployment.snapshot.SnapshotSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Which deployment to look at: the live one in front of the operator (the default), a snapshot, or the bundled
 * demo. The live options only add to what the standard files say (inventory, /etc/kolla, clouds.yaml / OS_* /
 * admin-openrc.sh, kubeconfig, ~/.ssh/config and known_hosts).
 */
public final class SourceOptions {

    /** The demo snapshot shipped inside the app (packed from app/src/demo at build time). */
    public static final String DEMO_RESOURCE = "/io/kolladoctor/app/demo.tar.gz";

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    static final class Choice {
        @Option(names = "--snapshot", paramLabel = "DIR|FILE",
                description = "Read facts from a snapshot directory or .tar.gz (see docs/snapshot.md).")
        Path snapshot;

        @Option(names = "--demo", description = "Use the bundled demo deployment.")
        boolean demo;
    }

    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE",
            description = "Live: the Kolla-Ansible inventory (default: multinode, inventory or all-in-one in the "
                    + "Kolla directory, then in the working directory).")
    Path inventory;

    @Option(names = "--kolla-dir", paramLabel = "DIR",
            description = "Live: Kolla's configuration directory with globals.yml, passwords.yml, admin-openrc.sh "
                    + "(default: /etc/kolla).")
    Path kollaDir;

    @Option(names = "--os-cloud", paramLabel = "NAME",
            description = "Live: the cloud of clouds.yaml to use (default: OS_CLOUD, else OS_* variables, else "
                    + "admin-openrc.sh of the Kolla directory).")
    String osCloud;

    @Option(names = "--kubeconfig", paramLabel = "FILE", split = ":",
            description = "Live: kubeconfig files (default: KUBECONFIG, else ~/.kube/config).")
    List<Path> kubeconfigs;

    @Option(names = "--known-hosts", paramLabel = "FILE", split = ",",
            description = "Live: extra known_hosts files, consulted before ~/.ssh/known_hosts.")
    List<Path> knownHosts;

    @Option(names = "--host-keys", paramLabel = "POLICY",
            description = "Live: strict (default: refuse unknown and changed host keys), accept-new (accept unknown, "
                    + "refuse changed) or accept-any (no verification; only on a network you trust).")
    String hostKeys;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Live: kolla-doctor's own settings (default: ~/.config/kolla-doctor/config.yaml).")
    Path config;

    public boolean isLive() {
        return choice == null || (!choice.demo && choice.snapshot == null);
    }

    public FactSource open() throws SnapshotException {
        if (isLive()) {
            return new LiveSource(liveOptions());
        }
        if (choice.demo) {
            return SnapshotSource.openResource(Main.class, DEMO_RESOURCE);
        }
        return SnapshotSource.open(choice.snapshot);
    }

    LiveSource.Options liveOptions() {
        LiveConfig settings;
        try {
            settings = LiveConfig.load(config != null ? config
                    : LiveConfig.standardPath(System.getenv(), Path.of(System.getProperty("user.home"))));
        } catch (MalformedException e) {
            throw new UsageException("kolla-doctor configuration: " + e.getMessage());
        }
        if (config != null && !config.toFile().isFile()) {
            throw new UsageException("--config " + config + ": no such file");
        }
        if (inventory != null && !inventory.toFile().isFile()) {
            throw new UsageException("--inventory " + inventory + ": no such file");
        }
        LiveSource.Options standard = LiveSource.standard(kollaDir, inventory, osCloud, settings);
        if (standard.kolla().findInventory(standard.workingDir()).isEmpty()) {
            // not on a Kolla deploy host (or the inventory lives elsewhere): say so once, not as one ERROR per check
            throw new UsageException("no Kolla deployment here: no Kolla-Ansible inventory in "
                    + standard.kolla().inventoryCandidates(standard.workingDir()) + "; give --inventory FILE (and "
                    + "--kolla-dir DIR when globals.yml is not in /etc/kolla), or read --snapshot DIR|FILE or --demo");
        }
        HostAccessOptions hosts = standard.hosts();
        if (knownHosts != null) {
            hosts = hosts.withKnownHostsFiles(knownHosts);
        }
        if (hostKeys != null) {
            hosts = hosts.withHostKeyPolicy(switch (hostKeys) {
                case "strict" -> HostKeyPolicy.STRICT;
                case "accept-new" -> HostKeyPolicy.ACCEPT_NEW;
                case "accept-any" -> HostKeyPolicy.ACCEPT_ANY;
                default -> throw new UsageException("--host-keys: expected strict, accept-new or accept-any, not '"
                        + hostKeys + "'");
            });
        }
        KubeFetcher.Options kube = standard.kube();
        if (kubeconfigs != null) {
            kube = new KubeFetcher.Options(new ArrayList<>(kubeconfigs), kube.connectTimeout(), kube.requestTimeout());
        }
        return new LiveSource.Options(standard.kolla(), standard.workingDir(), standard.credentials(), hosts,
                standard.cloud(), kube, settings);
    }
}
