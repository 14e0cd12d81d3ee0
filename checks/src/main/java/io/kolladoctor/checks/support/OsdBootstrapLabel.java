package io.kolladoctor.checks.support;

import io.kolladoctor.deployment.facts.host.BlockDevice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How Kolla-Ansible's ceph role (Ocata to Train; removed in Ussuri) picks a host's OSD disks by GPT partition
 * name, through kolla_toolbox's {@code find_disks.py} as shipped with Rocky (kolla 7.x):
 * <ul>
 * <li>{@code find_disks partition_name=<P> match_mode=prefix} with {@code P = KOLLA_CEPH_OSD_BOOTSTRAP_BS} when
 * {@code ceph_osd_store_type == 'bluestore'}, else {@code KOLLA_CEPH_OSD_BOOTSTRAP} (cache tier: {@code
 * KOLLA_CEPH_OSD_CACHE_BOOTSTRAP[_BS]}); a partition matches when its name starts with P.</li>
 * <li>Bluestore: a matched name ending in {@code _B}/{@code _W}/{@code _D} is the block/wal/db partition of the
 * OSD partition named without that suffix; any other matched name is an OSD partition.</li>
 * <li>Filestore: the exact name P is an OSD with a co-located journal; a longer name L is an external-journal
 * OSD and needs a partition named exactly {@code L_J}, else it is skipped. So with filestore a
 * {@code KOLLA_CEPH_OSD_BOOTSTRAP_BS…} partition prefix-matches yet is skipped; with bluestore a plain
 * {@code KOLLA_CEPH_OSD_BOOTSTRAP} partition does not match at all. Either way: {@code "disks": "[]"}.</li>
 * <li>A bootstrapped OSD's partitions are renamed {@code KOLLA_CEPH_DATA_BS_<id>[_B|_W|_D]} (bluestore) or
 * {@code KOLLA_CEPH_DATA_<id>[_J]} (filestore), and Kolla starts the OSDs it finds under the data prefix of
 * the configured store type only.</li>
 * </ul>
 */
public final class OsdBootstrapLabel {

    /** {@code ceph_osd_wipe_disk} value that stops Kolla from pausing before it wipes a multi-partition disk. */
    public static final String WIPE_DISK_CONFIRMATION = "yes-i-really-really-mean-it";

    private static final String BOOTSTRAP = "KOLLA_CEPH_OSD_BOOTSTRAP";
    private static final String CACHE_BOOTSTRAP = "KOLLA_CEPH_OSD_CACHE_BOOTSTRAP";
    private static final String DATA = "KOLLA_CEPH_DATA";

    /** {@code ceph_osd_store_type}. */
    public enum StoreType {
        BLUESTORE("_BS"), FILESTORE("");

        private final String suffix;

        StoreType(String suffix) {
            this.suffix = suffix;
        }

        /** Kolla: {@code 'KOLLA_CEPH_OSD_BOOTSTRAP_BS' if ceph_osd_store_type == 'bluestore' else 'KOLLA_CEPH_OSD_BOOTSTRAP'}. */
        public static StoreType of(String setting) {
            return "bluestore".equals(setting) ? BLUESTORE : FILESTORE;
        }

        public String bootstrapPrefix() {
            return BOOTSTRAP + suffix;
        }

        public String dataPrefix() {
            return DATA + suffix;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What Kolla does with a partition named for Ceph. */
    public enum Role {
        /** find_disks returns it: an OSD is bootstrapped on it at the next deploy. */
        OSD,
        /** The block/wal/db or external journal partition of an OSD partition on the same host. */
        PART_OF_OSD,
        /** Prefix-matches, but find_disks skips it for want of its partner partition. */
        ORPHAN,
        /** A bootstrap name of the other store type: skipped. */
        OTHER_STORE,
        /** An OSD already bootstrapped ({@code KOLLA_CEPH_DATA…}), started by Kolla. */
        DEPLOYED,
        /** An OSD bootstrapped as the other store type: Kolla no longer starts it. */
        DEPLOYED_OTHER_STORE;

        public boolean usable() {
            return this == OSD || this == PART_OF_OSD || this == DEPLOYED;
        }

        public boolean wrongStore() {
            return this == OTHER_STORE || this == DEPLOYED_OTHER_STORE;
        }
    }

    /** One Ceph-named partition of a disk (a top-level lsblk device) and what Kolla does with it, and why. */
    public record Labelled(BlockDevice disk, BlockDevice partition, String label, Role role, String why) {

        /** An OSD the bootstrap partitions on its own disk (bluestore, or filestore with a co-located journal). */
        public boolean repartitionsDisk() {
            return role == Role.OSD && (label.contains("_BOOTSTRAP_BS") || label.endsWith("_BOOTSTRAP"));
        }
    }

    private OsdBootstrapLabel() {
    }

    /** Every partition of a host named for Kolla's Ceph, judged for the configured store type. */
    public static List<Labelled> judge(List<BlockDevice> devices, StoreType store) {
        Set<String> names = new HashSet<>(); // what find_disks' strict lookups can hit: GPT names, whole devices' fs labels
        devices.stream().flatMap(BlockDevice::flatten)
                .map(d -> d.isPartition() ? d.partLabel() : d.label())
                .filter(n -> n != null && !n.isBlank()).forEach(names::add);
        List<Labelled> result = new ArrayList<>();
        for (BlockDevice disk : devices) {
            disk.flatten().filter(p -> p.isPartition() && p.partLabel() != null && p.partLabel().startsWith("KOLLA_CEPH_"))
                    .forEach(p -> classify(disk, p, p.partLabel(), store, names, result));
        }
        return result;
    }

    private static void classify(BlockDevice disk, BlockDevice p, String label, StoreType store, Set<String> names,
                                 List<Labelled> out) {
        if (label.startsWith(DATA)) {
            StoreType of = label.startsWith(DATA + "_BS") ? StoreType.BLUESTORE : StoreType.FILESTORE;
            out.add(of == store
                    ? new Labelled(disk, p, label, Role.DEPLOYED, "a deployed " + store + " OSD")
                    : new Labelled(disk, p, label, Role.DEPLOYED_OTHER_STORE, "an OSD bootstrapped as " + of
                    + ", but with ceph_osd_store_type " + store + " Kolla starts only the OSDs named "
                    + store.dataPrefix() + "…, so this one is no longer started"));
            return;
        }
        String base = label.startsWith(CACHE_BOOTSTRAP) ? CACHE_BOOTSTRAP : label.startsWith(BOOTSTRAP) ? BOOTSTRAP : null;
        if (base == null) {
            return;
        }
        String prefix = base + (store == StoreType.BLUESTORE ? "_BS" : "");
        boolean bluestoreName = label.startsWith(base + "_BS");
        if (store == StoreType.BLUESTORE && !bluestoreName) {
            out.add(new Labelled(disk, p, label, Role.OTHER_STORE, "a filestore name: with ceph_osd_store_type bluestore "
                    + "find_disks looks for names starting with " + prefix + ", which '" + label + "' does not, "
                    + "so the partition is silently skipped"));
        } else if (store == StoreType.FILESTORE && bluestoreName) {
            out.add(new Labelled(disk, p, label, Role.OTHER_STORE, "a bluestore name: with ceph_osd_store_type filestore "
                    + "find_disks looks for names starting with " + prefix + "; '" + label + "' matches that prefix but "
                    + "not exactly, so it is taken for an external-journal OSD that needs a partition named '" + label
                    + "_J'; there is none, so it is skipped"));
        } else if (store == StoreType.BLUESTORE) {
            out.add(bluestore(disk, p, label, names));
        } else {
            out.add(filestore(disk, p, label, prefix, names));
        }
    }

    private static Labelled bluestore(BlockDevice disk, BlockDevice p, String label, Set<String> names) {
        for (String suffix : List.of("_B", "_W", "_D")) {
            if (label.endsWith(suffix)) {
                String osd = label.substring(0, label.length() - 2);
                String part = switch (suffix) {
                    case "_B" -> "block";
                    case "_W" -> "block.wal";
                    default -> "block.db";
                };
                return names.contains(osd)
                        ? new Labelled(disk, p, label, Role.PART_OF_OSD, "the " + part + " partition of OSD partition " + osd)
                        : new Labelled(disk, p, label, Role.ORPHAN, "a " + part + " partition, but no partition is named '"
                        + osd + "' (its OSD partition), so find_disks skips it");
            }
        }
        return new Labelled(disk, p, label, Role.OSD, "find_disks returns it: a bluestore OSD is bootstrapped on it at the next deploy");
    }

    private static Labelled filestore(BlockDevice disk, BlockDevice p, String label, String prefix, Set<String> names) {
        if (label.equals(prefix)) {
            return new Labelled(disk, p, label, Role.OSD, "find_disks returns it: a filestore OSD with a co-located journal "
                    + "is bootstrapped on it at the next deploy");
        }
        if (names.contains(label + "_J")) {
            return new Labelled(disk, p, label, Role.OSD, "find_disks returns it with its journal " + label + "_J");
        }
        String dataName = label.endsWith("_J") ? label.substring(0, label.length() - 2) : null;
        if (dataName != null && !dataName.equals(prefix) && names.contains(dataName)) {
            return new Labelled(disk, p, label, Role.PART_OF_OSD, "the external journal of OSD partition " + dataName);
        }
        return new Labelled(disk, p, label, Role.ORPHAN, "its name only starts with " + prefix + ", so find_disks takes it "
                + "for an external-journal OSD that needs a partition named '" + label + "_J'; there is none, so it is skipped");
    }

    /**
     * Non-ASCII partition names and filesystem labels on a disk, each as a sentence saying when find_disks (Python 2
     * in kolla_toolbox, decoding udev's values as ASCII) reads it and fails with {@code UnicodeDecodeError('ascii', …)}.
     */
    public static List<String> nonAsciiLabels(BlockDevice disk) {
        String error = "find_disks (Python 2 in kolla_toolbox) fails with UnicodeDecodeError('ascii', …)";
        List<String> found = new ArrayList<>();
        disk.flatten().forEach(d -> {
            if (!isAscii(d.partLabel())) {
                found.add(d.name() + " has a non-ASCII partition name '" + d.partLabel() + "': " + error
                        + " on it, as it reads every partition's name, so every OSD lookup on this host fails");
            }
            if (!isAscii(d.label())) {
                String what = d.name() + " has a non-ASCII filesystem label '" + d.label() + "'"
                        + (d.fsType() == null ? "" : " (" + d.fsType() + ")") + ": " + error;
                found.add(what + (d.isPartition()
                        ? " as soon as the partition carries a bootstrap name ('parted mkpart' over an old partition keeps "
                        + "its filesystem and label: wipe it first)"
                        : " on it, as it reads the label of every whole device, so every OSD lookup on this host fails"));
            }
        });
        return found;
    }

    static boolean isAscii(String s) {
        return s == null || s.chars().allMatch(c -> c < 0x80);
    }
}
