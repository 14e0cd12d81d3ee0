package io.kolladoctor.app.tui.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.openstack.HeatStack;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.deployment.facts.openstack.StackResource;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A Magnum cluster ({@code GET /v1/clusters}) with its Heat stack ({@code GET /v1/{project}/stacks}): status and
 * reason of both, master and node counts. Its detail ({@link #detail}) adds the nested stacks, the resources that
 * failed, and the stack's events.
 */
public record ClusterRow(String uuid, String name, String status, String reason, String health, int masters,
                         int nodes, String coeVersion, String stackId, String stackName, String stackStatus,
                         String stackReason, int trouble) {

    public static final String CLUSTERS = "container-infra/clusters.json";

    /** What the detail view adds, loaded when it opens. */
    public record Detail(List<String> nestedStacks, List<String> failedResources, List<String> events, List<String> problems) {
    }

    public static Section<ClusterRow> load(Facts facts, SecretMasker masker) {
        String cloud = facts.source().topology().cloud();
        if (cloud == null) {
            return Section.failed("this source reaches no OpenStack cloud");
        }
        List<String> problems = new ArrayList<>();
        List<JsonNode> clusters = ServiceRow.raw(facts, cloud, CLUSTERS, "magnum clusters", "clusters", problems, masker);
        List<HeatStack> stacks;
        try {
            stacks = facts.get(OpenStackApi.stacks(cloud));
        } catch (FactUnavailableException e) {
            problems.add("heat stacks: " + masker.mask(e.getMessage()));
            stacks = List.of();
        }
        List<ClusterRow> rows = new ArrayList<>();
        for (JsonNode c : clusters) {
            String stackId = ServiceRow.text(c, "stack_id");
            Optional<HeatStack> stack = stacks.stream().filter(s -> s.id().equals(stackId)).findFirst();
            String status = ServiceRow.text(c, "status");
            int trouble = status == null ? 1 : status.endsWith("_FAILED") ? 2 : status.endsWith("_COMPLETE") ? 0 : 1;
            rows.add(new ClusterRow(ServiceRow.text(c, "uuid"), ServiceRow.text(c, "name"), status,
                    masker.mask(reason(ServiceRow.text(c, "status_reason"), stack.orElse(null))), ServiceRow.text(c, "health_status"),
                    c.path("master_count").asInt(0), c.path("node_count").asInt(0), ServiceRow.text(c, "coe_version"),
                    stackId, stack.map(HeatStack::name).orElse(null), stack.map(HeatStack::status).orElse(null),
                    stack.map(s -> masker.mask(s.statusReason())).orElse(null), trouble));
        }
        rows.sort(Comparator.comparingInt((ClusterRow r) -> -r.trouble()).thenComparing(r -> String.valueOf(r.name())));
        return Section.of(rows, problems);
    }

    /** The list body has no status_reason (only a cluster's own body has): the stack's reason says the same. */
    private static String reason(String own, HeatStack stack) {
        return own != null || stack == null ? own : stack.statusReason();
    }

    /** Nested stacks, failed resources (nested ones included) and events of the cluster's stack. */
    public static Detail detail(Facts facts, SecretMasker masker, ClusterRow cluster) {
        String cloud = facts.source().topology().cloud();
        List<String> problems = new ArrayList<>();
        List<String> nested = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> events = new ArrayList<>();
        if (cloud == null || cluster.stackId() == null) {
            return new Detail(nested, failed, events, List.of("the cluster has no Heat stack"));
        }
        try {
            for (HeatStack s : facts.get(OpenStackApi.stacks(cloud))) {
                if (cluster.stackId().equals(s.parent())) {
                    nested.add(s.name() + "  " + s.status() + (s.statusReason() == null ? "" : ": " + masker.mask(s.statusReason())));
                }
            }
        } catch (FactUnavailableException e) {
            problems.add("heat stacks: " + masker.mask(e.getMessage()));
        }
        try {
            for (StackResource r : facts.get(OpenStackApi.stackResources(cloud, cluster.stackId()))) {
                if (r.status() != null && r.status().endsWith("_FAILED")) {
                    failed.add(r.name() + " (" + r.type() + ") " + r.status()
                            + (r.statusReason() == null ? "" : ": " + masker.mask(r.statusReason())));
                }
            }
        } catch (FactUnavailableException e) {
            problems.add("stack resources: " + masker.mask(e.getMessage()));
        }
        String eventsName = "orchestration/stacks/" + cluster.stackId() + "/events.json";
        for (JsonNode e : ServiceRow.raw(facts, cloud, eventsName, "stack events", "events", problems, masker)) {
            events.add(ServiceRow.text(e, "event_time") + "  " + ServiceRow.text(e, "resource_name") + "  "
                    + ServiceRow.text(e, "resource_status")
                    + (ServiceRow.text(e, "resource_status_reason") == null ? "" : ": " + masker.mask(ServiceRow.text(e, "resource_status_reason"))));
        }
        return new Detail(nested, failed, events, problems);
    }
}
