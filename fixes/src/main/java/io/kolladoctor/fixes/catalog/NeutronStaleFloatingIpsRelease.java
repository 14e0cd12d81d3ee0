package io.kolladoctor.fixes.catalog;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.openstack.FloatingIp;
import io.kolladoctor.deployment.facts.openstack.LoadBalancer;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * neutron.stale-floating-ips (catalog A5): release the floating IP that holds the router interface, or delete the
 * orphan load balancer on the cluster's subnet. The load balancer goes with Octavia's cascade delete, which removes
 * health monitor, pool and listener before the load balancer — the order the catalog gives — inside Octavia, so a
 * plan interrupted half-way cannot leave a listener without its load balancer. Both are destructive: the subject
 * (the address, the load balancer's ID) must be typed back. The stuck stack or cluster delete is then retried by the
 * operator (the plan says how).
 */
public final class NeutronStaleFloatingIpsRelease implements Fix {

    /** Subjects read "172.24.4.187 (3fa0ac5d-…)" and "name (1c272db1-…)": the ID is in the parentheses. */
    private static final Pattern ID = Pattern.compile("\\(([0-9a-fA-F-]{32,36})\\)\\s*$");

    @Override
    public String id() {
        return "neutron.stale-floating-ips/release";
    }

    @Override
    public String checkId() {
        return "neutron.stale-floating-ips";
    }

    @Override
    public String title() {
        return "release the blocking floating IP / cascade-delete the orphan load balancer, then retry the delete";
    }

    @Override
    public Optional<Plan> plan(Finding finding, Facts facts) throws FactUnavailableException {
        if (!finding.checkId().equals(checkId()) || finding.status() != Status.FAIL) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(finding.subject().name());
        String cloud = Deployments.of(facts).cloud().orElse(null);
        if (!m.find() || cloud == null) {
            return Optional.empty();
        }
        String id = m.group(1);
        List<String> retry = List.of("Then retry the delete that was stuck: openstack coe cluster delete <cluster> "
                + "(or openstack stack delete <stack>), and re-run this check.");
        return switch (finding.subject().kind()) {
            case "floating-ip" -> facts.get(OpenStackApi.floatingIps(cloud)).stream().filter(f -> f.id().equals(id))
                    .findFirst().map(fip -> releasePlan(finding, fip, retry));
            case "load-balancer" -> facts.get(OpenStackApi.loadBalancers(cloud)).stream().filter(l -> l.id().equals(id))
                    .findFirst().map(lb -> deletePlan(finding, lb, retry));
            default -> Optional.empty();
        };
    }

    private Plan releasePlan(Finding finding, FloatingIp fip, List<String> notes) {
        return new Plan(id(), checkId(), finding.subject().name(), fip.address(), List.of(
                new Step("release floating IP " + fip.address() + " (it pins the router interface the delete must remove)",
                        new Operation.ApiCall("DELETE", "network", "/floatingips/" + fip.id(), null, Set.of(204, 404)),
                        Risk.DESTRUCTIVE, null),
                new Step("wait until the check no longer reports it",
                        new Operation.WaitUntilHealed(Duration.ofSeconds(60)), Risk.SAFE, null)), notes);
    }

    private Plan deletePlan(Finding finding, LoadBalancer lb, List<String> notes) {
        return new Plan(id(), checkId(), finding.subject().name(), lb.id(), List.of(
                new Step("delete load balancer " + lb.name() + " with its listeners, pools and health monitors "
                        + "(Octavia cascade: monitor → pool → listener → load balancer)",
                        new Operation.ApiCall("DELETE", "load-balancer", "/lbaas/loadbalancers/" + lb.id() + "?cascade=true",
                                null, Set.of(204, 404)),
                        Risk.DESTRUCTIVE, null),
                new Step("wait until Octavia has deleted it and the check no longer reports it",
                        new Operation.WaitUntilHealed(Duration.ofSeconds(120)), Risk.SAFE, null)), notes);
    }
}
