package io.kolladoctor.checks.support;

import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.model.Globals;
import io.kolladoctor.deployment.model.Host;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kolla-Ansible's naming conventions: which hosts run containers, which service a container belongs to, where it logs. */
public final class KollaServices {

    /** Kolla's top-level inventory groups; the [deployment] localhost is not a Kolla host. */
    public static final List<String> HOST_GROUPS = List.of("control", "network", "compute", "storage", "monitoring");

    /** Container name prefixes whose enable flag is not named after the prefix. */
    private static final Map<String, String> ENABLE_FLAG = Map.of(
            "openvswitch", "neutron",
            "neutron", "neutron",
            "kolla", "kolla_toolbox",
            "bootstrap", "kolla_toolbox");

    /** Log directories that differ from the container prefix. */
    private static final Map<String, String> LOG_DIRECTORY = Map.of("openvswitch", "openvswitch", "kolla", "kolla-toolbox");

    private static final Set<String> ALWAYS_ON = Set.of("cron", "fluentd", "kolla_toolbox");

    private KollaServices() {
    }

    /** Hosts of the five Kolla groups, in inventory order, each once; Magnum nodes are not Kolla hosts. */
    public static List<Host> kollaHosts(Deployment deployment) {
        return deployment.inventory().hosts().stream()
                .filter(h -> HOST_GROUPS.stream().anyMatch(h::in))
                .toList();
    }

    /** The service a container belongs to: {@code nova_scheduler} → nova, {@code ceph_osd_3} → ceph. */
    public static String service(String containerName) {
        int underscore = containerName.indexOf('_');
        return underscore < 0 ? containerName : containerName.substring(0, underscore);
    }

    /** Whether {@code enable_<service>} is on (containers of services Kolla has no flag for count as enabled). */
    public static boolean isEnabled(Globals globals, String containerName) {
        if (ALWAYS_ON.contains(containerName)) {
            return true;
        }
        String prefix = service(containerName);
        String flag = ENABLE_FLAG.getOrDefault(prefix, prefix);
        return globals.value("enable_" + flag).isEmpty() || globals.enabled(flag);
    }

    /** Kolla's run-once containers (bootstrap_osd_0, nova_bootstrap…): exiting is their job. */
    public static boolean isOneShot(String containerName) {
        return containerName.startsWith("bootstrap_") || containerName.endsWith("_bootstrap");
    }

    /** {@code /var/log/kolla/nova/nova-scheduler.log} for {@code nova_scheduler}. */
    public static String logFile(String containerName) {
        String prefix = service(containerName);
        String dir = LOG_DIRECTORY.getOrDefault(prefix, prefix);
        return "/var/log/kolla/" + dir + "/" + containerName.replace('_', '-') + ".log";
    }
}
