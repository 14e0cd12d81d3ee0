package io.kolladoctor.checks.catalog;

import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.CheckInfo;
import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.Subject;
import io.kolladoctor.checks.support.HeatAgentRegion;
import io.kolladoctor.checks.support.HeatAgentRegion.Reading;
import io.kolladoctor.checks.support.IniOptionSurvey;
import io.kolladoctor.checks.support.IniOptionSurvey.Answer;
import io.kolladoctor.checks.support.IniOptionSurvey.State;
import io.kolladoctor.checks.support.OptionalFacts;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.HeatLocalMetadata;
import io.kolladoctor.deployment.facts.openstack.HeatStack;
import io.kolladoctor.deployment.facts.openstack.MagnumCluster;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.deployment.facts.openstack.StackResource;
import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.model.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A1 {@code heat.region-null} — Magnum node agents get {@code region_name = null}. Seed 001. A node is judged on its
 * own metadata (Heat wrote the null when it created the server: fixing heat.conf does not heal it); heat-engine on
 * {@code [DEFAULT] region_name_for_services}, FAIL while clusters exist, else WARN.
 */
public final class HeatRegionNull implements Check {

    static final CheckInfo INFO = new CheckInfo(
            "heat.region-null",
            "Magnum node agents get region_name = null",
            "'openstack coe cluster create' ends CREATE_FAILED / timed out on a SoftwareDeployment (e.g. "
                    + "enable_cert_manager_api_deployment); on the master node 'journalctl -u heat-container-agent' "
                    + "shows 'publicURL endpoint for orchestration service in null region not found' and "
                    + "/var/run/heat-config/heat-config is '[]'.",
            "FAIL when a Magnum cluster node's os-collect-config region is null or empty (/etc/os-collect-config.conf "
                    + "[heat] region_name, /var/lib/os-collect-config/heat_local.json, or Heat's metadata of the server), "
                    + "or when heat-engine's heat.conf has no [DEFAULT] region_name_for_services while Magnum clusters "
                    + "exist; WARN when only the controller side is unset (no clusters yet); SKIP when Heat is disabled.",
            "Set the region for the servers Heat creates in a Kolla override /etc/kolla/config/heat.conf:\n"
                    + "  [DEFAULT]\n  region_name_for_services = <openstack_region_name, e.g. RegionOne>\n"
                    + "then 'kolla-ansible -i <inventory> reconfigure -t heat'. Existing clusters keep region_name = null "
                    + "in their servers' metadata (Heat wrote it when it created them): delete and recreate the failed "
                    + "clusters ('openstack coe cluster delete <name>' then create) — fixing heat.conf alone does not "
                    + "heal them. Kolla-Ansible renders the option itself since commit 54203843dd94 (bug 1817051; "
                    + "8.0.0 Stein, backported to 7.1.0 Rocky and 6.2.0 Queens): upgrading Kolla-Ansible also fixes it.",
            "A new cluster node's /var/lib/os-collect-config/heat_local.json carries the region; the cluster's stack "
                    + "reaches CREATE_COMPLETE.",
            List.of("001"),
            List.of("/etc/kolla/heat-engine/heat.conf on heat-engine hosts",
                    "/etc/os-collect-config.conf and /var/lib/os-collect-config/heat_local.json on Magnum nodes",
                    "container-infra/clusters.json", "orchestration/stacks.json (optional)",
                    "orchestration/stacks/<id>/resources.json and server metadata (optional)"),
            null);

    static final String HEAT_ENGINE_CONF = "/etc/kolla/heat-engine/heat.conf";
    private static final String OPTION = "region_name_for_services";

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public List<FactRequest> prefetch(Deployment deployment) {
        List<FactRequest> requests = new ArrayList<>();
        engineHosts(deployment).forEach(h -> requests.add(FactRequest.hostFile(h.name(), HEAT_ENGINE_CONF)));
        for (Host node : deployment.hostsIn(Deployment.MAGNUM_NODES)) {
            requests.add(FactRequest.hostFile(node.name(), HeatAgentRegion.OCC_CONF));
            requests.add(HeatLocalMetadata.of(node.name()).request());
        }
        deployment.cloud().ifPresent(cloud -> {
            requests.add(OpenStackApi.clusters(cloud).request());
            requests.add(OpenStackApi.stacks(cloud).request());
        });
        return requests;
    }

    @Override
    public List<Finding> run(Facts facts) throws FactUnavailableException {
        Deployment deployment = Deployments.of(facts);
        if (!deployment.globals().enabled("heat")) {
            return List.of(INFO.skip(Subject.of("service", "heat"),
                    "Heat is disabled (enable_heat, " + deployment.globals().whereSet("enable_heat") + ")"));
        }
        List<Finding> findings = new ArrayList<>();
        Optional<List<MagnumCluster>> clusters = clusters(facts, deployment, findings);
        List<MagnumCluster> known = clusters.orElse(List.of());
        List<HeatStack> stacks = deployment.cloud()
                .flatMap(cloud -> OptionalFacts.bestEffort(facts, OpenStackApi.stacks(cloud))).orElse(List.of());
        List<Host> nodes = deployment.hostsIn(Deployment.MAGNUM_NODES);
        for (Host node : nodes) {
            String uuid = node.vars().get("magnum_cluster");
            Optional<MagnumCluster> cluster = known.stream().filter(c -> Objects.equals(c.uuid(), uuid)).findFirst();
            findings.add(judgeNode(facts, deployment, node, cluster, stacks));
        }
        Set<String> reached = nodes.stream().map(n -> n.vars().get("magnum_cluster")).collect(Collectors.toSet());
        for (MagnumCluster cluster : known) {
            if (!reached.contains(cluster.uuid()) && cluster.stackId() != null) {
                findings.addAll(judgeFromHeat(facts, deployment.cloud().orElseThrow(), cluster));
            }
        }
        judgeEngines(facts, deployment, clusters, nodes, findings);
        if (findings.isEmpty()) {
            findings.add(INFO.skip(Subject.of("service", "heat"),
                    "no heat-engine host in the inventory and no Magnum cluster node to look at"));
        }
        return findings;
    }

    /** heat-engine hosts (inventory group heat-engine, else control): where region_name_for_services matters. */
    static List<Host> engineHosts(Deployment deployment) {
        List<Host> engines = deployment.inventory().hostsIn("heat-engine");
        return engines.isEmpty() ? deployment.inventory().hostsIn("control") : engines;
    }

    /** The clusters; empty when they cannot be known (no cloud, or an ERROR was added). Magnum off: none. */
    private static Optional<List<MagnumCluster>> clusters(Facts facts, Deployment deployment, List<Finding> findings) {
        if (!deployment.globals().enabled("magnum")) {
            return Optional.of(List.of());
        }
        if (deployment.cloud().isEmpty()) {
            return Optional.empty();
        }
        Fact<List<MagnumCluster>> fact = OpenStackApi.clusters(deployment.cloud().get());
        try {
            return Optional.of(facts.find(fact).orElse(List.of()));
        } catch (FactUnavailableException e) {
            findings.add(INFO.error(Subject.of("source", fact.request().describe()), e.getMessage()));
            return Optional.empty();
        }
    }

    private static Finding judgeNode(Facts facts, Deployment deployment, Host node, Optional<MagnumCluster> cluster,
                                     List<HeatStack> stacks) {
        Subject subject = Subject.onHost("magnum-node", node.name(), node.name());
        String uuid = node.vars().get("magnum_cluster");
        String ofCluster = cluster.map(c -> "this node of cluster " + c.name() + " (" + c.status() + ")")
                .orElse(uuid != null ? "this node of cluster " + uuid : "this Magnum node");
        Reading reading = HeatAgentRegion.ofNode(facts, node.name(), deployment.cloud());
        List<Evidence> evidence = new ArrayList<>(reading.evidence());
        String unreadable = String.join("; ", reading.unreadable());
        if (reading.anyUnset()) {
            cluster.ifPresent(c -> evidence.add(clusterEvidence(deployment, c, stacks)));
            return INFO.fail(subject, "the heat agent of " + ofCluster + " has region_name = null: it looks up "
                    + "Heat's endpoint in region 'null', finds none, and never reports its SoftwareDeployments, so "
                    + "they time out; Heat wrote the null when it created the server, so only recreating the cluster "
                    + "heals it" + (unreadable.isEmpty() ? "" : " (also: " + unreadable + ")"), evidence);
        }
        if (!unreadable.isEmpty()) {
            return INFO.error(subject, unreadable);
        }
        if (evidence.isEmpty()) {
            return INFO.skip(subject, "no os-collect-config region on " + ofCluster + " (neither "
                    + HeatAgentRegion.OCC_CONF + " [heat] region_name nor " + HeatLocalMetadata.PATH + ")");
        }
        return INFO.finding(Status.OK, subject, "the heat agent of " + ofCluster + " has a region", evidence);
    }

    /** A cluster none of whose nodes was reached: Heat's metadata of its servers, when collected, is the view. */
    private static List<Finding> judgeFromHeat(Facts facts, String cloud, MagnumCluster cluster) {
        List<StackResource> resources;
        try {
            resources = OptionalFacts.collected(facts, OpenStackApi.stackResources(cloud, cluster.stackId()))
                    .orElse(List.of());
        } catch (FactUnavailableException e) {
            return List.of(INFO.error(Subject.of("stack", cluster.stackId()), e.getMessage()));
        }
        List<Finding> findings = new ArrayList<>();
        for (StackResource server : resources) {
            if (!"OS::Nova::Server".equals(server.type()) || server.stackId() == null) {
                continue;
            }
            Subject subject = Subject.of("server", server.physicalResourceId() != null
                    ? server.physicalResourceId() : server.stackId() + "/" + server.name());
            String what = "server " + server.name() + " of cluster " + cluster.name() + " (" + cluster.status() + ")";
            HeatAgentRegion.ofResource(facts, cloud, server.stackId(), server.name()).ifPresent(r -> findings.add(
                    r.unset() ? INFO.fail(subject, "Heat gave " + what + " region_name = null: its heat agent cannot "
                            + "find Heat's endpoint; recreate the cluster", r.evidence())
                            : INFO.ok(subject, what + " has a region", r.evidence())));
        }
        return findings;
    }

    private static void judgeEngines(Facts facts, Deployment deployment, Optional<List<MagnumCluster>> clusters,
                                     List<Host> nodes, List<Finding> findings) {
        List<Answer> answers = IniOptionSurvey.survey(facts, engineHosts(deployment), HEAT_ENGINE_CONF, "DEFAULT", OPTION);
        for (Answer a : answers) {
            Subject file = Subject.onHost("file", a.host(), HEAT_ENGINE_CONF);
            if (a.state() == State.UNREADABLE) {
                findings.add(INFO.error(file, a.problem()));
            } else if (a.state() == State.NO_FILE) {
                findings.add(INFO.skip(file, a.problem() + " although it is a heat-engine host (Heat not deployed "
                        + "there yet?): cannot tell which region it gives servers"));
            }
        }
        List<Answer> judged = answers.stream().filter(Answer::judged).toList();
        if (judged.isEmpty()) {
            return;
        }
        Subject subject = Subject.of("service", "heat-engine");
        List<Evidence> evidence = judged.stream().map(Answer::evidence).toList();
        List<String> unset = judged.stream().filter(a -> a.state() == State.UNSET).map(Answer::host).toList();
        if (unset.isEmpty()) {
            String regions = judged.stream().map(Answer::value).distinct().collect(Collectors.joining(", "));
            findings.add(INFO.finding(Status.OK, subject, "heat-engine gives the servers it creates region " + regions,
                    evidence));
            return;
        }
        String why = OPTION + " is unset in heat.conf on " + String.join(", ", unset) + ": Heat takes a server's region "
                + "from the request's X-Region-Name (Magnum sends none), else from this option, so new cluster nodes get "
                + "region_name = null; expected " + deployment.globals().string("openstack_region_name");
        List<MagnumCluster> known = clusters.orElse(List.of());
        if (!known.isEmpty() || !nodes.isEmpty()) {
            String names = known.isEmpty() ? nodes.size() + " cluster node(s) reached"
                    : known.stream().map(MagnumCluster::name).collect(Collectors.joining(", "));
            findings.add(INFO.fail(subject, why + "; Magnum clusters exist (" + names + ")", evidence));
        } else {
            findings.add(INFO.finding(Status.WARN, subject, why + "; no Magnum cluster yet"
                    + (clusters.isEmpty() ? " known (the cluster list could not be read)" : ""), evidence));
        }
    }

    private static Evidence clusterEvidence(Deployment deployment, MagnumCluster cluster, List<HeatStack> stacks) {
        String reason = stacks.stream().filter(s -> Objects.equals(s.id(), cluster.stackId())).findFirst()
                .map(s -> "stack " + s.name() + " " + s.status() + ": " + s.statusReason())
                .orElse(cluster.statusReason() == null ? "" : cluster.statusReason());
        return Evidence.field(FactRequest.cloud(deployment.cloud().orElse("?"), "container-infra/clusters.json").describe(),
                "clusters[name=" + cluster.name() + "].status", cluster.status() + (reason.isEmpty() ? "" : " — " + reason));
    }
}
