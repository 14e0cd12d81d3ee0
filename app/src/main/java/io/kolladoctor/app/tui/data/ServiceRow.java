package io.kolladoctor.app.tui.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.openstack.ComputeService;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One OpenStack service worker as its API reports it: Nova services ({@code GET /os-services}), Neutron agents
 * ({@code GET /v2.0/agents}), Cinder services ({@code GET /v3/{project}/os-services}), Heat engines
 * ({@code GET /v1/{project}/services}): host, up/down, enabled/disabled, forced down, last heartbeat.
 */
public record ServiceRow(String service, String binary, String host, String zone, boolean up, Boolean enabled,
                         boolean forcedDown, String heartbeat, String heartbeatAge, String note) {

    /** The request names (service type / API path), as a snapshot stores the bodies and a live source answers them. */
    public static final String NOVA = "compute/os-services.json";
    public static final String NEUTRON = "network/agents.json";
    public static final String CINDER = "block-storage/os-services.json";
    public static final String HEAT = "orchestration/services.json";

    public boolean trouble() {
        return !up || forcedDown;
    }

    public String stateText() {
        return up ? "up" : "down";
    }

    public String statusText() {
        return enabled == null ? "" : enabled ? "enabled" : "disabled";
    }

    /** Every worker of the four services the source answers for, down ones first; one problem line per API that did not answer. */
    public static Section<ServiceRow> load(Facts facts, SecretMasker masker) {
        String cloud = facts.source().topology().cloud();
        if (cloud == null) {
            return Section.failed("this source reaches no OpenStack cloud");
        }
        Instant now = facts.asOf();
        List<ServiceRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            for (ComputeService s : facts.get(OpenStackApi.computeServices(cloud))) {
                rows.add(new ServiceRow("nova", s.binary(), s.host(), s.zone(), "up".equals(s.state()),
                        s.status() == null ? null : "enabled".equals(s.status()), s.forcedDown(), s.updatedAt(),
                        Age.between(Age.parse(s.updatedAt()), now), masker.mask(s.disabledReason())));
            }
        } catch (FactUnavailableException e) {
            problems.add("nova services: " + masker.mask(e.getMessage()));
        }
        raw(facts, cloud, NEUTRON, "neutron agents", "agents", problems, masker).forEach(a -> rows.add(new ServiceRow(
                "neutron", text(a, "binary"), text(a, "host"), text(a, "availability_zone"), a.path("alive").asBoolean(false),
                a.has("admin_state_up") ? a.path("admin_state_up").asBoolean() : null, false,
                text(a, "heartbeat_timestamp"), Age.between(Age.parse(text(a, "heartbeat_timestamp")), now),
                masker.mask(text(a, "agent_type")))));
        raw(facts, cloud, CINDER, "cinder services", "services", problems, masker).forEach(s -> rows.add(new ServiceRow(
                "cinder", text(s, "binary"), text(s, "host"), text(s, "zone"), "up".equals(text(s, "state")),
                text(s, "status") == null ? null : "enabled".equals(text(s, "status")), s.path("forced_down").asBoolean(false),
                text(s, "updated_at"), Age.between(Age.parse(text(s, "updated_at")), now),
                masker.mask(text(s, "disabled_reason")))));
        raw(facts, cloud, HEAT, "heat engines", "services", problems, masker).forEach(s -> rows.add(new ServiceRow(
                "heat", text(s, "binary"), text(s, "host"), null, "up".equals(text(s, "status")), null, false,
                text(s, "updated_at"), Age.between(Age.parse(text(s, "updated_at")), now),
                text(s, "engine_id") == null ? null : "engine " + text(s, "engine_id"))));
        rows.sort(Comparator.comparing((ServiceRow r) -> !r.trouble()).thenComparing(r -> order(r.service()))
                .thenComparing(r -> String.valueOf(r.binary())).thenComparing(r -> String.valueOf(r.host())));
        return Section.of(rows, problems);
    }

    private static int order(String service) {
        return List.of("nova", "neutron", "cinder", "heat").indexOf(service);
    }

    /** The items of a raw body, or none with a problem line saying why. */
    static List<JsonNode> raw(Facts facts, String cloud, String name, String what, String field, List<String> problems,
                              SecretMasker masker) {
        try {
            JsonNode body = facts.get(OpenStackApi.raw(cloud, name));
            JsonNode items = field == null ? body : body.path(field);
            List<JsonNode> out = new ArrayList<>();
            items.forEach(out::add);
            return out;
        } catch (FactUnavailableException e) {
            problems.add(what + ": " + masker.mask(e.getMessage()));
            return List.of();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
