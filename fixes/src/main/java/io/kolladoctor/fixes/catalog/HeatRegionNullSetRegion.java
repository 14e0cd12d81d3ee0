package io.kolladoctor.fixes.catalog;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.support.HeatAgentRegion;
import io.kolladoctor.checks.support.IniOptionSurvey;
import io.kolladoctor.checks.support.IniOptionSurvey.Answer;
import io.kolladoctor.checks.support.IniOptionSurvey.State;
import io.kolladoctor.checks.support.OptionalFacts;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.HeatLocalMetadata;
import io.kolladoctor.deployment.facts.host.HostFiles;
import io.kolladoctor.deployment.facts.host.IniConfig;
import io.kolladoctor.deployment.facts.openstack.HeatStack;
import io.kolladoctor.deployment.facts.openstack.MagnumCluster;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.deployment.facts.openstack.StackResource;
import io.kolladoctor.deployment.live.KollaLocations;
import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.model.Host;
import io.kolladoctor.fixes.DeployHost;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.IniMerge;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * heat.region-null (catalog A1), on heat-engine's finding (FAIL, or WARN before any cluster exists): set
 * {@code [DEFAULT] region_name_for_services = <openstack_region_name>} in the Kolla override {@code heat.conf} on the
 * deploy host (this machine, {@code --kolla-dir}/config), then, when {@code kolla-ansible} is on this machine's PATH,
 * run {@code kolla-ansible -i <inventory> reconfigure -t heat}. Without it the plan does for heat-engine what that
 * reconfigure would: the same option in each heat-engine host's rendered {@code /etc/kolla/heat-engine/heat.conf}
 * (sed, backup kept), then {@code docker restart heat_engine} (Kolla copies the file into the container when it
 * starts); its notes give the exact reconfigure command for later, which also renders heat-api's copy. Servers Heat
 * created before keep {@code region_name = null} in their metadata: the notes name those clusters, which only
 * recreating heals, and the check keeps reporting their nodes.
 */
public final class HeatRegionNullSetRegion implements Fix {

    static final String OPTION = "region_name_for_services";
    static final String RENDERED = "/etc/kolla/heat-engine/heat.conf";
    static final Duration RECONFIGURE_TIMEOUT = Duration.ofMinutes(30);
    /** A region name sed and a Kolla override take as is (Keystone's are like RegionOne, region-2, dc1.east). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+");

    private final Function<Facts, DeployHost> deployHost;

    public HeatRegionNullSetRegion() {
        this(DeployHost::of);
    }

    /** {@code deployHost}: what the deploy host has, for these facts (tests give their own). */
    public HeatRegionNullSetRegion(Function<Facts, DeployHost> deployHost) {
        this.deployHost = deployHost;
    }

    @Override
    public String id() {
        return "heat.region-null/set-region";
    }

    @Override
    public String checkId() {
        return "heat.region-null";
    }

    @Override
    public String title() {
        return "set Heat's region_name_for_services in the Kolla override and reconfigure Heat (clusters with region "
                + "null must still be recreated)";
    }

    @Override
    public Optional<Plan> plan(Finding finding, Facts facts) throws FactUnavailableException {
        if (!finding.checkId().equals(checkId()) || (finding.status() != Status.FAIL && finding.status() != Status.WARN)
                || !"service".equals(finding.subject().kind()) || !"heat-engine".equals(finding.subject().name())) {
            return Optional.empty(); // a node's null region is not healed by any config: see the notes of this plan
        }
        Deployment deployment = Deployments.of(facts);
        String region = deployment.globals().string("openstack_region_name");
        if (region == null || !PLAIN.matcher(region).matches()) {
            return Optional.empty(); // the finding's own hint stands: no value this plan could write safely
        }
        DeployHost deploy = deployHost.apply(facts);
        Path override = overrideDir(deployment, deploy).resolve("heat.conf");
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        DeployHost.FileState current = deploy.read(override);
        Optional<String> inOverride = current.exists()
                ? IniConfig.parse(current.text()).value("DEFAULT", OPTION) : Optional.empty();
        if (inOverride.filter(region::equals).isPresent()) {
            notes.add(override + " already sets [DEFAULT] " + OPTION + " = " + region + ": it is not written again.");
        } else {
            steps.add(overrideStep(override, region, current, inOverride));
        }
        List<String> reconfigure = reconfigureCommand(deploy);
        if (deploy.kollaAnsible().isPresent()) {
            steps.add(new Step("render Heat's config from Kolla's templates and overrides on every Heat host and restart "
                    + "the Heat containers whose config changed (heat_api, heat_api_cfn, heat_engine)",
                    new Operation.LocalCommand(reconfigure, RECONFIGURE_TIMEOUT, Set.of(0)), Risk.DISRUPTIVE, null));
        } else {
            steps.addAll(renderedSteps(facts, deployment, region, notes));
            notes.add(withoutKollaAnsible(deploy, reconfigure));
        }
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        steps.add(new Step("wait until heat-engine's heat.conf gives the region (the check re-run)",
                new Operation.WaitUntilHealed(Duration.ofSeconds(120)), Risk.SAFE, null));
        notes.addAll(recreateNotes(facts, deployment));
        String subject = Fixes.subjectOf(finding);
        return Optional.of(new Plan(id(), checkId(), subject, subject, steps, notes));
    }

    /** {@code node_custom_config} when globals.yml sets it to a plain path, else Kolla's {@code <kolla dir>/config}. */
    static Path overrideDir(Deployment deployment, DeployHost deploy) {
        String custom = deployment.globals().isSet("node_custom_config")
                ? deployment.globals().string("node_custom_config") : null;
        return custom != null && custom.startsWith("/") && !custom.contains("{{") ? Path.of(custom)
                : deploy.kollaDir().resolve("config");
    }

    private static Step overrideStep(Path override, String region, DeployHost.FileState current, Optional<String> was) {
        String what = !current.known() ? "merge into the Kolla override " + override + " (" + current.problem() + ")"
                : !current.exists() ? "create the Kolla override " + override
                : was.isPresent() ? "in the Kolla override " + override + ", replace " + OPTION + " = " + was.get()
                : "add to the Kolla override " + override + ", keeping its other sections and options";
        String undo = !current.known() ? "restore " + override + IniMerge.BACKUP_SUFFIX + " if it was written"
                : current.exists() ? "mv " + override + IniMerge.BACKUP_SUFFIX + " " + override : "rm " + override;
        return new Step(what + " [DEFAULT] " + OPTION + " = " + region + " (openstack_region_name), so every later "
                + "kolla-ansible deploy or reconfigure renders it into Heat's heat.conf",
                new Operation.LocalIniMerge(override.toString(), "DEFAULT", Map.of(OPTION, region)), Risk.SAFE, undo);
    }

    /** {@code kolla-ansible -i <inventory> [--configdir <dir>] reconfigure -t heat}, as it runs (or would) here. */
    static List<String> reconfigureCommand(DeployHost deploy) {
        List<String> argv = new ArrayList<>(List.of(deploy.kollaAnsible().map(Path::toString).orElse("kolla-ansible"),
                "-i", deploy.inventory().map(Path::toString).orElse("INVENTORY")));
        if (!deploy.kollaDir().equals(KollaLocations.DEFAULT_CONFIG_DIR)) {
            argv.addAll(List.of("--configdir", deploy.kollaDir().toString()));
        }
        argv.addAll(List.of("reconfigure", "-t", "heat"));
        return argv;
    }

    /** Without kolla-ansible here: the option into each heat-engine's rendered heat.conf, then restart heat_engine. */
    private static List<Step> renderedSteps(Facts facts, Deployment deployment, String region, List<String> notes)
            throws FactUnavailableException {
        List<Step> steps = new ArrayList<>();
        for (Answer answer : IniOptionSurvey.survey(facts, engineHosts(deployment), RENDERED, "DEFAULT", OPTION)) {
            String host = answer.host();
            if (answer.state() == State.UNREADABLE || answer.state() == State.NO_FILE) {
                notes.add(host + ": " + RENDERED + " not edited (" + answer.problem() + ").");
                continue;
            }
            if (answer.state() != State.UNSET) {
                continue;
            }
            if (!facts.get(HostFiles.file(host, RENDERED)).ini().hasSection("DEFAULT")) {
                notes.add(host + ": " + RENDERED + " has no [DEFAULT] section (not rendered by Kolla?): not edited.");
                continue;
            }
            String header = "/^\\[DEFAULT\\][[:space:]]*$/";
            steps.add(new Step("set [DEFAULT] " + OPTION + " = " + region + " in the rendered " + RENDERED + " on " + host
                    + " (an empty or misplaced one in [DEFAULT] is replaced; every other line kept)",
                    Operation.HostCommand.of(host, Duration.ofSeconds(20), "sed", "-i" + IniMerge.BACKUP_SUFFIX,
                            "-e", header + ",/^\\[/{/^[[:space:]]*" + OPTION + "[[:space:]]*[=:]/d}",
                            "-e", header + "a " + OPTION + " = " + region, RENDERED),
                    Risk.DISRUPTIVE, "mv " + RENDERED + IniMerge.BACKUP_SUFFIX + " " + RENDERED + " on " + host));
            steps.add(new Step("restart heat_engine on " + host + " (Kolla copies heat.conf into it when it starts; a stack "
                    + "action it is running at that moment ends FAILED)",
                    Operation.HostCommand.of(host, Duration.ofSeconds(120), "docker", "restart", "heat_engine"),
                    Risk.DISRUPTIVE, null));
        }
        return steps;
    }

    /** heat-engine hosts: inventory group heat-engine, else control (as the check reads them). */
    private static List<Host> engineHosts(Deployment deployment) {
        List<Host> engines = deployment.inventory().hostsIn("heat-engine");
        return engines.isEmpty() ? deployment.inventory().hostsIn("control") : engines;
    }

    private static String withoutKollaAnsible(DeployHost deploy, List<String> reconfigure) {
        String command = String.join(" ", reconfigure);
        String why = deploy.here() ? "kolla-ansible is not on this machine's PATH, so this plan does not run it"
                : "these facts are not from the deploy host (a snapshot), so whether kolla-ansible is installed there is "
                + "not known and this plan does not run it (on the deploy host, 'kolla-doctor fix' runs it when it is on "
                + "the PATH; the paths here are Kolla's defaults)";
        return why + ": it edits heat-engine's rendered heat.conf and restarts heat_engine instead, which is what "
                + "'reconfigure -t heat' does for this option. Run the reconfigure where kolla-ansible is installed, "
                + "with the override above: it renders the option for heat-api and heat-api-cfn too and keeps the "
                + "rendered files in step with the override: " + command;
    }

    /** The clusters (or stacks) whose servers Heat already gave region null: no config change heals them. */
    private static List<String> recreateNotes(Facts facts, Deployment deployment) {
        Optional<String> cloud = deployment.cloud();
        List<MagnumCluster> clusters = cloud.flatMap(c -> OptionalFacts.bestEffort(facts, OpenStackApi.clusters(c)))
                .orElse(List.of());
        List<HeatStack> stacks = cloud.flatMap(c -> OptionalFacts.bestEffort(facts, OpenStackApi.stacks(c)))
                .orElse(List.of());
        List<String> stuck = new ArrayList<>();
        List<String> reached = new ArrayList<>();
        for (Host node : deployment.hostsIn(Deployment.MAGNUM_NODES)) {
            String uuid = node.vars().get("magnum_cluster");
            reached.add(uuid);
            if (HeatAgentRegion.ofNode(facts, node.name(), cloud).anyUnset()) {
                Optional<MagnumCluster> cluster = clusters.stream().filter(c -> Objects.equals(c.uuid(), uuid)).findFirst();
                String owner = cluster.map(HeatRegionNullSetRegion::describe)
                        .orElseGet(() -> stackOf(facts, node.name(), stacks, clusters));
                stuck.add("node " + node.name() + " (" + owner + ")");
            }
        }
        for (MagnumCluster cluster : clusters) {
            if (reached.contains(cluster.uuid()) || cluster.stackId() == null || cloud.isEmpty()) {
                continue;
            }
            List<StackResource> resources = OptionalFacts.bestEffort(facts,
                    OpenStackApi.stackResources(cloud.get(), cluster.stackId())).orElse(List.of());
            for (StackResource server : resources) {
                if ("OS::Nova::Server".equals(server.type()) && server.stackId() != null && HeatAgentRegion
                        .ofResource(facts, cloud.get(), server.stackId(), server.name()).filter(r -> r.unset()).isPresent()) {
                    stuck.add("server " + server.name() + " (" + describe(cluster) + ", per Heat's metadata)");
                }
            }
        }
        if (stuck.isEmpty()) {
            return List.of("No cluster node with region_name = null was found (none reached, or all have a region). "
                    + "A cluster created before this fix that fails on a SoftwareDeployment still needs recreating.");
        }
        return List.of("This fix cannot heal servers Heat already created: their metadata keeps region_name = null, "
                + "so heat.region-null keeps reporting them after this plan. Delete and recreate: " + String.join("; ",
                stuck) + ". A Magnum cluster: 'openstack coe cluster delete NAME', then create it again with the same "
                + "template, node counts and keypair; its new nodes get the region.");
    }

    private static String describe(MagnumCluster cluster) {
        return "cluster " + cluster.name() + ", " + cluster.status();
    }

    /** The top-level stack a node's nested stack belongs to (Magnum names nested stacks after it), else its own. */
    private static String stackOf(Facts facts, String node, List<HeatStack> stacks, List<MagnumCluster> clusters) {
        Optional<HeatLocalMetadata> local = OptionalFacts.bestEffort(facts, HeatLocalMetadata.of(node));
        String nested = local.map(HeatLocalMetadata::stackId).map(id -> id.substring(0, Math.max(0, id.lastIndexOf('/'))))
                .orElse("");
        String uuid = local.map(HeatLocalMetadata::stackUuid).orElse("");
        Optional<HeatStack> top = stacks.stream().filter(s -> s.id().equals(uuid) || (s.name() != null
                && (nested.equals(s.name()) || nested.startsWith(s.name() + "-")))).findFirst();
        if (top.isEmpty()) {
            return nested.isEmpty() ? "its cluster is not known" : "stack " + nested;
        }
        return clusters.stream().filter(c -> top.get().id().equals(c.stackId())).findFirst()
                .map(HeatRegionNullSetRegion::describe)
                .orElse("stack " + top.get().name() + ", " + top.get().status() + "; delete and create that stack again");
    }
}
