package io.kolladoctor.fixes.catalog;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.BlockDevice;
import io.kolladoctor.deployment.facts.host.HostCommands;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ceph.osd-bootstrap-labels (catalog A4): give a wrongly labelled OSD disk the bootstrap label of the configured store
 * type, as the catalog's fix does ({@code parted DISK -s -- mklabel gpt mkpart LABEL 1 -1}): a new GPT with one
 * partition over the whole disk. It destroys the disk's table, so the device path must be typed back, and no plan is
 * offered while anything on the disk is mounted (the finding's hint then stands alone).
 */
public final class CephOsdBootstrapLabelsRelabel implements Fix {

    static final String BLUESTORE = "KOLLA_CEPH_OSD_BOOTSTRAP_BS";
    static final String FILESTORE = "KOLLA_CEPH_OSD_BOOTSTRAP";

    @Override
    public String id() {
        return "ceph.osd-bootstrap-labels/relabel";
    }

    @Override
    public String checkId() {
        return "ceph.osd-bootstrap-labels";
    }

    @Override
    public String title() {
        return "relabel the disk for the configured store type (new GPT, one partition; destructive)";
    }

    @Override
    public Optional<Plan> plan(Finding finding, Facts facts) throws FactUnavailableException {
        String host = finding.subject().host();
        if (!finding.checkId().equals(checkId()) || finding.status() != Status.FAIL || host == null
                || !"disk".equals(finding.subject().kind())) {
            return Optional.empty();
        }
        Optional<BlockDevice> disk = facts.get(HostCommands.blockDevices(host)).stream()
                .filter(d -> d.name().equals(finding.subject().name()) && !d.isPartition()).findFirst();
        if (disk.isEmpty() || disk.get().isInUse()) {
            return Optional.empty(); // never repartition a disk with anything mounted on it
        }
        String store = Deployments.of(facts).globals().string("ceph_osd_store_type");
        String label = "filestore".equals(store) ? FILESTORE : BLUESTORE;
        String device = disk.get().displayPath();
        return Optional.of(new Plan(id(), checkId(), Fixes.subjectOf(finding), device, List.of(
                new Step("write a new GPT on " + device + " with one partition labelled " + label
                        + " (ceph_osd_store_type: " + store + "); everything on the disk is lost",
                        Operation.HostCommand.of(host, Duration.ofSeconds(60), "parted", device, "-s", "--", "mklabel",
                                "gpt", "mkpart", label, "1", "-1"), Risk.DESTRUCTIVE, null),
                new Step("make the kernel read the new table",
                        new Operation.HostCommand(host, List.of("partx", "-u", device), true, Duration.ofSeconds(30),
                                Set.of(0, 1)), Risk.SAFE, null),
                new Step("wait until lsblk shows the label and the check passes",
                        new Operation.WaitUntilHealed(Duration.ofSeconds(60)), Risk.SAFE, null)),
                List.of("If the kernel keeps the old table (a partition was busy), reboot or partprobe before the next "
                        + "deploy; then kolla-ansible deploy bootstraps the OSD on it.")));
    }
}
