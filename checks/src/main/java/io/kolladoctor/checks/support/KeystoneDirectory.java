package io.kolladoctor.checks.support;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.openstack.KeystoneNamed;
import io.kolladoctor.deployment.facts.openstack.KeystoneProject;
import io.kolladoctor.deployment.facts.openstack.KeystoneUser;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.deployment.facts.openstack.RoleAssignment;
import java.util.List;
import java.util.Optional;

/**
 * Keystone's users, projects, roles, domains and role assignments of one cloud, read once, with the lookups a
 * keystonemiddleware identity needs. Role assignments are {@code GET /v3/role_assignments?include_names} (not
 * {@code effective}): group assignments stay group entries, and a project entry marked
 * {@code OS-INHERIT:inherited_to} is inherited by the project's subprojects, not held on the project itself.
 */
public record KeystoneDirectory(String cloud, List<KeystoneUser> users, List<KeystoneProject> projects,
                                List<KeystoneNamed> roles, List<KeystoneNamed> domains,
                                List<RoleAssignment> assignments) {

    /** The five collections; any of them missing or unreadable is thrown with its reason. */
    public static KeystoneDirectory read(Facts facts, String cloud) throws FactUnavailableException {
        return new KeystoneDirectory(cloud, facts.get(OpenStackApi.users(cloud)), facts.get(OpenStackApi.projects(cloud)),
                facts.get(OpenStackApi.roles(cloud)), facts.get(OpenStackApi.domains(cloud)),
                facts.get(OpenStackApi.roleAssignments(cloud)));
    }

    public static List<FactRequest> requests(String cloud) {
        return List.of(OpenStackApi.users(cloud).request(), OpenStackApi.projects(cloud).request(),
                OpenStackApi.roles(cloud).request(), OpenStackApi.domains(cloud).request(),
                OpenStackApi.roleAssignments(cloud).request());
    }

    /** How evidence names a collection: {@code openstack(default) identity/users.json}. */
    public String source(String collection) {
        return FactRequest.cloud(cloud, "identity/" + collection).describe();
    }

    public Optional<KeystoneUser> user(String name, KeystoneAuthtoken.Domain domain) {
        String domainId = domain.resolve(domains);
        return users.stream().filter(u -> name.equals(u.name()) && domainId != null && domainId.equals(u.domainId()))
                .findFirst();
    }

    public Optional<KeystoneProject> project(String name, KeystoneAuthtoken.Domain domain) {
        String domainId = domain.resolve(domains);
        return projects.stream().filter(p -> name.equals(p.name()) && domainId != null && domainId.equals(p.domainId()))
                .findFirst();
    }

    public List<RoleAssignment> assignmentsOf(KeystoneUser user) {
        return assignments.stream().filter(a -> user.id().equals(a.userId())).toList();
    }

    /** Group assignments that give {@code role} on the project (whether the user is a member was not collected). */
    public List<RoleAssignment> groupGrants(String role, KeystoneProject project) {
        return assignments.stream().filter(a -> a.groupId() != null && grants(a, role, project)).toList();
    }

    /** Whether an assignment gives {@code role} (by name) on the project: directly, or inherited from its domain. */
    public boolean grants(RoleAssignment a, String role, KeystoneProject project) {
        boolean named = role.equals(a.roleName())
                || a.roleName() == null && roles.stream().anyMatch(r -> role.equals(r.name()) && r.id().equals(a.roleId()));
        if (!named) {
            return false;
        }
        if (project.id().equals(a.projectId())) {
            return !a.inherited();
        }
        return a.inherited() && a.domainId() != null && a.domainId().equals(project.domainId());
    }

    /** {@code admin on project service}, {@code admin on domain heat_user_domain (inherited to its projects)}. */
    public String describe(RoleAssignment a) {
        String role = a.roleName() != null ? a.roleName()
                : roles.stream().filter(r -> r.id().equals(a.roleId())).map(KeystoneNamed::name).findFirst().orElse(a.roleId());
        if (a.projectId() != null) {
            String project = a.projectName() != null ? a.projectName() : projects.stream()
                    .filter(p -> p.id().equals(a.projectId())).map(KeystoneProject::name).findFirst().orElse(a.projectId());
            return role + " on project " + project + (a.inherited() ? " (inherited to its subprojects only)" : "");
        }
        if (a.domainId() != null) {
            String domain = domains.stream().filter(d -> d.id().equals(a.domainId())).map(KeystoneNamed::name)
                    .findFirst().orElse(a.domainId());
            return role + " on domain " + domain + (a.inherited() ? " (inherited to its projects)" : "");
        }
        return role + " on the system";
    }
}
