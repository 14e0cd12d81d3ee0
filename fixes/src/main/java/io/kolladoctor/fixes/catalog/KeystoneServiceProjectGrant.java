package io.kolladoctor.fixes.catalog;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.openstack.KeystoneNamed;
import io.kolladoctor.deployment.facts.openstack.KeystoneProject;
import io.kolladoctor.deployment.facts.openstack.KeystoneUser;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * keystone.service-project-membership (catalog A2): grant the service user {@code admin} on project {@code service},
 * as Kolla's service-ks-register does ({@code PUT /v3/projects/{project}/users/{user}/roles/{role}}), then wait until
 * the check sees the assignment. A user missing altogether is left to the operator (its password is in
 * passwords.yml; creating it here would put it in a request this tool prints).
 */
public final class KeystoneServiceProjectGrant implements Fix {

    private static final String PROJECT = "service";
    private static final String ROLE = "admin";

    @Override
    public String id() {
        return "keystone.service-project-membership/grant";
    }

    @Override
    public String checkId() {
        return "keystone.service-project-membership";
    }

    @Override
    public String title() {
        return "grant the service user admin on project service (as kolla-ansible's service-ks-register)";
    }

    @Override
    public Optional<Plan> plan(Finding finding, Facts facts) throws FactUnavailableException {
        if (!finding.checkId().equals(checkId()) || finding.status() != Status.FAIL || !"user".equals(finding.subject().kind())) {
            return Optional.empty();
        }
        String cloud = Deployments.of(facts).cloud().orElse(null);
        if (cloud == null) {
            return Optional.empty();
        }
        String name = finding.subject().name();
        Optional<KeystoneUser> user = facts.get(OpenStackApi.users(cloud)).stream()
                .filter(u -> u.name().equals(name)).min(Comparator.comparing(u -> !"default".equals(u.domainId())));
        Optional<KeystoneProject> project = facts.get(OpenStackApi.projects(cloud)).stream()
                .filter(p -> p.name().equals(PROJECT)).min(Comparator.comparing(p -> !"default".equals(p.domainId())));
        Optional<KeystoneNamed> role = facts.get(OpenStackApi.roles(cloud)).stream().filter(r -> r.name().equals(ROLE)).findFirst();
        if (user.isEmpty() || project.isEmpty() || role.isEmpty()) {
            return Optional.empty(); // nothing to grant to (or with): the finding's own text says what is missing
        }
        String path = "/projects/" + project.get().id() + "/users/" + user.get().id() + "/roles/" + role.get().id();
        return Optional.of(new Plan(id(), checkId(), name, name, List.of(
                new Step("grant " + name + " the role " + ROLE + " on project " + PROJECT,
                        new Operation.ApiCall("PUT", "identity", path, null, Set.of(204)), Risk.DISRUPTIVE,
                        "DELETE identity " + path),
                new Step("wait until the check sees the assignment",
                        new Operation.WaitUntilHealed(Duration.ofSeconds(60)), Risk.SAFE, null)),
                List.of("The services using " + name + " recover on their own once the role is there (keystonemiddleware "
                        + "fetches a new token); restart them if they still answer 503 after a minute.")));
    }
}
