package io.kolladoctor.deployment.live.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The service catalog of a Keystone v3 token: endpoints by service type, interface and region. */
record ServiceCatalog(List<Endpoint> endpoints) {

    record Endpoint(String type, String interfaceName, String region, String url) {
    }

    ServiceCatalog {
        endpoints = List.copyOf(endpoints);
    }

    static ServiceCatalog from(JsonNode catalog) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (JsonNode service : catalog) {
            String type = Json.text(service, "type");
            for (JsonNode endpoint : service.path("endpoints")) {
                String region = Json.text(endpoint, "region_id") != null ? Json.text(endpoint, "region_id") : Json.text(endpoint, "region");
                endpoints.add(new Endpoint(type, CloudCredentials.normalizeInterface(Json.text(endpoint, "interface")),
                        region, Json.text(endpoint, "url")));
            }
        }
        return new ServiceCatalog(endpoints);
    }

    /** The endpoint of a service type for the interface and region (any region when null; the first wins). */
    Optional<Endpoint> find(String type, String interfaceName, String region) {
        return endpoints.stream()
                .filter(e -> type.equals(e.type()) && interfaceName.equals(e.interfaceName()) && e.url() != null)
                .filter(e -> region == null || region.equals(e.region()))
                .findFirst();
    }

    /** Why {@link #find} found nothing, in the words an operator reads in an ERROR/absent finding. */
    String whyMissing(String type, String interfaceName, String region) {
        List<Endpoint> ofType = endpoints.stream().filter(e -> type.equals(e.type())).toList();
        if (ofType.isEmpty()) {
            return "no " + type + " service in the catalog";
        }
        TreeSet<String> have = new TreeSet<>();
        ofType.forEach(e -> have.add(e.interfaceName() + (e.region() == null ? "" : " in " + e.region())));
        return "no " + type + " endpoint with interface " + interfaceName + (region == null ? "" : " in region " + region)
                + " in the catalog (it has: " + String.join(", ", have) + ")";
    }
}
