package io.kolladoctor.deployment.model;

import java.util.Map;

/**
 * Kolla-Ansible's defaults ({@code ansible/group_vars/all.yml}) for the keys the checks read. Where Kolla
 * derives a default from another variable, the reference is kept and resolved by {@link Globals}.
 * Services in Kolla's "openstack core" default to enabled; the rest are opt-in.
 */
final class KollaDefaults {

    static final Map<String, Object> VALUES = Map.ofEntries(
            Map.entry("openstack_region_name", "RegionOne"),
            Map.entry("openstack_release", "master"),
            Map.entry("kolla_base_distro", "rocky"),
            Map.entry("docker_registry", ""),
            Map.entry("docker_namespace", "kolla"),
            Map.entry("network_interface", "eth0"),
            Map.entry("api_interface", "{{ network_interface }}"),
            Map.entry("storage_interface", "{{ network_interface }}"),
            Map.entry("neutron_external_interface", "eth1"),
            Map.entry("kolla_internal_vip_address", ""),
            Map.entry("enable_openstack_core", true),
            Map.entry("enable_keystone", "{{ enable_openstack_core | bool }}"),
            Map.entry("enable_glance", "{{ enable_openstack_core | bool }}"),
            Map.entry("enable_nova", "{{ enable_openstack_core | bool }}"),
            Map.entry("enable_neutron", "{{ enable_openstack_core | bool }}"),
            Map.entry("enable_heat", "{{ enable_openstack_core | bool }}"),
            Map.entry("enable_horizon", "{{ enable_openstack_core | bool }}"),
            Map.entry("enable_placement", "{{ enable_nova | bool }}"),
            Map.entry("enable_haproxy", true),
            Map.entry("enable_keepalived", "{{ enable_haproxy | bool }}"),
            Map.entry("enable_mariadb", true),
            Map.entry("enable_memcached", true),
            Map.entry("enable_rabbitmq", true),
            Map.entry("enable_fluentd", true),
            Map.entry("enable_cron", true),
            Map.entry("enable_kolla_toolbox", true),
            Map.entry("enable_magnum", false),
            Map.entry("enable_aodh", false),
            Map.entry("enable_ceilometer", false),
            Map.entry("enable_gnocchi", false),
            Map.entry("enable_cinder", false),
            Map.entry("enable_octavia", false),
            Map.entry("enable_barbican", false),
            Map.entry("enable_designate", false),
            Map.entry("enable_manila", false),
            Map.entry("enable_ironic", false),
            Map.entry("enable_swift", false),
            Map.entry("enable_ceph", false),
            Map.entry("enable_cluster_user_trust", false),
            Map.entry("ceph_osd_store_type", "bluestore"),
            Map.entry("osd_pool_default_size", 3),
            Map.entry("osd_pool_default_min_size", 2));

    private KollaDefaults() {
    }
}
