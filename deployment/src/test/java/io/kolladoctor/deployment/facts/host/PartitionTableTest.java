package io.kolladoctor.deployment.facts.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.parse.FuzzInputs;
import io.kolladoctor.deployment.parse.MalformedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionTableTest {

    /** sfdisk -J /dev/sdb after a bluestore bootstrap re-partitioned the disk (util-linux 2.34 layout). */
    static final String GPT = """
            {
               "partitiontable": {
                  "label": "gpt",
                  "id": "4C2F4A51-2B33-4B4E-9F0C-6C0B1D0E7A21",
                  "device": "/dev/sdb",
                  "unit": "sectors",
                  "firstlba": 34,
                  "lastlba": 419430366,
                  "partitions": [
                     {"node": "/dev/sdb1", "start": 2048, "size": 204800, "type": "0FC63DAF-8483-4772-8E79-3D69D8477DE4", "uuid": "0A6E3C1D-7B2F-4D8E-9A5C-3E1F0B7D2C64"},
                     {"node": "/dev/sdb2", "start": 206848, "size": 419223519, "type": "0FC63DAF-8483-4772-8E79-3D69D8477DE4", "uuid": "C3D5E7F9-1B2A-4C6E-8D0F-2A4B6C8E0F13", "name": "KOLLA_CEPH_DATA_BS_0_B"}
                  ]
               }
            }
            """;

    static final String DOS = """
            {
               "partitiontable": {
                  "label": "dos",
                  "id": "0x5a3c9e1f",
                  "device": "/dev/sdc",
                  "unit": "sectors",
                  "partitions": [
                     {"node": "/dev/sdc1", "start": 2048, "size": 976766976, "type": "7", "bootable": true}
                  ]
               }
            }
            """;

    private static BlockDevice part(String name, String label) {
        return new BlockDevice(name, "/dev/" + name, "part", "1G", label, null, null, null, List.of());
    }

    @Test
    void readsGptAndDosTables() throws Exception {
        PartitionTable gpt = PartitionTable.parse(GPT);
        assertThat(gpt.label()).isEqualTo("gpt");
        assertThat(gpt.partitions()).extracting(PartitionTable.Entry::nodeName).containsExactly("sdb1", "sdb2");
        assertThat(gpt.partitions().get(0).name()).isNull();
        assertThat(gpt.partitions().get(1).size()).isEqualTo(419223519L);
        PartitionTable dos = PartitionTable.parse(DOS);
        assertThat(dos.partitions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("7");
            assertThat(e.name()).isNull();
        });
    }

    @Test
    void reportsWhereTheKernelsViewDiffers() throws Exception {
        PartitionTable table = PartitionTable.parse(GPT);
        BlockDevice stale = new BlockDevice("sdb", "/dev/sdb", "disk", "200G", null, null, null, null,
                List.of(part("sdb1", "KOLLA_CEPH_OSD_BOOTSTRAP_BS"), part("sdb3", null)));
        assertThat(table.differencesFrom(stale)).containsExactly(
                "sdb1 is named '' on the disk but 'KOLLA_CEPH_OSD_BOOTSTRAP_BS' in the kernel's view",
                "sdb2 is on the disk but unknown to the kernel",
                "sdb3 is known to the kernel but no longer on the disk");
        BlockDevice current = new BlockDevice("sdb", "/dev/sdb", "disk", "200G", null, null, null, null,
                List.of(part("sdb1", null), part("sdb2", "KOLLA_CEPH_DATA_BS_0_B")));
        assertThat(table.differencesFrom(current)).isEmpty();
        BlockDevice dos = new BlockDevice("sdc", "/dev/sdc", "disk", "465.8G", null, null, null, null,
                List.of(new BlockDevice("sdc1", "/dev/sdc1", "part", "465.8G", null, "新加卷", "ntfs", null, List.of())));
        assertThat(PartitionTable.parse(DOS).differencesFrom(dos)).isEmpty();
    }

    @Test
    void rejectsWhatIsNotATable() {
        assertThatThrownBy(() -> PartitionTable.parse("{}")).isInstanceOf(MalformedException.class).hasMessageContaining("partitiontable");
        assertThatThrownBy(() -> PartitionTable.parse("{\"partitiontable\": {\"partitions\": {}}}"))
                .isInstanceOf(MalformedException.class).hasMessageContaining("not a list");
        assertThatThrownBy(() -> PartitionTable.parse(GPT.substring(0, GPT.length() / 2)))
                .isInstanceOf(MalformedException.class).hasMessageContaining("truncated JSON");
    }

    @Test
    void fuzzedTablesParseOrFailCleanly() {
        BlockDevice disk = new BlockDevice("sdb", "/dev/sdb", "disk", "200G", null, null, null, null,
                List.of(part("sdb1", "KOLLA_CEPH_OSD_BOOTSTRAP_BS")));
        for (String input : FuzzInputs.around(List.of(GPT, DOS), 4L, 3000)) {
            try {
                PartitionTable.parse(input).differencesFrom(disk);
            } catch (MalformedException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void fuzzedLsblkWithNestedChildrenParsesOrFailsCleanly() throws Exception {
        String lsblk = """
                {
                   "blockdevices": [
                      {"name": "sda", "path": "/dev/sda", "type": "disk", "size": "40G", "partlabel": null, "label": null, "fstype": null, "mountpoint": null,
                         "children": [
                            {"name": "sda2", "path": "/dev/sda2", "type": "part", "size": "39G", "partlabel": null, "label": null, "fstype": "LVM2_member", "mountpoint": null,
                               "children": [
                                  {"name": "centos-root", "path": "/dev/mapper/centos-root", "type": "lvm", "size": "35.1G", "partlabel": null, "label": null, "fstype": "xfs", "mountpoint": "/"}
                               ]
                            }
                         ]
                      },
                      {"name": "sdc", "path": "/dev/sdc", "type": "disk", "size": "465.8G", "partlabel": null, "label": null, "fstype": null, "mountpoint": null,
                         "children": [
                            {"name": "sdc1", "path": "/dev/sdc1", "type": "part", "size": "465.8G", "partlabel": null, "label": "新加卷", "fstype": "ntfs", "mountpoint": null}
                         ]
                      }
                   ]
                }
                """;
        List<BlockDevice> devices = HostCommands.parseLsblk(lsblk);
        assertThat(devices.get(0).flatten().map(BlockDevice::name)).containsExactly("sda", "sda2", "centos-root");
        assertThat(devices.get(1).children().get(0).label()).isEqualTo("新加卷");
        for (String input : FuzzInputs.around(List.of(lsblk), 11L, 3000)) {
            try {
                HostCommands.parseLsblk(input).forEach(d -> d.flatten().forEach(BlockDevice::isInUse));
            } catch (MalformedException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
