package io.kolladoctor.deployment.facts.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.parse.MalformedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The partition table written on a disk, as {@code sfdisk -J /dev/<disk>} prints it ({@code label} gpt or dos,
 * each partition's node, start, size, type and GPT name). This is what the disk says; the kernel's view (lsblk,
 * udev) can lag behind it when the table was rewritten while a partition was busy, which is what
 * {@link #differencesFrom(BlockDevice)} reports.
 */
public record PartitionTable(String label, String device, List<Entry> partitions) {

    /** One partition of the table; {@code name} is the GPT partition name (null for dos tables and unnamed ones). */
    public record Entry(String node, long start, long size, String type, String name) {

        /** {@code sdb1} for {@code /dev/sdb1}, as lsblk names it. */
        public String nodeName() {
            return node.startsWith("/dev/") ? node.substring(5) : node;
        }
    }

    public PartitionTable {
        partitions = List.copyOf(partitions);
    }

    /** Same file as {@link HostCommands#partitionTable}, read in full. */
    public static Fact<PartitionTable> of(String host, String diskName) {
        return Fact.of(FactRequest.host(host, "commands/sfdisk/" + diskName + ".json"), "sfdisk partition table JSON",
                m -> parse(m.text()));
    }

    public static PartitionTable parse(String text) throws MalformedException {
        JsonNode table = Json.parse(text).path("partitiontable");
        if (!table.isObject()) {
            throw new MalformedException("no \"partitiontable\" object");
        }
        List<Entry> entries = new ArrayList<>();
        JsonNode partitions = table.path("partitions");
        if (!partitions.isMissingNode() && !partitions.isArray()) {
            throw new MalformedException("\"partitions\" is not a list");
        }
        for (JsonNode p : partitions) {
            String node = Json.text(p, "node");
            if (node == null || node.isBlank()) {
                throw new MalformedException("a partition without \"node\"");
            }
            entries.add(new Entry(node, Json.number(p, "start", -1), Json.number(p, "size", -1),
                    Json.text(p, "type"), Json.text(p, "name")));
        }
        return new PartitionTable(Json.text(table, "label"), Json.text(table, "device"), entries);
    }

    /**
     * How the kernel's partitions of a disk (its lsblk node: children of type part and their PARTLABEL) differ
     * from this table: partitions only one side knows, and GPT names that differ. Empty when they agree.
     */
    public List<String> differencesFrom(BlockDevice kernelDisk) {
        Map<String, String> kernel = new LinkedHashMap<>();
        kernelDisk.children().stream().filter(BlockDevice::isPartition)
                .forEach(p -> kernel.put(p.name(), blankToEmpty(p.partLabel())));
        Map<String, String> disk = new LinkedHashMap<>();
        partitions.forEach(e -> disk.put(e.nodeName(), blankToEmpty(e.name())));
        List<String> differences = new ArrayList<>();
        disk.forEach((node, name) -> {
            if (!kernel.containsKey(node)) {
                differences.add(node + " is on the disk but unknown to the kernel");
            } else if (!Objects.equals(name, kernel.get(node))) {
                differences.add(node + " is named '" + name + "' on the disk but '" + kernel.get(node) + "' in the kernel's view");
            }
        });
        kernel.keySet().stream().filter(node -> !disk.containsKey(node))
                .forEach(node -> differences.add(node + " is known to the kernel but no longer on the disk"));
        return differences;
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
