package io.kolladoctor.deployment.model;

import io.kolladoctor.deployment.secrets.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Kolla deployment as the checks see it: inventory, globals over Kolla's defaults, the masker built from
 * passwords.yml, and the topology of its source (cloud, Kubernetes contexts, hosts outside the inventory).
 */
public record Deployment(Inventory inventory, Globals globals, Passwords passwords, Topology topology,
                         SecretMasker masker) {

    /** Group of hosts outside the inventory that are Magnum cluster nodes. */
    public static final String MAGNUM_NODES = "magnum-node";

    public String name() {
        return topology.name();
    }

    /** Inventory hosts, then the extra hosts of the topology. */
    public List<Host> hosts() {
        List<Host> all = new ArrayList<>(inventory.hosts());
        all.addAll(topology.extraHosts());
        return all;
    }

    /** Hosts of a group (inventory children resolved), extra hosts included. */
    public List<Host> hostsIn(String group) {
        return Stream.concat(inventory.hostsIn(group).stream(),
                topology.extraHosts().stream().filter(h -> h.in(group))).toList();
    }

    public Optional<Host> host(String name) {
        return hosts().stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The OpenStack cloud the source reaches, if any. */
    public Optional<String> cloud() {
        return Optional.ofNullable(topology.cloud());
    }
}
