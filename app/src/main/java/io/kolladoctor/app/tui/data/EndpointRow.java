package io.kolladoctor.app.tui.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One endpoint of the Keystone catalog ({@code GET /v3/services} joined with {@code GET /v3/endpoints}). */
public record EndpointRow(String service, String type, String iface, String region, String url, boolean enabled) {

    public static final String SERVICES = "identity/services.json";
    public static final String ENDPOINTS = "identity/endpoints.json";

    /** Endpoints by service name and interface; a service without any endpoint is a row with none. */
    public static Section<EndpointRow> load(Facts facts, SecretMasker masker) {
        String cloud = facts.source().topology().cloud();
        if (cloud == null) {
            return Section.failed("this source reaches no OpenStack cloud");
        }
        List<String> problems = new ArrayList<>();
        List<JsonNode> services = ServiceRow.raw(facts, cloud, SERVICES, "keystone services", "services", problems, masker);
        List<JsonNode> endpoints = ServiceRow.raw(facts, cloud, ENDPOINTS, "keystone endpoints", "endpoints", problems, masker);
        Map<String, JsonNode> byId = new HashMap<>();
        services.forEach(s -> byId.put(ServiceRow.text(s, "id"), s));
        List<EndpointRow> rows = new ArrayList<>();
        java.util.Set<String> withEndpoint = new java.util.HashSet<>();
        for (JsonNode e : endpoints) {
            String serviceId = ServiceRow.text(e, "service_id");
            withEndpoint.add(serviceId);
            JsonNode s = byId.get(serviceId);
            String region = ServiceRow.text(e, "region_id") != null ? ServiceRow.text(e, "region_id") : ServiceRow.text(e, "region");
            rows.add(new EndpointRow(s == null ? serviceId : ServiceRow.text(s, "name"), s == null ? "?" : ServiceRow.text(s, "type"),
                    ServiceRow.text(e, "interface"), region, masker.mask(ServiceRow.text(e, "url")),
                    e.path("enabled").asBoolean(true) && (s == null || s.path("enabled").asBoolean(true))));
        }
        for (JsonNode s : services) {
            if (!withEndpoint.contains(ServiceRow.text(s, "id"))) {
                rows.add(new EndpointRow(ServiceRow.text(s, "name"), ServiceRow.text(s, "type"), "(none)", "", "",
                        s.path("enabled").asBoolean(true)));
            }
        }
        rows.sort(Comparator.comparing((EndpointRow r) -> String.valueOf(r.service())).thenComparing(r -> String.valueOf(r.iface())));
        return Section.of(rows, problems);
    }
}
