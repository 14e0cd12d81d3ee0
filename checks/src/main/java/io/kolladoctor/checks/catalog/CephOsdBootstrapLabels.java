package io.kolladoctor.checks.catalog;

import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.CheckInfo;
import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.Subject;
import io.kolladoctor.checks.support.CephPoolDefaults;
import io.kolladoctor.checks.support.OptionalFacts;
import io.kolladoctor.checks.support.OsdContainers;
import io.kolladoctor.checks.support.OsdBootstrapLabel;
import io.kolladoctor.checks.support.OsdBootstrapLabel.Labelled;
import io.kolladoctor.checks.support.OsdBootstrapLabel.StoreType;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.BlockDevice;
import io.kolladoctor.deployment.facts.host.DockerContainer;
import io.kolladoctor.deployment.facts.host.DockerContainers;
import io.kolladoctor.deployment.facts.host.HostCommands;
import io.kolladoctor.deployment.facts.host.HostFiles;
import io.kolladoctor.deployment.facts.host.PartitionTable;
import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.model.Globals;
import io.kolladoctor.deployment.model.Host;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A4 {@code ceph.osd-bootstrap-labels} — OSD disks not found or not usable. Seed 001.
 *
 * <p>Symptom: {@code Looking up disks to bootstrap for Ceph OSDs} returns {@code "disks": "[]"}, no ceph-osd
 * containers, {@code ceph -s} shows 0 kB avail; or find_disks fails with {@code UnicodeDecodeError('ascii', …)};
 * or {@code bootstrap_osd_0} exits 1 with {@code mkfs.xfs: cannot open /dev/sdb1: Device or resource busy}.
 * <p>Rule (label semantics in {@link OsdBootstrapLabel}): per disk of each storage host (group ceph-osd, else
 * storage) FAIL for a bootstrap or data name of the other store type and for a non-ASCII partition name or
 * filesystem label; WARN for a prefix-matching name find_disks skips, a kernel table that differs from the disk's
 * ({@code sfdisk -J}), a failed {@code bootstrap_osd_*} on the disk, and a multi-partition disk that makes the
 * deploy pause; FAIL for a host with no usable name at all; WARN when {@code osd pool default size} exceeds the
 * number of storage hosts. That setting is read from {@code /etc/kolla/ceph-mon/ceph.conf} (the monitors apply
 * it when Kolla creates the pools), else from a storage host's {@code /etc/kolla/ceph-osd/ceph.conf} (Kolla
 * merges the same overrides into both); not set means Ceph's default 3.
 */
public final class CephOsdBootstrapLabels implements Check {

    static final CheckInfo INFO = new CheckInfo(
            "ceph.osd-bootstrap-labels",
            "OSD disks not found or not usable",
            "Kolla's 'Looking up disks to bootstrap for Ceph OSDs' returns \"disks\": \"[]\"; no ceph-osd containers; "
                    + "'ceph -s' shows 0 kB / 0 kB avail. Or find_disks fails with UnicodeDecodeError('ascii', …) because a "
                    + "disk still carries a non-ASCII label from an old OS. Or bootstrap_osd_0 exits 1 with "
                    + "'mkfs.xfs: cannot open /dev/sdb1: Device or resource busy'.",
            "With Ceph enabled, FAIL when no partition on a storage host carries the name prefix the store type needs "
                    + "(KOLLA_CEPH_OSD_BOOTSTRAP_BS for bluestore, KOLLA_CEPH_OSD_BOOTSTRAP for filestore) or a name of "
                    + "the other store type is present; FAIL on any non-ASCII partition name or filesystem label on a "
                    + "storage host; WARN when the kernel's partition table differs from the disk's (busy device), for a "
                    + "name find_disks skips, a failed bootstrap_osd container, or a disk that will make the deploy pause; "
                    + "WARN when 'osd pool default size' exceeds the number of storage hosts. SKIP when Ceph is disabled "
                    + "or there is no storage host. KOLLA_CEPH_DATA_* partitions are deployed OSDs.",
            "Destructive (check the device path, never while any of its partitions is mounted): "
                    + "'parted /dev/sdX -s -- mklabel gpt mkpart KOLLA_CEPH_OSD_BOOTSTRAP_BS 1 -1' (filestore: "
                    + "KOLLA_CEPH_OSD_BOOTSTRAP); or set ceph_osd_store_type to match the existing names. Wipe a disk with "
                    + "an old OS's partition first ('wipefs -a' its partitions, or delete them): mkpart over it keeps the "
                    + "old filesystem and its label. Reboot (or partprobe) when the kernel still uses the old table. For "
                    + "an all-in-one, set 'osd pool default size = 1' and 'osd pool default min size = 1' in "
                    + "/etc/kolla/config/ceph.conf. A successful bootstrap removes the name, so a redeploy after a cleanup "
                    + "needs it again.",
            "lsblk shows the partition name; after 'kolla-ansible deploy' the partition is renamed KOLLA_CEPH_DATA_…, a "
                    + "ceph_osd_<id> container runs and 'ceph -s' shows the OSD up and in.",
            List.of("001"),
            List.of("commands/lsblk.json and commands/sfdisk/<disk>.json on storage hosts",
                    "enable_ceph, ceph_osd_store_type, ceph_osd_wipe_disk in globals.yml",
                    "docker/containers.json (+ inspect of bootstrap_osd_*) on storage hosts",
                    "/etc/kolla/ceph-mon/ceph.conf on ceph-mon hosts or /etc/kolla/ceph-osd/ceph.conf"),
            null);

    static final String MON_CONF = "/etc/kolla/ceph-mon/ceph.conf";
    static final String OSD_CONF = "/etc/kolla/ceph-osd/ceph.conf";

    private record Problem(Status status, String text) { }

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public List<FactRequest> prefetch(Deployment deployment) {
        List<FactRequest> requests = new ArrayList<>();
        for (Host host : storageHosts(deployment)) {
            requests.add(HostCommands.blockDevices(host.name()).request());
            requests.add(DockerContainers.listRequest(host.name()));
            requests.add(FactRequest.hostFile(host.name(), OSD_CONF));
        }
        deployment.hostsIn("ceph-mon").forEach(h -> requests.add(FactRequest.hostFile(h.name(), MON_CONF)));
        return requests;
    }

    @Override
    public List<Finding> run(Facts facts) throws FactUnavailableException {
        Deployment deployment = Deployments.of(facts);
        Globals globals = deployment.globals();
        Subject whole = Subject.of("deployment", deployment.name());
        if (!globals.enabled("ceph")) {
            return List.of(INFO.skip(whole, "Ceph is not deployed by Kolla here (enable_ceph: " + globals.string("enable_ceph")
                    + ", " + globals.whereSet("enable_ceph") + ")"));
        }
        List<Host> hosts = storageHosts(deployment);
        if (hosts.isEmpty()) {
            return List.of(INFO.skip(whole, "no storage host: the inventory's ceph-osd / storage group is empty"));
        }
        StoreType store = StoreType.of(globals.string("ceph_osd_store_type"));
        Evidence storeEvidence = Evidence.of(globals.whereSet("ceph_osd_store_type"), "ceph_osd_store_type: "
                + globals.string("ceph_osd_store_type") + " → find_disks looks up names starting with " + store.bootstrapPrefix());
        List<Finding> findings = new ArrayList<>();
        for (Host host : hosts) {
            try {
                List<BlockDevice> devices = facts.get(HostCommands.blockDevices(host.name()));
                findings.addAll(judgeHost(facts, globals, host.name(), devices, store, storeEvidence));
            } catch (FactUnavailableException e) {
                findings.add(INFO.error(Subject.of("host", host.name()), e.getMessage()));
            }
        }
        poolSize(facts, deployment, hosts).ifPresent(findings::add);
        return findings;
    }

    /** Kolla runs the OSD tasks on the ceph-osd group (storage's children in the stock inventories). */
    static List<Host> storageHosts(Deployment deployment) {
        return deployment.inventory().groupNames().contains("ceph-osd")
                ? deployment.hostsIn("ceph-osd") : deployment.hostsIn("storage");
    }

    private static List<Finding> judgeHost(Facts facts, Globals globals, String host, List<BlockDevice> devices,
                                           StoreType store, Evidence storeEvidence) {
        List<Labelled> labelled = OsdBootstrapLabel.judge(devices, store);
        boolean usable = labelled.stream().anyMatch(l -> l.role().usable());
        List<DockerContainer> containers = OsdContainers.of(facts, host);
        Evidence containerEvidence = OsdContainers.evidence(host, containers);
        boolean wipeConfirmed = OsdBootstrapLabel.WIPE_DISK_CONFIRMATION.equals(globals.string("ceph_osd_wipe_disk"));
        List<Finding> findings = new ArrayList<>();
        for (BlockDevice disk : devices) {
            List<Labelled> mine = labelled.stream().filter(l -> l.disk() == disk).toList();
            List<Problem> problems = new ArrayList<>();
            mine.stream().filter(l -> l.role().wrongStore() || l.role() == OsdBootstrapLabel.Role.ORPHAN)
                    .forEach(l -> problems.add(new Problem(l.role().wrongStore() ? Status.FAIL : Status.WARN,
                            l.partition().name() + " is named '" + l.label() + "', " + l.why())));
            OsdBootstrapLabel.nonAsciiLabels(disk).forEach(text -> problems.add(new Problem(Status.FAIL, text)));
            List<Evidence> evidence = new ArrayList<>(disk.flatten().map(d -> lsblkEvidence(host, d)).toList());
            if (!mine.isEmpty()) { // the old-table trap only matters on a disk Kolla would take
                tableProblem(facts, host, disk, evidence).ifPresent(problems::add);
            }
            long partitions = disk.children().stream().filter(BlockDevice::isPartition).count();
            if (!wipeConfirmed && partitions > 1 && mine.stream().anyMatch(Labelled::repartitionsDisk)) {
                problems.add(new Problem(Status.WARN, disk.name() + " has " + partitions + " partitions: the deploy pauses "
                        + "to ask before wiping it (ceph_osd_wipe_disk is not \"" + OsdBootstrapLabel.WIPE_DISK_CONFIRMATION + "\")"));
            }
            OsdContainers.failedBootstraps(facts, host, containers, disk).forEach(c -> problems.add(new Problem(Status.WARN,
                    c.name() + " exited (" + c.exitCode() + ") bootstrapping " + disk.displayPath() + ": see 'docker logs "
                    + c.name() + "' (e.g. mkfs 'Device or resource busy' while the kernel holds the old table)")));
            Subject subject = Subject.onHost("disk", host, disk.name());
            if (problems.isEmpty()) {
                if (mine.stream().anyMatch(l -> l.role().usable())) {
                    findings.add(INFO.ok(subject, mine.stream().map(l -> l.partition().name() + " '" + l.label() + "': " + l.why())
                            .collect(Collectors.joining("; ")), evidence.toArray(Evidence[]::new)));
                }
                continue;
            }
            problems.sort(Comparator.comparing((Problem p) -> -p.status().severity()));
            String summary = problems.stream().map(Problem::text).collect(Collectors.joining("; "));
            if (!usable && mine.stream().anyMatch(l -> !l.role().usable())) {
                summary += " — no partition on " + host + " is usable, so find_disks returns \"disks\": \"[]\" and Kolla "
                        + "creates no OSD there";
            }
            evidence.add(storeEvidence);
            evidence.add(containerEvidence);
            findings.add(INFO.finding(problems.get(0).status(), subject, summary, evidence));
        }
        if (!usable && labelled.stream().noneMatch(l -> l.role().wrongStore())) {
            findings.add(INFO.fail(Subject.of("host", host), "no partition on " + host + " is named " + store.bootstrapPrefix()
                    + "… and no OSD is deployed there (" + store.dataPrefix() + "…): find_disks returns \"disks\": \"[]\" and "
                    + "Kolla creates no OSD on " + host, storeEvidence, containerEvidence));
        }
        return findings;
    }

    private static Evidence lsblkEvidence(String host, BlockDevice d) {
        StringBuilder s = new StringBuilder(d.name()).append(' ').append(d.type()).append(' ').append(d.size());
        Stream.of("PARTLABEL=" + d.partLabel(), "LABEL=" + d.label(), "FSTYPE=" + d.fsType(), "MOUNTPOINT=" + d.mountpoint())
                .filter(kv -> !kv.endsWith("=null")).forEach(kv -> s.append(' ').append(kv));
        return Evidence.field(host + ": lsblk", d.displayPath(), s.toString());
    }

    /** The disk's own table vs the kernel's (for a disk with OSD labels); skipped when sfdisk output was not collected. */
    private static Optional<Problem> tableProblem(Facts facts, String host, BlockDevice disk, List<Evidence> evidence) {
        if (!disk.isDisk()) {
            return Optional.empty();
        }
        Optional<PartitionTable> table;
        try {
            table = OptionalFacts.collected(facts, PartitionTable.of(host, disk.name()));
        } catch (FactUnavailableException e) {
            return Optional.of(new Problem(Status.ERROR, "cannot compare with the disk's own table: " + e.getMessage()));
        }
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<String> differences = table.get().differencesFrom(disk);
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        evidence.add(Evidence.field(host + ": sfdisk -J " + disk.displayPath(), "partitiontable.partitions",
                table.get().label() + ": " + table.get().partitions().stream().map(e -> e.nodeName() + " start=" + e.start()
                        + " size=" + e.size() + (e.name() == null ? "" : " name=" + e.name())).collect(Collectors.joining(", "))));
        return Optional.of(new Problem(Status.WARN, "the kernel still uses an old partition table of " + disk.name() + " ("
                + String.join("; ", differences) + "): a partition was busy when the table was rewritten; reboot (or "
                + "partprobe) before the next deploy, or mkfs fails with 'Device or resource busy'"));
    }

    /** {@code osd pool default size} against the number of storage hosts (CRUSH puts replicas on distinct hosts). */
    private static Optional<Finding> poolSize(Facts facts, Deployment deployment, List<Host> storage) {
        Optional<CephPoolDefaults> pool = Stream.concat(
                        deployment.hostsIn("ceph-mon").stream().map(h -> HostFiles.file(h.name(), MON_CONF)),
                        storage.stream().map(h -> HostFiles.file(h.name(), OSD_CONF)))
                .map(f -> OptionalFacts.bestEffort(facts, f)).flatMap(Optional::stream).findFirst()
                .map(f -> CephPoolDefaults.read(f, f.path().equals(MON_CONF) ? "mon" : "osd"));
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        int size = pool.get().size();
        int min = pool.get().minSize();
        List<Evidence> evidence = new ArrayList<>(pool.get().evidence());
        evidence.add(Evidence.of("inventory", storage.size() + " storage host(s): "
                + storage.stream().map(Host::name).collect(Collectors.joining(", "))));
        Subject subject = Subject.of("setting", "osd pool default size");
        String counts = "osd pool default size " + size + ", min size " + min + ", " + storage.size() + " storage host(s)";
        if (size <= storage.size()) {
            return Optional.of(INFO.ok(subject, counts, evidence.toArray(Evidence[]::new)));
        }
        return Optional.of(INFO.finding(Status.WARN, subject, counts + ": CRUSH puts each replica on a different host, so "
                + "every placement group stays undersized" + (min > storage.size() ? " and I/O blocks (min size > hosts)" : "")
                + "; with a single storage host set 'osd pool default size = 1' and 'osd pool default min size = 1'", evidence));
    }
}
