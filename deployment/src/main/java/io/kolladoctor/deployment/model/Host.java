package io.kolladoctor.deployment.model;

import java.util.Map;
import java.util.Set;

/**
 * A host of the deployment: its inventory name, the address to reach it ({@code ansible_host}, else the
 * name), the SSH user, every group it belongs to (children groups resolved) and its inventory vars.
 */
public record Host(String name, String address, String user, Set<String> groups, Map<String, String> vars) {

    public Host {
        groups = Set.copyOf(groups);
        vars = Map.copyOf(vars);
    }

    public boolean in(String group) {
        return groups.contains(group);
    }
}
