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

    /**
     * A Kolla-Ansible API service whose config has a {@code [keystone_authtoken]}: its {@code enable_<name>} flag,
     * the inventory group of its API, the Keystone user Kolla registers for it ({@code <name>_keystone_user}), and
     * where Kolla renders its API config (the first of these a host has is the one the container mounts).
     */
    public record ApiService(String name, String apiGroup, String keystoneUser, List<String> configPaths) {
    }

    /**
     * Kolla-Ansible's API services with a {@code [keystone_authtoken]}. Up to Rocky placement-api runs on nova.conf
     * (token user nova); Stein+ renders placement.conf. Keystone itself has no such section.
     */
    public static final List<ApiService> API_SERVICES = List.of(
            new ApiService("glance", "glance-api", "glance", List.of("/etc/kolla/glance-api/glance-api.conf")),
            new ApiService("nova", "nova-api", "nova", List.of("/etc/kolla/nova-api/nova.conf")),
            new ApiService("placement", "placement-api", "placement",
                    List.of("/etc/kolla/placement-api/placement.conf", "/etc/kolla/placement-api/nova.conf")),
            new ApiService("neutron", "neutron-server", "neutron", List.of("/etc/kolla/neutron-server/neutron.conf")),
            new ApiService("cinder", "cinder-api", "cinder", List.of("/etc/kolla/cinder-api/cinder.conf")),
            new ApiService("heat", "heat-api", "heat", List.of("/etc/kolla/heat-api/heat.conf")),
            new ApiService("magnum", "magnum-api", "magnum", List.of("/etc/kolla/magnum-api/magnum.conf")),
            new ApiService("octavia", "octavia-api", "octavia", List.of("/etc/kolla/octavia-api/octavia.conf")),
            new ApiService("aodh", "aodh-api", "aodh", List.of("/etc/kolla/aodh-api/aodh.conf")),
            new ApiService("gnocchi", "gnocchi-api", "gnocchi", List.of("/etc/kolla/gnocchi-api/gnocchi.conf")),
            new ApiService("barbican", "barbican-api", "barbican", List.of("/etc/kolla/barbican-api/barbican.conf")),
            new ApiService("designate", "designate-api", "designate", List.of("/etc/kolla/designate-api/designate.conf")),
            new ApiService("manila", "manila-api", "manila", List.of("/etc/kolla/manila-api/manila.conf")),
            new ApiService("ironic", "ironic-api", "ironic", List.of("/etc/kolla/ironic-api/ironic.conf")));

    private KollaServices() {
    }

    /** The API services whose {@code enable_<name>} is on. */
    public static List<ApiService> enabledApiServices(Deployment deployment) {
        return API_SERVICES.stream().filter(s -> deployment.globals().enabled(s.name())).toList();
    }

    /** Hosts of the service's API group, else of {@code control} (inventories that omit per-service groups). */
    public static List<Host> apiHosts(Deployment deployment, ApiService service) {
        List<Host> hosts = deployment.inventory().hostsIn(service.apiGroup());
        return hosts.isEmpty() ? deployment.inventory().hostsIn("control") : hosts;
    }

    /** The Keystone user Kolla registers for the service: {@code <name>_keystone_user} from globals, else Kolla's. */
    public static String keystoneUser(Globals globals, ApiService service) {
        String set = globals.string(service.name() + "_keystone_user");
        return set == null || set.isBlank() ? service.keystoneUser() : set;
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
