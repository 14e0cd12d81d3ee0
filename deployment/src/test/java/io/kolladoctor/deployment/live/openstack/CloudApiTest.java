package io.kolladoctor.deployment.live.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import org.junit.jupiter.api.Test;

class CloudApiTest {

    /** Catalog endpoints as Keystone returns them in a token (the lab's Zed catalog plus Kolla's versioned forms). */
    @Test
    void urlsAreJoinedWhateverVersionTheCatalogEndpointCarries() {
        assertThat(CloudApi.url("http://172.29.0.11:5000", "v3", "/users", null)).isEqualTo("http://172.29.0.11:5000/v3/users");
        assertThat(CloudApi.url("http://10.0.0.10:5000/v3/", "v3", "/users", null)).isEqualTo("http://10.0.0.10:5000/v3/users");
        assertThat(CloudApi.url("http://172.29.0.11:8774/v2.1", "v2.1", "/os-services", null))
                .isEqualTo("http://172.29.0.11:8774/v2.1/os-services");
        assertThat(CloudApi.url("http://10.0.0.10:8774/v2.1/6f1e2d3c", "v2.1", "/os-services", null))
                .isEqualTo("http://10.0.0.10:8774/v2.1/6f1e2d3c/os-services");
        assertThat(CloudApi.url("http://172.29.0.11:9696", "v2.0", "/ports", null)).isEqualTo("http://172.29.0.11:9696/v2.0/ports");
        assertThat(CloudApi.url("http://10.0.0.10:9696/v2.0/", "v2.0", "/ports", null)).isEqualTo("http://10.0.0.10:9696/v2.0/ports");
        assertThat(CloudApi.url("http://172.29.0.11:9876", "v2", "/lbaas/loadbalancers", null))
                .isEqualTo("http://172.29.0.11:9876/v2/lbaas/loadbalancers");
        assertThat(CloudApi.url("http://10.0.0.10:9876/v2.0", "v2", "/lbaas/loadbalancers", null))
                .isEqualTo("http://10.0.0.10:9876/v2.0/lbaas/loadbalancers");
        assertThat(CloudApi.url("http://172.29.0.11:8004/v1/eaf1cf48", "v1", "/stacks?show_nested=true", "other"))
                .isEqualTo("http://172.29.0.11:8004/v1/eaf1cf48/stacks?show_nested=true");
        assertThat(CloudApi.url("http://10.0.0.10:8004", "v1", "/stacks", "eaf1cf48")).isEqualTo("http://10.0.0.10:8004/v1/eaf1cf48/stacks");
        assertThat(CloudApi.url("http://172.29.0.11:9511/v1", "v1", "/clusters/detail", null)).isEqualTo("http://172.29.0.11:9511/v1/clusters/detail");
        assertThat(CloudApi.url("https://api.example.org/compute/v2.1", "v2.1", "/os-services", null))
                .as("a path-based endpoint behind a proxy").isEqualTo("https://api.example.org/compute/v2.1/os-services");
    }

    @Test
    void everyCollectionTheChecksReadHasARoute() {
        for (String name : new String[] {"identity/users.json", "identity/projects.json", "identity/roles.json",
                "identity/domains.json", "identity/role_assignments.json", "compute/os-services.json", "network/floatingips.json",
                "network/routers.json", "network/ports.json", "network/subnets.json", "load-balancer/loadbalancers.json",
                "orchestration/stacks.json", "container-infra/clusters.json"}) {
            assertThat(CloudApi.route(name)).as(name).hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(CloudApi.Kind.COLLECTION));
        }
        assertThat(CloudApi.route("identity/role_assignments.json").orElseThrow().path()).contains("include_names");
        CloudApi.Route metadata = CloudApi.route("orchestration/stacks/0d8d1124/resources/kube master/metadata.json").orElseThrow();
        assertThat(metadata.kind()).isEqualTo(CloudApi.Kind.RESOURCE_METADATA);
        assertThat(CloudApi.metadataPath("k8s-prod", metadata.stackId(), metadata.resourceName()))
                .isEqualTo("/stacks/k8s-prod/0d8d1124/resources/kube%20master/metadata");
        assertThat(CloudApi.resourcesPath("lab-a1-cluster", "3242e306")).isEqualTo("/stacks/lab-a1-cluster/3242e306/resources?nested_depth=5");
        assertThat(CloudApi.route("volume/volumes.json")).isEmpty();
        CloudApi.Route events = CloudApi.route("orchestration/stacks/x/events.json").orElseThrow();
        assertThat(events.kind()).isEqualTo(CloudApi.Kind.STACK_EVENTS);
        assertThat(CloudApi.eventsPath("k8s-prod", "x")).startsWith("/stacks/k8s-prod/x/events?nested_depth=5");
        assertThat(CloudApi.url("http://h:8004", "v1", "/services", "p")).as("Heat's engines list is per project too")
                .isEqualTo("http://h:8004/v1/p/services");
        for (String name : new String[] {"alarming/alarms.json", "network/agents.json", "identity/endpoints.json",
                "identity/services.json", "orchestration/services.json", "block-storage/os-services.json"}) {
            assertThat(CloudApi.route(name)).as(name + " (for the console)").isPresent();
        }
        assertThat(CloudApi.url("http://h:8042", "v2", "/alarms", null)).isEqualTo("http://h:8042/v2/alarms");
    }

    @Test
    void theCatalogIsSearchedByInterfaceAndRegionAndSaysWhatItHasWhenNot() throws Exception {
        JsonNode catalog = Json.parse("""
                [{"endpoints": [{"id": "1", "interface": "public", "region_id": "RegionOne", "url": "http://172.29.0.11:9876", "region": "RegionOne"},
                                {"id": "2", "interface": "internal", "region_id": "RegionOne", "url": "http://10.1.0.11:9876", "region": "RegionOne"}],
                  "id": "a", "type": "load-balancer", "name": "octavia"},
                 {"endpoints": [{"id": "3", "interface": "public", "region_id": "RegionTwo", "url": "http://r2:9696", "region": "RegionTwo"}],
                  "id": "b", "type": "network", "name": "neutron"}]""");
        ServiceCatalog c = ServiceCatalog.from(catalog);
        assertThat(c.find("load-balancer", "internal", "RegionOne").orElseThrow().url()).isEqualTo("http://10.1.0.11:9876");
        assertThat(c.find("load-balancer", "public", null).orElseThrow().url()).isEqualTo("http://172.29.0.11:9876");
        assertThat(c.find("network", "public", "RegionOne")).isEmpty();
        assertThat(c.whyMissing("network", "public", "RegionOne"))
                .isEqualTo("no network endpoint with interface public in region RegionOne in the catalog (it has: public in RegionTwo)");
        assertThat(c.whyMissing("container-infra", "public", "RegionOne")).isEqualTo("no container-infra service in the catalog");
    }
}
