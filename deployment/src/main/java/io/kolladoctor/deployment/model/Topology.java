package io.kolladoctor.deployment.model;

import java.util.List;
import java.util.Map;

/**
 * What a source can reach beyond the Kolla inventory: its OpenStack cloud (null when none), its
 * Kubernetes contexts with the namespaces that hold Kolla-Kubernetes services, and hosts outside the
 * inventory (Magnum cluster nodes).
 */
public record Topology(String name, String cloud, Map<String, List<String>> kubernetes, List<Host> extraHosts) {

    public Topology {
        kubernetes = kubernetes == null ? Map.of() : Map.copyOf(kubernetes);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }
}
