package io.kolladoctor.deployment.live;

import io.kolladoctor.deployment.model.Host;
import io.kolladoctor.deployment.parse.MalformedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code ~/.config/kolla-doctor/config.yaml}: only what no standard file says. Everything is optional:
 * <pre>
 * name: prod-east                 # the deployment's name in reports (default: this machine's host name)
 * kubernetes_namespaces: [kolla]  # namespaces looked at in every kubeconfig context (default: kolla)
 * extra_hosts:                    # hosts outside the Kolla inventory, reached over SSH like inventory hosts
 *   - name: k8s-prod-master-0
 *     address: 172.24.4.105
 *     user: core
 *     groups: [magnum-node]       # magnum-node: a Magnum cluster node (heat agent checks)
 *     cluster: 5e1a9c3e-…         # its Magnum cluster's UUID
 * </pre>
 * Magnum nodes can also be listed in the inventory, in a group {@code magnum-node} (with {@code magnum_cluster=}).
 */
public record LiveConfig(String name, List<String> kubernetesNamespaces, List<Host> extraHosts) {

    public static final List<String> DEFAULT_NAMESPACES = List.of("kolla");

    public LiveConfig {
        kubernetesNamespaces = kubernetesNamespaces == null || kubernetesNamespaces.isEmpty() ? DEFAULT_NAMESPACES
                : List.copyOf(kubernetesNamespaces);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }

    public static LiveConfig none() {
        return new LiveConfig(null, null, null);
    }

    public static Path standardPath(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg == null || xdg.isBlank() ? home.resolve(".config") : Path.of(xdg);
        return base.resolve("kolla-doctor/config.yaml");
    }

    /** The file's settings; a missing file means none. */
    public static LiveConfig load(Path file) throws MalformedException {
        if (file == null || !Files.isRegularFile(file)) {
            return none();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MalformedException(file + ": " + e.getMessage());
        } catch (MalformedException e) {
            throw new MalformedException(file + ": " + e.getMessage());
        }
    }

    public static LiveConfig parse(String text) throws MalformedException {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new MalformedException("not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null) {
            return none();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new MalformedException("expected a mapping at the top");
        }
        String name = scalar(map.get("name"), "name");
        List<String> namespaces = strings(map.get("kubernetes_namespaces"), "kubernetes_namespaces");
        List<Host> hosts = new ArrayList<>();
        Object extra = map.get("extra_hosts");
        if (extra != null) {
            if (!(extra instanceof List<?> list)) {
                throw new MalformedException("extra_hosts: expected a list");
            }
            for (Object item : list) {
                hosts.add(host(item));
            }
        }
        return new LiveConfig(name, namespaces, hosts);
    }

    private static Host host(Object item) throws MalformedException {
        if (!(item instanceof Map<?, ?> h)) {
            throw new MalformedException("extra_hosts: each entry must be a mapping with at least 'name'");
        }
        String name = scalar(h.get("name"), "extra_hosts.name");
        if (name == null || name.isBlank()) {
            throw new MalformedException("extra_hosts: an entry has no name");
        }
        String address = scalar(h.get("address"), "extra_hosts.address");
        String user = scalar(h.get("user"), "extra_hosts.user");
        Set<String> groups = new LinkedHashSet<>(strings(h.get("groups"), "extra_hosts.groups"));
        Map<String, String> vars = new LinkedHashMap<>();
        if (address != null) {
            vars.put("ansible_host", address);
        }
        if (user != null) {
            vars.put("ansible_user", user);
        }
        String cluster = scalar(h.get("cluster"), "extra_hosts.cluster");
        if (cluster != null) {
            vars.put("magnum_cluster", cluster);
        }
        return new Host(name, address == null ? name : address, user == null ? "root" : user, groups, vars);
    }

    private static String scalar(Object value, String key) throws MalformedException {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new MalformedException(key + ": expected a single value");
        }
        return value.toString();
    }

    private static List<String> strings(Object value, String key) throws MalformedException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new MalformedException(key + ": expected a list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(scalar(o, key));
        }
        return out;
    }
}
