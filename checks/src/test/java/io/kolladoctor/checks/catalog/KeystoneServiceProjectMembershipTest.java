package io.kolladoctor.checks.catalog;

import static io.kolladoctor.checks.FindingAssertions.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Fixtures;
import io.kolladoctor.checks.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeystoneServiceProjectMembershipTest {

    private static List<Finding> run(String caseName) {
        return Fixtures.run(new KeystoneServiceProjectMembership(), caseName);
    }

    private static Finding user(List<Finding> findings, String name) {
        List<Finding> matching = findings.stream().filter(f -> f.subject().kind().equals("user")
                && f.subject().name().equals(name)).toList();
        assertThat(matching).as("findings about user %s in %s", name, findings).hasSize(1);
        return matching.get(0);
    }

    private static String excerpts(Finding f) {
        return String.join("\n", f.evidence().stream().map(Evidence::excerpt).toList());
    }

    @Test
    void everyServiceUserWithAdminOnServiceIsOk() {
        List<Finding> findings = run("ok");
        assertThat(findings).allMatch(f -> f.status() == Status.OK);
        // Rocky's placement-api authenticates as nova (its nova.conf): one finding for both
        assertThat(findings).extracting(f -> f.subject().name())
                .containsExactlyInAnyOrder("glance", "nova", "neutron", "heat", "magnum");
        Finding nova = user(findings, "nova");
        assertThat(nova.summary()).contains("nova-api, placement-api").contains("holds admin on project service");
        assertThat(nova.evidence().get(0).source()).isEqualTo("ctl1:/etc/kolla/nova-api/nova.conf");
        assertThat(nova.evidence().get(0).excerpt()).isEqualTo("[keystone_authtoken] username = nova");
        assertThat(excerpts(nova)).contains("ctl1:/etc/kolla/placement-api/nova.conf").contains("admin on project service");
        // magnum.conf names its domains by name ("Default"); Keystone's default domain has id "default"
        assertThat(user(findings, "magnum").evidence()).anySatisfy(e -> assertThat(e.excerpt())
                .isEqualTo("[keystone_authtoken] project_name = service"));
        // no heat.conf collected: judged as Kolla registers heat
        assertThat(excerpts(user(findings, "heat"))).contains("no [keystone_authtoken] read from /etc/kolla/heat-api/heat.conf");
        assertThat(excerpts(user(findings, "heat"))).doesNotContain("password");
    }

    @Test
    void serviceUserWithoutAnyRoleFails() {
        List<Finding> findings = run("no-role");
        Finding aodh = only(findings, Status.FAIL);
        assertThat(aodh.subject().name()).isEqualTo("aodh");
        assertThat(aodh.summary()).contains("aodh-api").contains("holds no admin role on project service").contains("503");
        assertThat(aodh.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("ctl1:/etc/kolla/aodh-api/aodh.conf");
            assertThat(e.excerpt()).isEqualTo("[keystone_authtoken] username = aodh");
        });
        assertThat(aodh.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("openstack(default) identity/role_assignments.json");
            assertThat(e.excerpt()).isEqualTo("no role assignment at all");
        });
        assertThat(aodh.fixHint()).contains("openstack role add --project service --user <user> admin");
        assertThat(findings).filteredOn(f -> f.status() == Status.OK).hasSize(6);
    }

    @Test
    void missingOrDisabledUserFails() {
        List<Finding> findings = run("missing-user");
        Finding magnum = user(findings, "magnum");
        assertThat(magnum.status()).isEqualTo(Status.FAIL);
        assertThat(magnum.summary()).contains("does not exist in domain Default");
        assertThat(magnum.evidence()).anySatisfy(e -> assertThat(e.location()).isEqualTo("users[name=magnum]"));
        Finding neutron = user(findings, "neutron");
        assertThat(neutron.status()).isEqualTo(Status.FAIL);
        assertThat(neutron.summary()).contains("is disabled");
        assertThat(findings).filteredOn(f -> f.status() == Status.FAIL).hasSize(2);
    }

    @Test
    void adminElsewhereDoesNotCountButDomainInheritanceDoes() {
        List<Finding> findings = run("wrong-scope"); // a plain role_assignments body: names resolved from the lists
        Finding heat = user(findings, "heat");
        assertThat(heat.status()).isEqualTo(Status.FAIL);
        assertThat(excerpts(heat)).contains("no admin on project service; holds:")
                .contains("admin on project admin").contains("heat_stack_owner on project service")
                .contains("admin on domain Default");
        Finding nova = user(findings, "nova");
        assertThat(nova.status()).isEqualTo(Status.FAIL);
        assertThat(excerpts(nova)).contains("admin on project service (inherited to its subprojects only)");
        Finding glance = user(findings, "glance");
        assertThat(glance.status()).isEqualTo(Status.OK);
        assertThat(excerpts(glance)).contains("admin on domain Default (inherited to its projects)");
    }

    @Test
    void adminOnlyThroughAGroupWarns() {
        Finding neutron = only(run("group-only"), Status.WARN);
        assertThat(neutron.subject().name()).isEqualTo("neutron");
        assertThat(neutron.summary()).contains("only if it is a member of group");
        assertThat(excerpts(neutron)).contains("(held by a group)");
    }

    @Test
    void skipsWithoutAnEnabledService() {
        Finding skip = only(run("no-service"), Status.SKIP);
        assertThat(skip.summary()).contains("no enabled service");
    }

    @Test
    void skipsWithoutACloud() {
        Finding skip = only(run("no-cloud"), Status.SKIP);
        assertThat(skip.summary()).contains("does not reach an OpenStack cloud");
    }

    @Test
    void truncatedRoleAssignmentsIsAnErrorNamingTheBody() {
        List<Finding> findings = run("truncated-assignments");
        Finding error = only(findings, Status.ERROR);
        assertThat(findings).hasSize(1);
        assertThat(error.summary()).contains("identity/role_assignments.json").contains("truncated JSON");
    }

    @Test
    void kollaKubernetesConfigMapsAreChecked() {
        List<Finding> findings = run("kolla-kubernetes");
        Finding aodh = only(findings, Status.FAIL);
        assertThat(aodh.subject().name()).isEqualTo("aodh");
        assertThat(aodh.summary()).contains("used by aodh-api, aodh-evaluator");
        assertThat(aodh.evidence().get(0).source())
                .isEqualTo("configmap kolla/aodh-api key aodh.conf (kubernetes context kolla-k8s)");
        assertThat(aodh.evidence().get(0).excerpt()).isEqualTo("[keystone_authtoken] username = aodh");
        assertThat(excerpts(aodh)).contains("configmap kolla/aodh-evaluator key aodh.conf")
                .doesNotContain("wsgi-aodh.conf").doesNotContain("td-agent.conf");
        assertThat(findings).filteredOn(f -> f.status() == Status.OK).extracting(f -> f.subject().name())
                .containsExactlyInAnyOrder("glance", "nova", "placement", "neutron", "heat", "magnum");
    }
}
