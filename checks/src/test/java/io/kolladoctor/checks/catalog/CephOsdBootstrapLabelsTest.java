package io.kolladoctor.checks.catalog;

import static io.kolladoctor.checks.FindingAssertions.about;
import static io.kolladoctor.checks.FindingAssertions.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Fixtures;
import io.kolladoctor.checks.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class CephOsdBootstrapLabelsTest {

    private static List<Finding> run(String caseName) {
        return Fixtures.run(new CephOsdBootstrapLabels(), caseName);
    }

    @Test
    void bluestoreBootstrapLabelWithDefaultStoreTypeIsOk() {
        List<Finding> findings = run("ok-bluestore-label");
        assertThat(findings).allMatch(f -> f.status() == Status.OK);
        Finding disk = about(findings, "stor1/sdb");
        assertThat(disk.summary()).contains("sdb1 'KOLLA_CEPH_OSD_BOOTSTRAP_BS'").contains("next deploy");
        Finding pool = about(findings, "osd pool default size");
        assertThat(pool.summary()).contains("size 1, min size 1, 1 storage host(s)");
        assertThat(pool.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("stor1:/etc/kolla/ceph-osd/ceph.conf");
            assertThat(e.location()).isEqualTo("line 15");
        });
        assertThat(findings).noneMatch(f -> f.subject().name().equals("sda")); // the system disk is not Ceph's
    }

    @Test
    void deployedOsdPartitionsAreOk() {
        List<Finding> findings = run("ok-deployed");
        assertThat(findings).allMatch(f -> f.status() == Status.OK);
        assertThat(about(findings, "stor1/sdb").summary())
                .contains("KOLLA_CEPH_DATA_BS_0").contains("KOLLA_CEPH_DATA_BS_0_B").contains("deployed bluestore OSD");
    }

    @Test
    void filestoreLabelWithBluestoreFailsAndExplainsThePrefix() {
        List<Finding> findings = run("fail-filestore-label");
        Finding f = only(findings, Status.FAIL);
        assertThat(f.subject().display()).isEqualTo("stor1/sdb");
        assertThat(f.summary()).contains("sdb1 is named 'KOLLA_CEPH_OSD_BOOTSTRAP'")
                .contains("starting with KOLLA_CEPH_OSD_BOOTSTRAP_BS").contains("silently skipped")
                .contains("\"disks\": \"[]\"");
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.excerpt()).contains("PARTLABEL=KOLLA_CEPH_OSD_BOOTSTRAP"));
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("globals.yml line 13");
            assertThat(e.excerpt()).contains("ceph_osd_store_type: bluestore");
        });
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.excerpt()).contains("no ceph_osd_* or bootstrap_osd_* container"));
        assertThat(f.fixHint()).contains("mkpart KOLLA_CEPH_OSD_BOOTSTRAP_BS");
    }

    @Test
    void cjkFilesystemLabelFailsAndIsShownIntact() {
        List<Finding> findings = run("fail-cjk-label");
        Finding f = only(findings, Status.FAIL);
        assertThat(f.subject().display()).isEqualTo("stor1/sdc");
        assertThat(f.summary()).contains("sdc1 has a non-ASCII filesystem label '新加卷' (ntfs)")
                .contains("UnicodeDecodeError('ascii'").contains("wipe it first");
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.excerpt()).isEqualTo("sdc1 part 465.8G LABEL=新加卷 FSTYPE=ntfs"));
        assertThat(about(findings, "stor1/sdb").status()).isEqualTo(Status.OK);
    }

    @Test
    void hostWithoutAnyLabelFails() {
        Finding f = only(run("fail-no-label"), Status.FAIL);
        assertThat(f.subject().display()).isEqualTo("stor1");
        assertThat(f.summary()).contains("no partition on stor1 is named KOLLA_CEPH_OSD_BOOTSTRAP_BS")
                .contains("no OSD is deployed");
    }

    @Test
    void staleKernelTableWarnsWithTheFailedBootstrapContainer() {
        List<Finding> findings = run("warn-table-mismatch");
        assertThat(findings).noneMatch(f -> f.status() == Status.FAIL);
        Finding f = only(findings, Status.WARN);
        assertThat(f.subject().display()).isEqualTo("stor1/sdb");
        assertThat(f.summary()).contains("kernel still uses an old partition table")
                .contains("sdb2 is on the disk but unknown to the kernel")
                .contains("sdb1 is named '' on the disk but 'KOLLA_CEPH_OSD_BOOTSTRAP_BS' in the kernel's view")
                .contains("reboot").contains("bootstrap_osd_0 exited (1) bootstrapping /dev/sdb");
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("stor1: sfdisk -J /dev/sdb");
            assertThat(e.excerpt()).contains("sdb1 start=2048 size=204800").contains("sdb2 start=206848");
        });
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.excerpt()).isEqualTo("bootstrap_osd_0 exited (1)"));
    }

    @Test
    void multiPartitionBootstrapDiskWarnsThatTheDeployPauses() {
        Finding f = only(run("warn-wipe-pause"), Status.WARN);
        assertThat(f.subject().display()).isEqualTo("stor1/sdb");
        assertThat(f.summary()).contains("sdb has 2 partitions: the deploy pauses").contains("yes-i-really-really-mean-it");
    }

    @Test
    void poolSizeAboveStorageHostsWarns() {
        List<Finding> findings = run("warn-pool-size");
        Finding f = only(findings, Status.WARN);
        assertThat(f.subject().display()).isEqualTo("osd pool default size");
        assertThat(f.summary()).contains("size 3, min size 2, 1 storage host(s)").contains("undersized")
                .contains("I/O blocks").contains("'osd pool default size = 1'");
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.excerpt()).contains("Ceph's default 3"));
        assertThat(about(findings, "stor1/sdb").status()).isEqualTo(Status.OK);
    }

    @Test
    void skipsWhenCephIsDisabled() {
        Finding f = only(run("skip-disabled"), Status.SKIP);
        assertThat(f.summary()).contains("enable_ceph: no").contains("globals.yml line 12");
    }

    @Test
    void skipsWithoutStorageHosts() {
        Finding f = only(run("skip-no-storage"), Status.SKIP);
        assertThat(f.summary()).contains("no storage host");
    }

    @Test
    void truncatedLsblkIsAnError() {
        List<Finding> findings = run("error-truncated-lsblk");
        Finding f = only(findings, Status.ERROR);
        assertThat(f.subject().display()).isEqualTo("stor1");
        assertThat(f.summary()).contains("stor1:commands/lsblk.json").contains("truncated JSON");
        assertThat(findings).hasSize(1);
    }
}
