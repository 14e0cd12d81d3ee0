package io.kolladoctor.deployment.facts.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.deployment.parse.Json;

/**
 * The os-collect-config metadata Heat gives a server it creates (a Magnum cluster node), as
 * {@code {"os-collect-config": {"heat": {…}, "collectors": […]}, "deployments": […]}}. Two views of it:
 * <ul>
 * <li>{@link #of}: the node's {@code /var/lib/os-collect-config/heat_local.json}, what Heat put in the server's
 * user data ({@code cfn-init-data}) at boot, stored by os-collect-config's {@code heat_local} collector;</li>
 * <li>{@link #ofResource}: Heat's current metadata of the server resource
 * ({@code GET /v1/{project}/stacks/{name}/{id}/resources/{resource}/metadata}, body {@code {"metadata": …}}).</li>
 * </ul>
 * Its {@code os-collect-config.heat} object is what the node's agent uses to reach Heat; os-apply-config renders
 * it into {@code /etc/os-collect-config.conf}. {@code regionPresent} tells a {@code "region_name": null} written
 * by Heat (heat {@code server_base.py}: {@code context.region_name or [DEFAULT] region_name_for_services}, both
 * unset) from no key at all (Heat before Rocky). {@code stackId} is Heat's {@code stack_name/stack_uuid} path of
 * the (nested) stack that owns the server resource {@code resourceName}.
 */
public record HeatLocalMetadata(String source, boolean regionPresent, String regionName, String stackId,
                                String resourceName) {

    public static final String PATH = "/var/lib/os-collect-config/heat_local.json";

    /** The node's heat_local.json; absent when the host has none (not a Heat-booted server). */
    public static Fact<HeatLocalMetadata> of(String host) {
        return Fact.of(FactRequest.hostFile(host, PATH), "os-collect-config heat_local JSON",
                m -> from(host + ":" + PATH, Json.parse(m.text())));
    }

    /** Heat's metadata of the server resource {@code resourceName} of (nested) stack {@code stackUuid}. */
    public static Fact<HeatLocalMetadata> ofResource(String cloud, String stackUuid, String resourceName) {
        FactRequest request = OpenStackApi.resourceMetadata(cloud, stackUuid, resourceName).request();
        return Fact.of(request, "Heat server metadata",
                m -> from(request.describe(), Json.parse(m.text()).path("metadata")));
    }

    private static HeatLocalMetadata from(String source, JsonNode metadata) {
        JsonNode heat = Json.at(metadata, "os-collect-config", "heat");
        return new HeatLocalMetadata(source, heat.has("region_name"), Json.text(heat, "region_name"),
                Json.text(heat, "stack_id"), Json.text(heat, "resource_name"));
    }

    /** The UUID part of {@code stackId} ({@code k8s-prod-…-0-abc/9f7f80df-…} → {@code 9f7f80df-…}), or null. */
    public String stackUuid() {
        return stackId == null ? null : stackId.substring(stackId.lastIndexOf('/') + 1);
    }

    /** Whether the agent has no usable region: JSON null, empty, or the text "null"/"None". */
    public boolean regionUnset() {
        return regionPresent && isUnsetRegion(regionName);
    }

    /** A region value the heat agent cannot use (os-apply-config renders JSON null as {@code null}). */
    public static boolean isUnsetRegion(String region) {
        return region == null || region.isBlank() || region.equals("null") || region.equals("None");
    }
}
