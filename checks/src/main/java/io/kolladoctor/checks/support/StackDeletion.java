package io.kolladoctor.checks.support;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Subject;
import io.kolladoctor.deployment.facts.openstack.HeatStack;
import io.kolladoctor.deployment.facts.openstack.MagnumCluster;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Magnum cluster, or a top-level Heat stack no cluster owns, that is being deleted ({@code DELETE_FAILED} or
 * {@code DELETE_IN_PROGRESS}): the subject findings are about, a label for summaries, its stack, the cluster UUID
 * (null for a plain stack), the status reason as Heat or Magnum gives it, and that reason as evidence.
 */
public record StackDeletion(Subject subject, String label, String stackId, String clusterUuid, String statusReason,
                            Optional<Evidence> reason) {

    /** Deleting clusters first, then deleting top-level stacks no cluster owns (a plain Heat stack fails the same way). */
    public static List<StackDeletion> in(CloudResources cloud) {
        List<StackDeletion> deletions = new ArrayList<>();
        Set<String> clusterStacks = new HashSet<>();
        for (MagnumCluster c : cloud.clusters()) {
            clusterStacks.add(c.stackId());
            if (!c.isDeleting()) {
                continue;
            }
            Optional<HeatStack> stack = cloud.stack(c.stackId());
            String label = "cluster " + c.name() + " (" + c.status() + ", stack "
                    + stack.map(HeatStack::name).orElse(c.stackId()) + ")";
            Optional<Evidence> reason = stack.flatMap(s -> stackReason(cloud, s)).or(() -> Optional.ofNullable(c.statusReason())
                    .map(r -> Evidence.field(cloud.source(OpenStackApi.clusters(cloud.name())),
                            "clusters[" + c.name() + "].status_reason", r)));
            String text = stack.map(HeatStack::statusReason).orElse(c.statusReason());
            deletions.add(new StackDeletion(Subject.of("cluster", c.name()), label, c.stackId(), c.uuid(), text, reason));
        }
        for (HeatStack s : cloud.stacks()) {
            if (s.parent() == null && s.isDeleting() && !clusterStacks.contains(s.id())) {
                deletions.add(new StackDeletion(Subject.of("stack", s.name()), "Heat stack " + s.name() + " (" + s.status() + ")",
                        s.id(), null, s.statusReason(), stackReason(cloud, s)));
            }
        }
        return deletions;
    }

    private static Optional<Evidence> stackReason(CloudResources cloud, HeatStack stack) {
        return Optional.ofNullable(stack.statusReason()).filter(r -> !r.isBlank())
                .map(r -> Evidence.field(cloud.source(OpenStackApi.stacks(cloud.name())),
                        "stacks[" + stack.name() + "].stack_status_reason", r));
    }
}
