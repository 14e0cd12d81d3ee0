package io.kolladoctor.deployment.model;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kolla-Ansible's inventory ({@code all-in-one} / {@code multinode}): hosts, groups and children groups.
 * Group membership is resolved through children, as Ansible does: {@code nova-scheduler} holds the hosts
 * of {@code control} when {@code [nova-scheduler:children]} lists {@code nova} and {@code [nova:children]}
 * lists {@code control}.
 */
public final class Inventory {

    private final Map<String, Set<String>> directHosts;
    private final Map<String, Set<String>> children;
    private final Map<String, Host> hosts = new LinkedHashMap<>();

    Inventory(Map<String, Set<String>> directHosts, Map<String, Set<String>> children,
              Map<String, Map<String, String>> hostVars, Map<String, Map<String, String>> groupVars) {
        this.directHosts = directHosts;
        this.children = children;
        for (String name : hostVars.keySet()) {
            Set<String> groups = groupsOf(name);
            Map<String, String> vars = new LinkedHashMap<>();
            groups.forEach(g -> vars.putAll(groupVars.getOrDefault(g, Map.of())));
            vars.putAll(hostVars.get(name));
            String address = vars.getOrDefault("ansible_host", name);
            String user = vars.getOrDefault("ansible_user", "root");
            hosts.put(name, new Host(name, address, user, groups, vars));
        }
    }

    public Collection<Host> hosts() {
        return hosts.values();
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public Set<String> groupNames() {
        Set<String> names = new LinkedHashSet<>(directHosts.keySet());
        names.addAll(children.keySet());
        return names;
    }

    /** Hosts of a group, children included, in inventory order; empty for an unknown group. */
    public List<Host> hostsIn(String group) {
        Set<String> names = hostNamesIn(group);
        return hosts.values().stream().filter(h -> names.contains(h.name())).toList();
    }

    private Set<String> groupsOf(String host) {
        Set<String> groups = new LinkedHashSet<>();
        for (String group : groupNames()) {
            if (hostNamesIn(group).contains(host)) {
                groups.add(group);
            }
        }
        return groups;
    }

    private Set<String> hostNamesIn(String group) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(group));
        while (!todo.isEmpty()) {
            String g = todo.pop();
            if (seen.add(g)) { // a cycle in :children is visited once, as Ansible does
                names.addAll(directHosts.getOrDefault(g, Set.of()));
                todo.addAll(children.getOrDefault(g, Set.of()));
            }
        }
        return names;
    }
}
