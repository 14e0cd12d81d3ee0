package io.kolladoctor.checks.support;

import io.kolladoctor.deployment.facts.openstack.StackResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Heat stack owns, nested stacks included (from {@code resources?nested_depth=N}): every physical ID Heat
 * will delete with it, and the routers and subnets of its network, read from its router, subnet and router
 * interface resources. Magnum's templates use aliases (e.g. {@code Magnum::Optional::Neutron::Router}) that its
 * environments map to {@code OS::Neutron::*}, and Heat lists the alias, so types match on their suffix.
 */
public record StackNetwork(Set<String> ownedIds, Set<String> routerIds, Set<String> subnetIds,
                           List<StackResource> routerInterfaces) {

    /** Neutron's RouterInterfaceInUseByFloatingIP message, as Heat quotes it in status reasons. */
    private static final Pattern BLOCKED_INTERFACE =
            Pattern.compile("Router interface for subnet ([0-9a-fA-F-]{36}) on router ([0-9a-fA-F-]{36})");

    public StackNetwork {
        ownedIds = Set.copyOf(ownedIds);
        routerIds = Set.copyOf(routerIds);
        subnetIds = Set.copyOf(subnetIds);
        routerInterfaces = List.copyOf(routerInterfaces);
    }

    public static StackNetwork of(List<StackResource> resources) {
        Set<String> owned = new HashSet<>();
        Set<String> routers = new HashSet<>();
        Set<String> subnets = new HashSet<>();
        List<StackResource> interfaces = new ArrayList<>();
        for (StackResource r : resources) {
            String id = r.physicalResourceId();
            if (id == null || id.isBlank() || "DELETE_COMPLETE".equals(r.status())) {
                continue; // not created yet, mapped to OS::Heat::None, or already gone
            }
            owned.add(id);
            if (isNeutron(r, "Router")) {
                routers.add(id);
            } else if (isNeutron(r, "Subnet")) {
                subnets.add(id);
            } else if (isNeutron(r, "RouterInterface")) {
                // Heat's physical ID of an interface is "<router id>:subnet_id=<subnet id>" (or ":port_id=<port id>").
                String[] parts = id.split(":", 2);
                routers.add(parts[0]);
                if (parts.length == 2 && parts[1].startsWith("subnet_id=")) {
                    subnets.add(parts[1].substring("subnet_id=".length()));
                }
                interfaces.add(r);
            }
        }
        return new StackNetwork(owned, routers, subnets, interfaces);
    }

    /**
     * Adds the router and subnet a status reason names when Neutron refused to remove an interface because
     * floating IPs need it: they belong to the stack's network even when its resource list does not show them.
     */
    public StackNetwork withBlockedInterfaces(String statusReason) {
        if (statusReason == null) {
            return this;
        }
        Set<String> routers = new HashSet<>(routerIds);
        Set<String> subnets = new HashSet<>(subnetIds);
        Matcher m = BLOCKED_INTERFACE.matcher(statusReason);
        while (m.find()) {
            subnets.add(m.group(1));
            routers.add(m.group(2));
        }
        return new StackNetwork(ownedIds, routers, subnets, routerInterfaces);
    }

    private static boolean isNeutron(StackResource r, String kind) {
        return r.type() != null && r.type().endsWith("Neutron::" + kind);
    }

    public boolean isEmpty() {
        return routerIds.isEmpty() && subnetIds.isEmpty();
    }

    public boolean owns(String physicalId) {
        return physicalId != null && ownedIds.contains(physicalId);
    }

    public boolean hasRouter(String routerId) {
        return routerId != null && routerIds.contains(routerId);
    }

    public boolean hasSubnet(String subnetId) {
        return subnetId != null && subnetIds.contains(subnetId);
    }

    /** The stack's interface resources on a router, e.g. Magnum's {@code extrouter_inside}. */
    public List<StackResource> interfacesOf(String routerId) {
        return routerInterfaces.stream().filter(r -> r.physicalResourceId().startsWith(routerId + ":")).toList();
    }
}
