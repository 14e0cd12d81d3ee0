package io.kolladoctor.checks.support;

import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.openstack.FloatingIp;
import io.kolladoctor.deployment.facts.openstack.HeatStack;
import io.kolladoctor.deployment.facts.openstack.LoadBalancer;
import io.kolladoctor.deployment.facts.openstack.MagnumCluster;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.deployment.facts.openstack.Port;
import io.kolladoctor.deployment.facts.openstack.Router;
import io.kolladoctor.deployment.facts.openstack.Subnet;
import io.kolladoctor.deployment.model.Globals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The network side of one cloud as the checks about floating IPs and cluster networks read it: floating IPs,
 * load balancers, Heat stacks and Magnum clusters (verdicts rest on them), and routers, ports and subnets (which
 * only name things in evidence). A collection of a service Kolla deploys must be readable — a false OK would be
 * worse than an ERROR — while one of a service it does not deploy is taken when it happens to be there.
 */
public record CloudResources(String name, List<FloatingIp> floatingIps, List<LoadBalancer> loadBalancers,
                             List<HeatStack> stacks, List<MagnumCluster> clusters, List<Router> routers,
                             List<Port> ports, List<Subnet> subnets) {

    /** What {@link #read} asks for, for a check's prefetch list. */
    public static List<FactRequest> requests(String cloud) {
        return Stream.of(OpenStackApi.floatingIps(cloud), OpenStackApi.loadBalancers(cloud), OpenStackApi.stacks(cloud),
                        OpenStackApi.clusters(cloud), OpenStackApi.routers(cloud), OpenStackApi.ports(cloud),
                        OpenStackApi.subnets(cloud))
                .map(Fact::request).toList();
    }

    /** Reads the cloud around its floating IPs (which the caller has already read). */
    public static CloudResources read(Facts facts, Globals globals, String cloud, List<FloatingIp> floatingIps)
            throws FactUnavailableException {
        return new CloudResources(cloud, floatingIps,
                needed(facts, OpenStackApi.loadBalancers(cloud), globals.enabled("octavia") || globals.enabled("neutron_lbaas")),
                needed(facts, OpenStackApi.stacks(cloud), globals.enabled("heat")),
                needed(facts, OpenStackApi.clusters(cloud), globals.enabled("magnum")),
                OptionalFacts.bestEffort(facts, OpenStackApi.routers(cloud)).orElse(List.of()),
                OptionalFacts.bestEffort(facts, OpenStackApi.ports(cloud)).orElse(List.of()),
                OptionalFacts.bestEffort(facts, OpenStackApi.subnets(cloud)).orElse(List.of()));
    }

    /** Absent at the source means none (the API has nothing); any other failure of an enabled service is thrown. */
    private static <T> List<T> needed(Facts facts, Fact<List<T>> fact, boolean serviceEnabled)
            throws FactUnavailableException {
        Optional<List<T>> found = serviceEnabled ? facts.find(fact) : OptionalFacts.bestEffort(facts, fact);
        return found.orElse(List.of());
    }

    /** Where a collection of this cloud comes from, for evidence. */
    public String source(Fact<?> fact) {
        return fact.request().describe();
    }

    public Optional<HeatStack> stack(String id) {
        return id == null ? Optional.empty() : stacks.stream().filter(s -> id.equals(s.id())).findFirst();
    }

    public Optional<String> routerName(String id) {
        return routers.stream().filter(r -> r.id().equals(id)).map(Router::name)
                .filter(n -> n != null && !n.isBlank()).findFirst();
    }

    /** Router names (IDs where unnamed), sorted by ID. */
    public List<String> routerNames(Iterable<String> ids) {
        List<String> names = new ArrayList<>();
        ids.forEach(id -> names.add(id));
        return names.stream().sorted().map(id -> routerName(id).orElse(id)).toList();
    }

    public Optional<Subnet> subnet(String id) {
        return subnets.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Port> port(String id) {
        return id == null ? Optional.empty() : ports.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The load balancer whose VIP port this is, e.g. the target of a Kubernetes Service's floating IP. */
    public Optional<LoadBalancer> loadBalancerWithVipPort(String portId) {
        return portId == null ? Optional.empty()
                : loadBalancers.stream().filter(lb -> portId.equals(lb.vipPortId())).findFirst();
    }
}
