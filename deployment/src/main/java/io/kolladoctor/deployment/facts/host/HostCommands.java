package io.kolladoctor.deployment.facts.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.parse.MalformedException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Outputs of commands run on a host, stored under {@code commands/}. The command line each one stands
 * for is in {@link #COMMAND_LINES}, which the live collector runs and docs/snapshot.md lists.
 */
public final class HostCommands {

    public static final String LSBLK = "lsblk -J -o NAME,PATH,TYPE,SIZE,PARTLABEL,LABEL,FSTYPE,MOUNTPOINT";
    public static final String IP_ADDR = "ip -j addr";
    public static final String HOSTNAME = "hostname";
    public static final String GETENT = "getent ahostsv4 NAME";
    public static final String SFDISK = "sfdisk --json DISK";

    public static final List<String> COMMAND_LINES = List.of(LSBLK, IP_ADDR, HOSTNAME, GETENT, SFDISK);

    private HostCommands() {
    }

    public static Fact<List<BlockDevice>> blockDevices(String host) {
        return Fact.of(FactRequest.host(host, "commands/lsblk.json"), "lsblk JSON", m -> parseLsblk(m.text()));
    }

    public static Fact<List<InterfaceAddress>> addresses(String host) {
        return Fact.of(FactRequest.host(host, "commands/ip-addr.json"), "ip -j addr JSON", m -> parseIpAddr(m.text()));
    }

    public static Fact<String> hostname(String host) {
        return Fact.of(FactRequest.host(host, "commands/hostname.txt"), "hostname output", m -> m.text().strip());
    }

    /** IPv4 addresses a name resolves to on that host ({@code getent ahostsv4}); absent when it does not resolve. */
    public static Fact<List<String>> resolve(String host, String name) {
        return Fact.of(FactRequest.host(host, "commands/getent-ahostsv4/" + name + ".txt"), "getent output",
                m -> parseGetent(m.text()));
    }

    /** The partition table as written on the disk ({@code sfdisk --json /dev/sdX}); names are partition nodes. */
    public static Fact<List<String>> partitionTable(String host, String diskName) {
        return Fact.of(FactRequest.host(host, "commands/sfdisk/" + diskName + ".json"), "sfdisk JSON",
                m -> parseSfdisk(m.text()));
    }

    static List<BlockDevice> parseLsblk(String text) throws MalformedException {
        JsonNode body = Json.parse(text);
        List<BlockDevice> devices = new ArrayList<>();
        for (JsonNode node : Json.list(body, "blockdevices")) {
            devices.add(device(node, 0));
        }
        return devices;
    }

    private static BlockDevice device(JsonNode node, int depth) throws MalformedException {
        if (depth > 16) {
            throw new MalformedException("block devices nested deeper than 16 levels");
        }
        List<BlockDevice> children = new ArrayList<>();
        if (node.path("children").isArray()) {
            for (JsonNode child : node.path("children")) {
                children.add(device(child, depth + 1));
            }
        }
        return new BlockDevice(Json.text(node, "name"), Json.text(node, "path"), Json.text(node, "type"),
                Json.text(node, "size"), Json.text(node, "partlabel"), Json.text(node, "label"),
                Json.text(node, "fstype"), Json.text(node, "mountpoint"), children);
    }

    static List<InterfaceAddress> parseIpAddr(String text) throws MalformedException {
        List<InterfaceAddress> addresses = new ArrayList<>();
        for (JsonNode link : Json.list(Json.parse(text), "links")) {
            String ifname = Json.text(link, "ifname");
            for (JsonNode info : link.path("addr_info")) {
                String local = Json.text(info, "local");
                if (local != null) {
                    addresses.add(new InterfaceAddress(ifname, Json.text(info, "family"), local,
                            (int) Json.number(info, "prefixlen", -1)));
                }
            }
        }
        return addresses;
    }

    static List<String> parseGetent(String text) {
        Set<String> addresses = new LinkedHashSet<>();
        text.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+")[0])
                .filter(a -> a.matches("\\d{1,3}(\\.\\d{1,3}){3}"))
                .forEach(addresses::add);
        return List.copyOf(addresses);
    }

    static List<String> parseSfdisk(String text) throws MalformedException {
        JsonNode table = Json.parse(text).path("partitiontable");
        if (!table.isObject()) {
            throw new MalformedException("no \"partitiontable\" object");
        }
        List<String> nodes = new ArrayList<>();
        for (JsonNode p : table.path("partitions")) {
            String node = Json.text(p, "node");
            if (node != null) {
                nodes.add(node.startsWith("/dev/") ? node.substring(5) : node);
            }
        }
        return nodes;
    }
}
