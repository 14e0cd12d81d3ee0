package io.kolladoctor.checks.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.checks.support.OsdBootstrapLabel.Labelled;
import io.kolladoctor.checks.support.OsdBootstrapLabel.Role;
import io.kolladoctor.checks.support.OsdBootstrapLabel.StoreType;
import io.kolladoctor.deployment.facts.host.BlockDevice;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OsdBootstrapLabelTest {

    private static BlockDevice part(String name, String partLabel) {
        return new BlockDevice(name, "/dev/" + name, "part", "10G", partLabel, null, null, null, List.of());
    }

    private static BlockDevice disk(String name, BlockDevice... parts) {
        return new BlockDevice(name, "/dev/" + name, "disk", "100G", null, null, null, null, Arrays.asList(parts));
    }

    private static Map<String, Role> roles(StoreType store, BlockDevice... disks) {
        return OsdBootstrapLabel.judge(List.of(disks), store).stream()
                .collect(Collectors.toMap(Labelled::label, Labelled::role));
    }

    @Test
    void storeTypeFollowsKollasDefaultsExpression() {
        assertThat(StoreType.of("bluestore").bootstrapPrefix()).isEqualTo("KOLLA_CEPH_OSD_BOOTSTRAP_BS");
        assertThat(StoreType.of("filestore").bootstrapPrefix()).isEqualTo("KOLLA_CEPH_OSD_BOOTSTRAP");
        assertThat(StoreType.of("Bluestore")).isEqualTo(StoreType.FILESTORE); // Kolla compares with ==
        assertThat(StoreType.BLUESTORE.dataPrefix()).isEqualTo("KOLLA_CEPH_DATA_BS");
    }

    @Test
    void bluestoreOsdWithBlockWalDbPartitions() {
        Map<String, Role> roles = roles(StoreType.BLUESTORE,
                disk("sdb", part("sdb1", "KOLLA_CEPH_OSD_BOOTSTRAP_BS_FOO1"), part("sdb2", "KOLLA_CEPH_OSD_BOOTSTRAP_BS_FOO1_B")),
                disk("nvme0n1", part("nvme0n1p1", "KOLLA_CEPH_OSD_BOOTSTRAP_BS_FOO1_W"),
                        part("nvme0n1p2", "KOLLA_CEPH_OSD_BOOTSTRAP_BS_FOO1_D"), part("nvme0n1p3", "KOLLA_CEPH_OSD_BOOTSTRAP_BS_BAR_D")));
        assertThat(roles).containsEntry("KOLLA_CEPH_OSD_BOOTSTRAP_BS_FOO1", Role.OSD)
                .containsEntry("KOLLA_CEPH_OSD_BOOTSTRAP_BS_FOO1_B", Role.PART_OF_OSD)
                .containsEntry("KOLLA_CEPH_OSD_BOOTSTRAP_BS_FOO1_W", Role.PART_OF_OSD)
                .containsEntry("KOLLA_CEPH_OSD_BOOTSTRAP_BS_FOO1_D", Role.PART_OF_OSD)
                .containsEntry("KOLLA_CEPH_OSD_BOOTSTRAP_BS_BAR_D", Role.ORPHAN);
    }

    @Test
    void eachStoreTypeSkipsTheOthersNames() {
        BlockDevice filestore = disk("sdb", part("sdb1", "KOLLA_CEPH_OSD_BOOTSTRAP"));
        BlockDevice bluestore = disk("sdc", part("sdc1", "KOLLA_CEPH_OSD_BOOTSTRAP_BS"));
        List<Labelled> underBluestore = OsdBootstrapLabel.judge(List.of(filestore, bluestore), StoreType.BLUESTORE);
        assertThat(underBluestore).extracting(Labelled::role).containsExactly(Role.OTHER_STORE, Role.OSD);
        assertThat(underBluestore.get(0).why()).contains("does not").contains("silently skipped");
        List<Labelled> underFilestore = OsdBootstrapLabel.judge(List.of(filestore, bluestore), StoreType.FILESTORE);
        assertThat(underFilestore).extracting(Labelled::role).containsExactly(Role.OSD, Role.OTHER_STORE);
        assertThat(underFilestore.get(1).why()).contains("matches that prefix but not exactly")
                .contains("'KOLLA_CEPH_OSD_BOOTSTRAP_BS_J'");
    }

    @Test
    void filestoreExternalJournalNeedsItsJPartition() {
        Map<String, Role> roles = roles(StoreType.FILESTORE,
                disk("sdb", part("sdb1", "KOLLA_CEPH_OSD_BOOTSTRAP_FOO"), part("sdb2", "KOLLA_CEPH_OSD_BOOTSTRAP_BAR")),
                disk("sdc", part("sdc1", "KOLLA_CEPH_OSD_BOOTSTRAP_FOO_J"), part("sdc2", "KOLLA_CEPH_OSD_BOOTSTRAP_J")));
        assertThat(roles).containsEntry("KOLLA_CEPH_OSD_BOOTSTRAP_FOO", Role.OSD)
                .containsEntry("KOLLA_CEPH_OSD_BOOTSTRAP_FOO_J", Role.PART_OF_OSD)
                .containsEntry("KOLLA_CEPH_OSD_BOOTSTRAP_BAR", Role.ORPHAN)
                .containsEntry("KOLLA_CEPH_OSD_BOOTSTRAP_J", Role.ORPHAN); // the exact name keeps its journal on its own disk
        List<Labelled> external = OsdBootstrapLabel.judge(List.of(
                disk("sdb", part("sdb1", "KOLLA_CEPH_OSD_BOOTSTRAP_FOO"), part("sdb2", "KOLLA_CEPH_OSD_BOOTSTRAP")),
                disk("sdc", part("sdc1", "KOLLA_CEPH_OSD_BOOTSTRAP_FOO_J"))), StoreType.FILESTORE);
        assertThat(external).extracting(Labelled::repartitionsDisk).containsExactly(false, true, false);
    }

    @Test
    void cachePrefixIsItsOwnLookup() {
        Map<String, Role> roles = roles(StoreType.BLUESTORE,
                disk("sdd", part("sdd1", "KOLLA_CEPH_OSD_CACHE_BOOTSTRAP_BS"), part("sdd2", "KOLLA_CEPH_OSD_CACHE_BOOTSTRAP")));
        assertThat(roles).containsEntry("KOLLA_CEPH_OSD_CACHE_BOOTSTRAP_BS", Role.OSD)
                .containsEntry("KOLLA_CEPH_OSD_CACHE_BOOTSTRAP", Role.OTHER_STORE);
    }

    @Test
    void deployedOsdsOfTheOtherStoreAreNotStarted() {
        Map<String, Role> roles = roles(StoreType.BLUESTORE,
                disk("sdb", part("sdb1", "KOLLA_CEPH_DATA_BS_0"), part("sdb2", "KOLLA_CEPH_DATA_BS_0_B")),
                disk("sdc", part("sdc1", "KOLLA_CEPH_DATA_1"), part("sdc2", "KOLLA_CEPH_DATA_1_J")),
                disk("sdd", part("sdd1", "primary"), part("sdd2", null)));
        assertThat(roles).hasSize(4)
                .containsEntry("KOLLA_CEPH_DATA_BS_0", Role.DEPLOYED).containsEntry("KOLLA_CEPH_DATA_BS_0_B", Role.DEPLOYED)
                .containsEntry("KOLLA_CEPH_DATA_1", Role.DEPLOYED_OTHER_STORE);
    }

    @Test
    void nonAsciiLabelsSaySoForPartitionNamesAndFilesystemLabels() {
        BlockDevice seedCase = new BlockDevice("sdb1", "/dev/sdb1", "part", "233.5G", "KOLLA_CEPH_OSD_BOOTSTRAP", "新加卷",
                "ntfs", null, List.of());
        BlockDevice windowsName = part("sdc1", "基本数据分区");
        BlockDevice wholeDisk = new BlockDevice("sdd", "/dev/sdd", "disk", "1T", null, "Données", "ext4", null, List.of());
        assertThat(OsdBootstrapLabel.nonAsciiLabels(disk("sdb", seedCase))).singleElement().asString()
                .contains("sdb1 has a non-ASCII filesystem label '新加卷' (ntfs)").contains("as soon as the partition carries a bootstrap name");
        assertThat(OsdBootstrapLabel.nonAsciiLabels(disk("sdc", windowsName))).singleElement().asString()
                .contains("non-ASCII partition name '基本数据分区'").contains("every OSD lookup on this host fails");
        assertThat(OsdBootstrapLabel.nonAsciiLabels(wholeDisk)).singleElement().asString().contains("every whole device");
        assertThat(OsdBootstrapLabel.nonAsciiLabels(disk("sde", part("sde1", "KOLLA_CEPH_OSD_BOOTSTRAP_BS")))).isEmpty();
    }
}
