package io.kolladoctor.checks.catalog;

import java.util.Map;

/** The incident write-ups the checks come from (../shared/seeds/, in Chinese), by number. */
public final class Seeds {

    private static final Map<String, String> TITLES = Map.of(
            "000", "\"Aodh 的 k8s 化\" — moving Aodh onto Kubernetes (Kolla-Kubernetes): 503s, service users, wsgi Listen",
            "001", "\"Install OpenStack by Kolla Ansible and Get LoadBalancer IP\" (2018-11) — Kolla-Ansible, Ceph, Magnum, Octavia",
            "002", "\"Openstack计算节点高可用\" — UMHA compute-node high availability and evacuation",
            "003", "\"OpenStack Kolla实践\" — Kolla practice: registry, hostname resolution, VIP",
            "004", "\"ceilometer(N)+gnocchi(3.0)+ceph集成\" — Ceilometer, Gnocchi and Ceph integration");

    private Seeds() {
    }

    public static String describe(String number) {
        return "incident write-up " + number + ": " + TITLES.getOrDefault(number, "(unknown)");
    }
}
