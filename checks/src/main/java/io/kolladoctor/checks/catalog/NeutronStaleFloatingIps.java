package io.kolladoctor.checks.catalog;

import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.CheckInfo;
import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Subject;
import io.kolladoctor.checks.support.CloudResources;
import io.kolladoctor.checks.support.StackDeletion;
import io.kolladoctor.checks.support.StackNetwork;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.openstack.FloatingIp;
import io.kolladoctor.deployment.facts.openstack.LoadBalancer;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.deployment.facts.openstack.StackResource;
import io.kolladoctor.deployment.model.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A5 {@code neutron.stale-floating-ips} — floating IPs that block Magnum cluster deletion. Seed 001.
 *
 * <p>Symptom: {@code openstack coe cluster delete} hangs, then {@code DELETE_FAILED}; magnum-conductor logs
 * {@code Router interface for subnet … on router … cannot be deleted, as it is required by one or more floating IPs}.
 * <p>Cause: Kubernetes' OpenStack cloud provider made a load balancer and a floating IP for a
 * {@code type: LoadBalancer} Service; they are not resources of the cluster's Heat stack, so Heat never
 * deletes them and the cluster network cannot go.
 * <p>Rule: for each Magnum cluster — or top-level Heat stack without a cluster — in {@code DELETE_FAILED} /
 * {@code DELETE_IN_PROGRESS}: FAIL for each floating IP whose {@code router_id} is a router of the stack and
 * each load balancer whose VIP is on a subnet of the stack, when it is not itself a stack resource (nested
 * stacks included). WARN for floating IPs associated with no port, in any project. SKIP without Neutron.
 * <p>Fix: release those floating IPs; delete each orphan load balancer (health monitor → pool → listener →
 * load balancer, or a cascade delete); retry the cluster delete.
 */
public final class NeutronStaleFloatingIps implements Check {

    static final CheckInfo INFO = new CheckInfo(
            "neutron.stale-floating-ips",
            "Floating IPs and load balancers that block Magnum cluster deletion",
            "'openstack coe cluster delete' hangs, then DELETE_FAILED; magnum-conductor logs 'Router interface for "
                    + "subnet … on router … cannot be deleted, as it is required by one or more floating IPs'.",
            "For each Magnum cluster (or top-level Heat stack without a cluster) in DELETE_FAILED or "
                    + "DELETE_IN_PROGRESS: FAIL for each floating IP whose router_id is a router of its stack and each "
                    + "load balancer whose VIP is on a subnet of its stack, when it is not itself a stack resource "
                    + "(nested stacks included) — Kubernetes' cloud provider makes such load balancers and floating "
                    + "IPs for LoadBalancer Services and Heat never deletes them. WARN for floating IPs associated "
                    + "with no port, in any project.",
            "Release the floating IPs ('openstack floating ip delete <id>'); delete each orphan load balancer in "
                    + "dependency order health monitor → pool → listener → load balancer (or 'openstack loadbalancer "
                    + "delete --cascade <id>'); then retry 'openstack coe cluster delete <cluster>'. Magnum 7.1.0 "
                    + "(Rocky) and later delete, before the stack, only load balancers described 'Kubernetes … from "
                    + "cluster <uuid>' (8.0.0 and later also their VIP floating IPs), and fail while one is in a "
                    + "transitional state (PENDING_CREATE/PENDING_UPDATE); anything else on the cluster network "
                    + "still blocks the delete.",
            "The cluster's stack is gone; no floating IP references its router.",
            List.of("001"),
            List.of("network/floatingips.json", "load-balancer/loadbalancers.json",
                    "orchestration/stacks.json and orchestration/stacks/<id>/resources.json (nested_depth)",
                    "container-infra/clusters.json", "network/routers.json, ports.json, subnets.json (names only)"),
            null);

    /** Octavia states Magnum's pre-delete step accepts; in any other it raises "… in transitional status". */
    private static final Set<String> SETTLED_LB_STATES = Set.of("ACTIVE", "ERROR", "PENDING_DELETE", "DELETED");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public List<FactRequest> prefetch(Deployment deployment) {
        return deployment.globals().enabled("neutron")
                ? deployment.cloud().map(CloudResources::requests).orElse(List.of()) : List.of();
    }

    @Override
    public List<Finding> run(Facts facts) throws FactUnavailableException {
        Deployment deployment = Deployments.of(facts);
        if (deployment.cloud().isEmpty()) {
            return List.of(INFO.skip(Subject.of("deployment", deployment.name()), "no OpenStack cloud in this source"));
        }
        String cloudName = deployment.cloud().get();
        if (!deployment.globals().enabled("neutron")) {
            return List.of(INFO.skip(Subject.of("cloud", cloudName), "Neutron is not enabled (enable_neutron: "
                    + deployment.globals().string("enable_neutron") + ")"));
        }
        Optional<List<FloatingIp>> floatingIps = facts.find(OpenStackApi.floatingIps(cloudName));
        if (floatingIps.isEmpty()) {
            return List.of(INFO.skip(Subject.of("cloud", cloudName), "the cloud has no Neutron floating IP API"));
        }
        CloudResources cloud = CloudResources.read(facts, deployment.globals(), cloudName, floatingIps.get());
        List<Finding> findings = new ArrayList<>();
        for (StackDeletion deletion : StackDeletion.in(cloud)) {
            findings.addAll(judge(facts, cloud, deletion));
        }
        for (FloatingIp fip : cloud.floatingIps()) {
            if (fip.portId() == null) {
                findings.add(unassociated(cloud, fip));
            }
        }
        if (findings.isEmpty()) {
            findings.add(INFO.ok(Subject.of("cloud", cloudName), "no Magnum cluster or Heat stack is being deleted and all "
                    + cloud.floatingIps().size() + " floating IPs are associated"));
        }
        return findings;
    }

    private static List<Finding> judge(Facts facts, CloudResources cloud, StackDeletion deletion) {
        if (deletion.stackId() == null) {
            return List.of(INFO.ok(deletion.subject(), deletion.label() + " has no Heat stack: no cluster network to hold"));
        }
        Fact<List<StackResource>> resourcesFact = OpenStackApi.stackResources(cloud.name(), deletion.stackId());
        StackNetwork network;
        try {
            // Absent: the stack is gone; its network is then only known from the reason Neutron gave, if any.
            network = StackNetwork.of(facts.find(resourcesFact).orElse(List.of()))
                    .withBlockedInterfaces(deletion.statusReason());
        } catch (FactUnavailableException e) {
            return List.of(INFO.error(deletion.subject(), "cannot tell what holds the network of " + deletion.label()
                    + ": " + e.getMessage()));
        }
        List<Finding> findings = new ArrayList<>();
        for (FloatingIp fip : cloud.floatingIps()) {
            if (network.hasRouter(fip.routerId()) && !network.owns(fip.id())) {
                findings.add(blockingFloatingIp(cloud, deletion, network, cloud.source(resourcesFact), fip));
            }
        }
        for (LoadBalancer lb : cloud.loadBalancers()) {
            if (network.hasSubnet(lb.vipSubnetId()) && !network.owns(lb.id())) {
                findings.add(orphanLoadBalancer(cloud, deletion, lb));
            }
        }
        if (findings.isEmpty()) {
            String what = network.isEmpty()
                    ? "its stack holds no router or subnet, so no floating IP or load balancer can hold its network"
                    : "no floating IP on router " + String.join(", ", cloud.routerNames(network.routerIds()))
                            + " and no load balancer on its subnets is outside the stack";
            findings.add(INFO.ok(deletion.subject(), deletion.label() + ": " + what));
        }
        return findings;
    }

    private static Finding blockingFloatingIp(CloudResources cloud, StackDeletion deletion, StackNetwork network,
                                              String resourcesSource, FloatingIp fip) {
        String router = cloud.routerName(fip.routerId()).orElse(fip.routerId());
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.field(cloud.source(OpenStackApi.floatingIps(cloud.name())),
                "floatingips[" + fip.address() + "].router_id", "router_id = " + fip.routerId() + " (router " + router
                        + "); port_id = " + fip.portId() + "; fixed_ip_address = " + fip.fixedIp() + "; status = "
                        + fip.status() + "; description = \"" + nullToEmpty(fip.description()) + "\""));
        cloud.port(fip.portId()).ifPresent(port -> evidence.add(Evidence.field(cloud.source(OpenStackApi.ports(cloud.name())),
                "ports[" + port.id() + "]", "name = " + port.name() + "; device_owner = " + port.deviceOwner()
                        + "; device_id = " + port.deviceId())));
        network.interfacesOf(fip.routerId()).forEach(ri -> evidence.add(Evidence.field(resourcesSource,
                "resources[" + ri.name() + "]", ri.type() + " physical_resource_id = " + ri.physicalResourceId()
                        + "; resource_status = " + ri.status()
                        + (ri.statusReason() == null || ri.statusReason().isBlank() ? "" : ": " + ri.statusReason()))));
        deletion.reason().ifPresent(evidence::add);
        String holder = cloud.loadBalancerWithVipPort(fip.portId())
                .map(lb -> ", on the VIP of load balancer " + display(lb) + ",").orElse("");
        return INFO.fail(floatingIpSubject(fip), "floating IP " + fip.address() + holder + " holds router " + router
                + " of " + deletion.label() + " but is not a stack resource: Heat never releases it, so the router "
                + "interface of the cluster subnet cannot be deleted", evidence);
    }

    private static Finding orphanLoadBalancer(CloudResources cloud, StackDeletion deletion, LoadBalancer lb) {
        String subnet = cloud.subnet(lb.vipSubnetId()).map(s -> s.name() + " " + s.cidr() + " (" + s.id() + ")")
                .orElse(lb.vipSubnetId());
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.field(cloud.source(OpenStackApi.loadBalancers(cloud.name())),
                "loadbalancers[" + display(lb) + "].vip_subnet_id",
                "vip_subnet_id = " + subnet + "; vip_address = " + lb.vipAddress() + "; vip_port_id = " + lb.vipPortId()
                        + "; provisioning_status = " + lb.provisioningStatus() + "; operating_status = "
                        + lb.operatingStatus() + "; description = \"" + nullToEmpty(lb.description()) + "\""));
        deletion.reason().ifPresent(evidence::add);
        return INFO.fail(Subject.of("load-balancer", display(lb)), "load balancer " + display(lb) + " has its VIP "
                + lb.vipAddress() + " on subnet " + subnet + " of " + deletion.label() + " but is not a stack resource: "
                + "Heat never deletes it, and its ports keep the subnet in use" + magnumCleanupNote(deletion, lb), evidence);
    }

    /** Whether Magnum's pre-delete step (7.1.0 and later) would remove this load balancer itself, and whether it can. */
    private static String magnumCleanupNote(StackDeletion deletion, LoadBalancer lb) {
        if (deletion.clusterUuid() == null) {
            return "";
        }
        // Magnum: re.match(r'Kubernetes .+ from cluster %s$' % cluster.uuid, description) — anchored at both ends here.
        Matcher made = Pattern.compile("Kubernetes (.+) from cluster " + Pattern.quote(deletion.clusterUuid()))
                .matcher(nullToEmpty(lb.description()));
        if (!made.matches()) {
            String maker = nullToEmpty(lb.description()).startsWith("Kubernetes ")
                    ? "; a Kubernetes cloud provider that does not name the cluster made it, and its description"
                    : "; its description";
            return maker + " does not read 'Kubernetes … from cluster " + deletion.clusterUuid()
                    + "', so even Magnum's pre-delete step (7.1.0 and later) leaves it alone";
        }
        String origin = "; the cluster's cloud provider made it for Kubernetes " + made.group(1);
        return SETTLED_LB_STATES.contains(lb.provisioningStatus())
                ? origin + " (Magnum 7.1.0 and later delete such load balancers before the stack: this Magnum is "
                        + "older, or its pre-delete step failed)"
                : origin + ", and provisioning_status " + lb.provisioningStatus() + " is transitional: Magnum's "
                        + "pre-delete step fails on it ('Cannot delete load balancers … in transitional status')";
    }

    private static Finding unassociated(CloudResources cloud, FloatingIp fip) {
        return INFO.warn(floatingIpSubject(fip), "floating IP " + fip.address() + " of project " + fip.projectId()
                        + " is associated with no port: it holds a public address for nothing",
                Evidence.field(cloud.source(OpenStackApi.floatingIps(cloud.name())),
                        "floatingips[" + fip.address() + "].port_id",
                        "port_id = null; router_id = " + fip.routerId() + "; status = " + fip.status()
                                + "; description = \"" + nullToEmpty(fip.description()) + "\""));
    }

    private static Subject floatingIpSubject(FloatingIp fip) {
        return Subject.of("floating-ip", fip.address() + " (" + fip.id() + ")");
    }

    private static String display(LoadBalancer lb) {
        return lb.name() == null || lb.name().isBlank() ? lb.id() : lb.name() + " (" + lb.id() + ")";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
