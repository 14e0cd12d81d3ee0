package io.kolladoctor.deployment.facts.host;

import java.util.List;
import java.util.stream.Stream;

/**
 * One node of {@code lsblk -J -o NAME,PATH,TYPE,SIZE,PARTLABEL,LABEL,FSTYPE,MOUNTPOINT}: a disk, a
 * partition, a loop device… with its children. Labels are as the kernel reports them (lsblk decodes
 * its {@code \x} escapes), CJK included.
 */
public record BlockDevice(String name, String path, String type, String size, String partLabel, String label,
                          String fsType, String mountpoint, List<BlockDevice> children) {

    public BlockDevice {
        children = children == null ? List.of() : List.copyOf(children);
    }

    public boolean isDisk() {
        return "disk".equals(type);
    }

    public boolean isPartition() {
        return "part".equals(type);
    }

    /** This device and everything below it. */
    public Stream<BlockDevice> flatten() {
        return Stream.concat(Stream.of(this), children.stream().flatMap(BlockDevice::flatten));
    }

    /** True when this device or anything on it is mounted. */
    public boolean isInUse() {
        return flatten().anyMatch(d -> d.mountpoint() != null && !d.mountpoint().isBlank());
    }

    public String displayPath() {
        return path != null ? path : "/dev/" + name;
    }
}
