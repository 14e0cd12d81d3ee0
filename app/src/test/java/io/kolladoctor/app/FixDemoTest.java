package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code fix} on the demo: the plans name exactly the demo's subjects and the IDs from its API bodies. */
class FixDemoTest {

    @Test
    void plansNameTheDemosSubjectsWithTheRightIdsAndChangeNothing() {
        Cli r = Cli.run("fix", "--demo");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Plan containers.exited/start for containers.exited on ctl2/nova_scheduler — risk DISRUPTIVE")
                .contains("ctl2: docker start nova_scheduler")
                // aodh's user, the service project and the admin role, by the IDs in identity/*.json of the demo
                .contains("PUT identity /projects/ec7ac8ad1b2b406baae12c972399d29d/users/22aab6fe0d5f4b548d301caf5b391664"
                        + "/roles/dc36fc9022484d70aca4a1a9f5b19f71")
                .contains("DELETE network /floatingips/3fa0ac5d-b283-4c26-9ef3-28fbc70d9378")
                .contains("(type '172.24.4.187' to confirm)")
                .contains("DELETE load-balancer /lbaas/loadbalancers/1c272db1-0311-4792-a603-99b243f77b44?cascade=true")
                .contains("Dry run: nothing was changed");
        // the demo's A3 is a Kubernetes ConfigMap: the ConfigMap fix plans it, the host-file fix does not
        assertThat(r.out()).contains("Plan wsgi.listen-address/rebind-configmap for wsgi.listen-address on "
                        + "kolla-k8s:kolla/aodh-api/wsgi-aodh.conf")
                .contains("DELETE /api/v1/namespaces/kolla/pods/aodh-api-6b8f9d7c4-xk2lq")
                .doesNotContain("Plan wsgi.listen-address/rebind for");
    }

    @Test
    void armingIsRefusedOnASnapshotAndUnknownIdsAreUsageErrors() {
        Cli armed = Cli.run("fix", "--demo", "--arm");
        assertThat(armed.exit()).isEqualTo(64);
        assertThat(armed.err()).contains("--arm changes a live deployment");
        Cli unknown = Cli.run("fix", "--demo", "no.such-fix");
        assertThat(unknown.exit()).isEqualTo(64);
        assertThat(unknown.err()).contains("no fix 'no.such-fix'");
    }

    @Test
    void subjectFilterNarrowsThePlans() {
        Cli r = Cli.run("fix", "--demo", "--subject", "172.24.4.187");
        assertThat(r.out()).contains("172.24.4.187").doesNotContain("nova_scheduler").doesNotContain("PUT identity");
    }
}
