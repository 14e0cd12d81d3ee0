package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/**
 * A resource of a Heat stack ({@code GET /v1/{project}/stacks/{name}/{id}/resources?nested_depth=N}).
 * {@code stackId} is the (possibly nested) stack that owns it, read from its {@code links}.
 */
public record StackResource(String stackId, String name, String type, String physicalResourceId, String status,
                            String statusReason, String parentResource) {
    static StackResource from(JsonNode n) {
        String stackId = null;
        for (JsonNode link : n.path("links")) {
            if ("stack".equals(Json.text(link, "rel"))) {
                String href = Json.text(link, "href");
                stackId = href == null ? null : href.substring(href.lastIndexOf('/') + 1);
            }
        }
        return new StackResource(stackId, Json.text(n, "resource_name"), Json.text(n, "resource_type"),
                Json.text(n, "physical_resource_id"), Json.text(n, "resource_status"),
                Json.text(n, "resource_status_reason"), Json.text(n, "parent_resource"));
    }
}
