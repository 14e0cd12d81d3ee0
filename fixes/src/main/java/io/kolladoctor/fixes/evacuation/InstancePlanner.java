package io.kolladoctor.fixes.evacuation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, as a pure function of what Nova reports, what happens to each instance of a failed host and where it goes:
 * <ul>
 * <li>whether its disk survives (volume-backed, or {@code on_share_storage}), must be rebuilt from its image (local
 * disk: only with {@code allow_evacuate_local_vm}), or it stays;</li>
 * <li>a target among the computes that are up, enabled and not forced down (never a disabled or down one), or only the
 * reserved host when one is given;</li>
 * <li>server groups: an anti-affinity member never goes to a host holding another member (counting the instances
 * planned before it), an affinity member goes where its group already runs;</li>
 * <li>capacity: free RAM, and free disk for local disks (rebuilt on the target), taken off as instances are placed. CPU is not counted: Nova
 * overcommits it by its allocation ratio, which the API does not show.</li>
 * </ul>
 * Among the hosts left, the one with the most free RAM is chosen, so the instances spread.
 */
public final class InstancePlanner {

    /** What the planner needs beyond Nova's lists. */
    public record Options(boolean sharedStorage, boolean allowLocal, String reservedHost, boolean scheduler) {
    }

    private InstancePlanner() {
    }

    public static List<InstanceMove> plan(String failedHost, List<NovaServer> servers, List<NovaService> services,
                                          List<Hypervisor> hypervisors, List<ServerGroup> groups,
                                          Map<String, Flavor> flavors, Map<String, NovaServer> peers, Options options) {
        Map<String, Long> freeRam = new HashMap<>();
        Map<String, Long> freeDisk = new HashMap<>();
        hypervisors.forEach(h -> {
            freeRam.merge(h.host(), h.freeRamMb(), Long::sum);
            freeDisk.merge(h.host(), h.freeDiskGb(), Long::sum);
        });
        Map<String, String> placement = new HashMap<>(); // server id -> host, updated as we plan
        Map<String, String> names = new HashMap<>();
        peers.values().forEach(p -> {
            placement.put(p.id(), p.host());
            names.put(p.id(), p.label());
        });
        servers.forEach(s -> {
            placement.put(s.id(), failedHost);
            names.put(s.id(), s.label());
        });
        List<InstanceMove> moves = new ArrayList<>();
        for (NovaServer server : servers.stream().sorted(Comparator.comparing(NovaServer::label)).toList()) {
            moves.add(planOne(failedHost, server, services, groups, flavors, placement, names, freeRam, freeDisk, options));
        }
        return moves;
    }

    private static InstanceMove planOne(String failedHost, NovaServer server, List<NovaService> services,
                                        List<ServerGroup> groups, Map<String, Flavor> flavors,
                                        Map<String, String> placement, Map<String, String> names,
                                        Map<String, Long> freeRam, Map<String, Long> freeDisk, Options options) {
        List<String> notes = new ArrayList<>();
        InstanceMove.Disposition disposition;
        String why;
        if (server.volumeBacked()) {
            disposition = InstanceMove.Disposition.EVACUATE;
            why = "root disk on a volume: kept";
        } else if (options.sharedStorage()) {
            disposition = InstanceMove.Disposition.EVACUATE;
            why = "instance disk on shared storage (on_share_storage = true): kept";
        } else if (options.allowLocal()) {
            disposition = InstanceMove.Disposition.REBUILD;
            why = "local disk: rebuilt from its image on the target, the disk's contents are lost";
        } else {
            return new InstanceMove(server, InstanceMove.Disposition.STAY, null,
                    "local disk, and allow_evacuate_local_vm = false: evacuating would rebuild it from its image "
                            + "and lose the disk's contents", notes);
        }
        if (server.taskState() != null || !List.of("active", "stopped", "error").contains(String.valueOf(server.vmState()))) {
            notes.add("state " + server.vmState() + (server.taskState() == null ? "" : "/" + server.taskState())
                    + " is reset to error first (Nova evacuates only active, stopped or error instances)");
        }
        Flavor flavor = flavors.get(server.flavorId());
        if (flavor == null) {
            notes.add("flavor " + server.flavorId() + " is gone: capacity not checked");
        }
        long ram = flavor == null ? 0 : flavor.ramMb();
        // only a local disk takes room on the target: a volume or shared storage is already where it will be
        long disk = flavor == null || disposition == InstanceMove.Disposition.EVACUATE ? 0 : flavor.diskGb();

        List<String> refusals = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        for (NovaService s : services.stream().sorted(Comparator.comparing(NovaService::host)).toList()) {
            if (s.host().equals(failedHost)) {
                continue;
            }
            if (options.reservedHost() != null && !s.host().equals(options.reservedHost())) {
                continue;
            }
            Optional<String> refusal = refusal(s, server, groups, placement, names, freeRam, freeDisk, ram, disk);
            if (refusal.isPresent()) {
                refusals.add(s.host() + ": " + refusal.get());
            } else {
                candidates.add(s.host());
            }
        }
        if (options.reservedHost() != null && services.stream().noneMatch(s -> s.host().equals(options.reservedHost()))) {
            refusals.add(options.reservedHost() + ": no nova-compute service of that name");
        }
        Optional<String> affine = affinityHost(server, groups, placement, failedHost);
        if (affine.isPresent()) {
            if (candidates.contains(affine.get())) {
                candidates = List.of(affine.get());
            } else {
                refusals.add("affinity: its group runs on " + affine.get() + ", which cannot take it");
                candidates = List.of();
            }
        }
        if (candidates.isEmpty()) {
            return new InstanceMove(server, InstanceMove.Disposition.STAY, null,
                    refusals.isEmpty() ? "no other nova-compute host" : "no host can take it", refusals);
        }
        String target = candidates.stream()
                .max(Comparator.comparingLong((String h) -> freeRam.getOrDefault(h, 0L)).thenComparing(Comparator.reverseOrder()))
                .orElseThrow();
        freeRam.merge(target, -ram, Long::sum);
        freeDisk.merge(target, -disk, Long::sum);
        placement.put(server.id(), target);
        notes.addAll(refusals.stream().map(r -> "not " + r).toList());
        return new InstanceMove(server, disposition, options.scheduler() ? null : target, why, notes);
    }

    /** Why {@code service}'s host cannot take {@code server}, if it cannot. */
    private static Optional<String> refusal(NovaService service, NovaServer server, List<ServerGroup> groups,
                                            Map<String, String> placement, Map<String, String> names,
                                            Map<String, Long> freeRam, Map<String, Long> freeDisk, long ram, long disk) {
        if (!service.usable()) {
            return Optional.of("nova-compute " + service.describe());
        }
        for (ServerGroup group : groups) {
            if (!group.antiAffinity() || !group.members().contains(server.id())) {
                continue;
            }
            for (String peer : group.members()) {
                if (!peer.equals(server.id()) && service.host().equals(placement.get(peer))) {
                    return Optional.of("anti-affinity group " + name(group) + ": its peer "
                            + names.getOrDefault(peer, peer) + " is there");
                }
            }
        }
        if (!freeRam.containsKey(service.host())) {
            return Optional.of("no hypervisor record (capacity unknown)");
        }
        if (freeRam.get(service.host()) < ram) {
            return Optional.of("not enough free RAM (" + freeRam.get(service.host()) + " MiB free, " + ram + " MiB needed)");
        }
        if (freeDisk.getOrDefault(service.host(), 0L) < disk) {
            return Optional.of("not enough free disk (" + freeDisk.getOrDefault(service.host(), 0L) + " GiB free, "
                    + disk + " GiB needed)");
        }
        return Optional.empty();
    }

    /** The host an affinity group of {@code server} already runs on (off the failed host), if any. */
    private static Optional<String> affinityHost(NovaServer server, List<ServerGroup> groups,
                                                 Map<String, String> placement, String failedHost) {
        for (ServerGroup group : groups) {
            if (!group.affinity() || !group.members().contains(server.id())) {
                continue;
            }
            for (String peer : group.members()) {
                String host = placement.get(peer);
                if (!peer.equals(server.id()) && host != null && !host.equals(failedHost)) {
                    return Optional.of(host);
                }
            }
        }
        return Optional.empty();
    }

    private static String name(ServerGroup group) {
        return group.name() == null || group.name().isBlank() ? group.id() : group.name();
    }
}
