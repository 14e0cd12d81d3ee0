package io.kolladoctor.checks.catalog;

import static io.kolladoctor.checks.FindingAssertions.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Fixtures;
import io.kolladoctor.checks.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeutronStaleFloatingIpsTest {

    private static List<Finding> run(String caseName) {
        return Fixtures.run(new NeutronStaleFloatingIps(), caseName);
    }

    @Test
    void floatingIpOnTheRouterOfAFailedDeleteFails() {
        List<Finding> findings = run("fip-blocks-router");
        assertThat(findings).as("only the blocking floating IP: %s", findings).hasSize(1);
        Finding f = only(findings, Status.FAIL);
        assertThat(f.subject().kind()).isEqualTo("floating-ip");
        assertThat(f.subject().name()).startsWith("172.24.4.61 (");
        assertThat(f.summary()).contains("holds router k8s-a-x2b7cq4ytm3n-network-n3mty4qc7b2x-extrouter-")
                .contains("cluster k8s-a (DELETE_FAILED, stack k8s-a-x2b7cq4ytm3n)").contains("not a stack resource");
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("openstack(default) network/floatingips.json");
            assertThat(e.location()).isEqualTo("floatingips[172.24.4.61].router_id");
            assertThat(e.excerpt()).contains("fixed_ip_address = 10.0.0.31");
        });
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.excerpt()).contains("name = debug-vm-port")
                .contains("device_owner = compute:nova"));
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.location()).isEqualTo("resources[extrouter_inside]");
            assertThat(e.excerpt()).contains("DELETE_FAILED").contains("required by one or more floating IPs");
        });
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.location()).isEqualTo("stacks[k8s-a-x2b7cq4ytm3n].stack_status_reason");
            assertThat(e.excerpt()).startsWith("Resource DELETE failed: Conflict");
        });
        assertThat(f.fixHint()).contains("openstack floating ip delete").contains("coe cluster delete");
    }

    @Test
    void withoutTheResourceListTheRouterNamedInTheReasonStillCounts() {
        Finding f = only(run("reason-only"), Status.FAIL);
        assertThat(f.subject().name()).startsWith("172.24.4.61 (");
        assertThat(f.evidence()).noneMatch(e -> "resources[extrouter_inside]".equals(e.location()));
    }

    @Test
    void orphanLoadBalancerOfAKubernetesServiceAndItsVipFloatingIpFail() {
        List<Finding> findings = run("orphan-lb");
        assertThat(findings).as("%s", findings).hasSize(2).allMatch(f -> f.status() == Status.FAIL);
        Finding lb = findings.stream().filter(f -> f.subject().kind().equals("load-balancer")).findFirst().orElseThrow();
        assertThat(lb.subject().name()).startsWith("a0b94eeda40e54d6abf7841d0225defe");
        assertThat(lb.summary()).contains("VIP 10.0.0.14 on subnet k8s-lb-r7t2yp5wq8ze-network-")
                .contains("10.0.0.0/24").contains("cluster k8s-lb (DELETE_FAILED")
                .contains("cloud provider made it for Kubernetes external service default/nginx")
                .contains("Magnum 7.1.0 and later delete such load balancers");
        assertThat(lb.evidence().get(0).excerpt()).contains("provisioning_status = ACTIVE")
                .contains("description = \"Kubernetes external service default/nginx from cluster ");
        Finding fip = findings.stream().filter(f -> f.subject().kind().equals("floating-ip")).findFirst().orElseThrow();
        assertThat(fip.subject().name()).startsWith("172.24.4.187 (");
        assertThat(fip.summary()).contains("on the VIP of load balancer a0b94eeda40e54d6abf7841d0225defe");
        assertThat(fip.evidence()).anySatisfy(e -> assertThat(e.excerpt()).contains("device_owner = Octavia"));
    }

    @Test
    void clusterDeletingWithOnlyItsOwnFloatingIpsAndLoadBalancerIsOk() {
        List<Finding> findings = run("deleting-normally");
        Finding f = only(findings, Status.OK);
        assertThat(findings).hasSize(1);
        assertThat(f.subject().name()).isEqualTo("k8s-c");
        assertThat(f.summary()).contains("DELETE_IN_PROGRESS").contains("no floating IP on router k8s-c-")
                .contains("outside the stack");
    }

    @Test
    void unassociatedFloatingIpWarns() {
        List<Finding> findings = run("unassociated");
        assertThat(findings).hasSize(1);
        Finding f = only(findings, Status.WARN);
        assertThat(f.subject().name()).startsWith("172.24.4.150 (");
        assertThat(f.summary()).contains("associated with no port");
        assertThat(f.evidence().get(0).excerpt()).contains("port_id = null").contains("kept for the demo web server");
    }

    @Test
    void skipsWithoutACloud() {
        assertThat(only(run("no-cloud"), Status.SKIP).summary()).contains("no OpenStack cloud");
    }

    @Test
    void skipsWhenNeutronIsDisabled() {
        assertThat(only(run("no-neutron"), Status.SKIP).summary()).contains("Neutron is not enabled");
    }

    @Test
    void skipsWhenTheCloudHasNoFloatingIpApi() {
        assertThat(only(run("no-floating-ip-api"), Status.SKIP).summary()).contains("no Neutron floating IP API");
    }

    @Test
    void truncatedFloatingIpListIsAnErrorWithTheReason() {
        List<Finding> findings = run("truncated");
        Finding f = only(findings, Status.ERROR);
        assertThat(findings).hasSize(1);
        assertThat(f.summary()).contains("network/floatingips.json").contains("truncated JSON");
    }
}
