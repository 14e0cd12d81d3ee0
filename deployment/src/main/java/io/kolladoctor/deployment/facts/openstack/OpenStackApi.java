package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.parse.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The OpenStack collections the checks read, one API request each per sweep. The request name is the
 * service type and the API path's last part, e.g. {@code identity/users.json} for Keystone's
 * {@code GET /v3/users}; the body is stored as the API returned it.
 */
public final class OpenStackApi {

    private OpenStackApi() {
    }

    public static Fact<List<KeystoneUser>> users(String cloud) {
        return collection(cloud, "identity/users.json", "users", KeystoneUser::from);
    }

    public static Fact<List<KeystoneProject>> projects(String cloud) {
        return collection(cloud, "identity/projects.json", "projects", KeystoneProject::from);
    }

    public static Fact<List<KeystoneNamed>> roles(String cloud) {
        return collection(cloud, "identity/roles.json", "roles", KeystoneNamed::from);
    }

    public static Fact<List<KeystoneNamed>> domains(String cloud) {
        return collection(cloud, "identity/domains.json", "domains", KeystoneNamed::from);
    }

    /** {@code GET /v3/role_assignments?include_names}: every assignment in one request. */
    public static Fact<List<RoleAssignment>> roleAssignments(String cloud) {
        return collection(cloud, "identity/role_assignments.json", "role_assignments", RoleAssignment::from);
    }

    public static Fact<List<ComputeService>> computeServices(String cloud) {
        return collection(cloud, "compute/os-services.json", "services", ComputeService::from);
    }

    public static Fact<List<FloatingIp>> floatingIps(String cloud) {
        return collection(cloud, "network/floatingips.json", "floatingips", FloatingIp::from);
    }

    public static Fact<List<Router>> routers(String cloud) {
        return collection(cloud, "network/routers.json", "routers", Router::from);
    }

    public static Fact<List<Port>> ports(String cloud) {
        return collection(cloud, "network/ports.json", "ports", Port::from);
    }

    public static Fact<List<Subnet>> subnets(String cloud) {
        return collection(cloud, "network/subnets.json", "subnets", Subnet::from);
    }

    public static Fact<List<LoadBalancer>> loadBalancers(String cloud) {
        return collection(cloud, "load-balancer/loadbalancers.json", "loadbalancers", LoadBalancer::from);
    }

    /** {@code GET /v1/{project}/stacks?show_nested=true&global_tenant=true}. */
    public static Fact<List<HeatStack>> stacks(String cloud) {
        return collection(cloud, "orchestration/stacks.json", "stacks", HeatStack::from);
    }

    /** Resources of one stack, nested stacks included ({@code ?nested_depth=5}). */
    public static Fact<List<StackResource>> stackResources(String cloud, String stackId) {
        return collection(cloud, "orchestration/stacks/" + stackId + "/resources.json", "resources", StackResource::from);
    }

    /** A resource's metadata ({@code GET …/resources/{name}/metadata}); for servers it holds os-collect-config. */
    public static Fact<JsonNode> resourceMetadata(String cloud, String stackId, String resourceName) {
        return Fact.of(FactRequest.cloud(cloud, "orchestration/stacks/" + stackId + "/resources/" + resourceName + "/metadata.json"),
                "Heat resource metadata", m -> Json.parse(m.text()).path("metadata"));
    }

    public static Fact<List<MagnumCluster>> clusters(String cloud) {
        return collection(cloud, "container-infra/clusters.json", "clusters", MagnumCluster::from);
    }

    /** Any collection body kept as JSON, for views that only display it. */
    public static Fact<JsonNode> raw(String cloud, String name) {
        return Fact.of(FactRequest.cloud(cloud, name), "OpenStack API body", m -> Json.parse(m.text()));
    }

    static <T> Fact<List<T>> collection(String cloud, String name, String field, Function<JsonNode, T> mapper) {
        return Fact.of(FactRequest.cloud(cloud, name), "OpenStack " + field + " list", m -> {
            List<T> items = new ArrayList<>();
            for (JsonNode node : Json.list(Json.parse(m.text()), field)) {
                items.add(mapper.apply(node));
            }
            return List.copyOf(items);
        });
    }
}
