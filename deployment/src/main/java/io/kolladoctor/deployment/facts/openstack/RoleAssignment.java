package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;

/**
 * One entry of {@code GET /v3/role_assignments} (names are filled when collected with {@code include_names}).
 * The scope is a project or a domain; the actor a user or a group.
 */
public record RoleAssignment(String roleId, String roleName, String userId, String userName, String groupId,
                             String projectId, String projectName, String domainId, boolean inherited) {
    static RoleAssignment from(JsonNode n) {
        JsonNode role = n.path("role");
        JsonNode user = n.path("user");
        JsonNode project = n.path("scope").path("project");
        return new RoleAssignment(Json.text(role, "id"), Json.text(role, "name"), Json.text(user, "id"),
                Json.text(user, "name"), Json.text(n.path("group"), "id"), Json.text(project, "id"),
                Json.text(project, "name"), Json.text(n.path("scope").path("domain"), "id"),
                n.path("scope").has("OS-INHERIT:inherited_to"));
    }
}
