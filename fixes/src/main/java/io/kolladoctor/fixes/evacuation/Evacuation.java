package io.kolladoctor.fixes.evacuation;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guided evacuation of one failed compute host (catalog C, UMHA): preflight → plan → fence → force-down →
 * confirm the plan → evacuate and watch → record. Every stage before the fence is read-only; without {@code armed} the
 * run stops after the plan. Each mutating stage waits for its own confirmation, writes the audit log, and a refusal or
 * failure stops the run there with an account of what was and was not done.
 */
public final class Evacuation {

    public enum Stage { PREFLIGHT, PLAN, FENCE, FORCE_DOWN, CONFIRM, EVACUATE, DONE }

    /** What the operator asked for. */
    public record Request(String host, boolean armed, boolean attestedOff, String reservedHost, boolean scheduler,
                          int concurrency, Duration roundInterval) {
    }

    /** Where the run ended and how: {@code refused} (preflight said no), {@code stopped}, or done. */
    public record Report(Stage reached, boolean refused, boolean stopped, String summary, List<InstanceMove> plan,
                         List<Evacuator.Outcome> outcomes) {
        /** Every instance the plan moves has moved (those it keeps in place are reported, not failures). */
        public boolean allMoved() {
            return !refused && !stopped && outcomes.stream().filter(o -> o.move().moves()).allMatch(Evacuator.Outcome::moved);
        }
    }

    private final Nova nova;
    private final Bmcs bmcs;
    private final Probes probes;
    private final UmhaSite site;
    private final Map<String, List<String>> managementAddresses;
    private final EvacuationOperator operator;
    private final EvacuationAudit audit;
    private final EvacuationHistory history;

    public Evacuation(Nova nova, Bmcs bmcs, Probes probes, UmhaSite site, Map<String, List<String>> managementAddresses,
                      EvacuationOperator operator, EvacuationAudit audit, EvacuationHistory history) {
        this.nova = nova;
        this.bmcs = bmcs;
        this.probes = probes;
        this.site = site;
        this.managementAddresses = managementAddresses;
        this.operator = operator;
        this.audit = audit;
        this.history = history;
    }

    public Report run(Request request) throws IOException {
        if (!request.armed()) {
            return stages(request, new ArrayList<>(), Instant.now());
        }
        try (FileChannel channel = FileChannel.open(lockFile(request.host()), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return new Report(Stage.PREFLIGHT, true, false, "another kolla-doctor is evacuating " + request.host()
                        + " (lock " + lockFile(request.host()) + "): nothing was changed", List.of(), List.of());
            }
            return stages(request, new ArrayList<>(), Instant.now());
        }
    }

    private Report stages(Request request, List<String> trail, Instant started) throws IOException {
        String host = request.host();
        operator.say("1. Preflight: is " + host + " really down, and is it one host rather than an outage?");
        Preflight.Result pre = new Preflight(nova, bmcs, probes, site, managementAddresses, request.roundInterval(), operator)
                .run(host);
        trail.addAll(pre.trail());
        if (!pre.go()) {
            operator.say("REFUSED: " + pre.refusal());
            return finish(request, trail, started, new Report(Stage.PREFLIGHT, true, false, pre.refusal(), List.of(), List.of()));
        }
        operator.say("2. Plan: what happens to each instance of " + host);
        List<InstanceMove> plan = plan(request);
        show(plan);
        long moving = plan.stream().filter(InstanceMove::moves).count();
        if (!request.armed()) {
            return new Report(Stage.PLAN, false, true, "plan only: nothing was changed (--arm to evacuate: fence, "
                    + "force-down, then the instances, each after its confirmation)", plan, List.of());
        }
        if (moving == 0) {
            return finish(request, trail, started, new Report(Stage.PLAN, false, true, plan.isEmpty()
                    ? "no instance on " + host + ": nothing to evacuate, nothing was changed"
                    : "no instance of " + host + " can move (see the plan): nothing was changed", plan, List.of()));
        }
        operator.say("3. Fence: make sure " + host + " is off");
        Fence.Result fence = new Fence(bmcs, site, operator, audit).run(host, request.attestedOff());
        trail.add("fence: " + fence.how());
        if (!fence.fenced()) {
            operator.say("STOPPED at the fence: " + fence.how());
            return finish(request, trail, started, new Report(Stage.FENCE, false, true, fence.how(), plan, List.of()));
        }
        operator.say("  " + fence.how());
        operator.say("4. Force-down: tell Nova that nova-compute on " + host + " is down, and disable it");
        if (!operator.approve("Force nova-compute on " + host + " down and disable it?")) {
            return finish(request, trail, started, new Report(Stage.FORCE_DOWN, false, true,
                    "force-down not confirmed: " + host + " is fenced, Nova is unchanged", plan, List.of()));
        }
        try {
            String how = new ForceDown(nova, site, operator).run(host, "kolla-doctor evacuation " + Instant.now()
                    + " by " + System.getProperty("user.name", "?"));
            trail.add("force-down: " + how);
        } catch (IOException e) {
            trail.add("force-down failed: " + e.getMessage());
            return finish(request, trail, started, new Report(Stage.FORCE_DOWN, false, true,
                    "force-down failed: " + e.getMessage(), plan, List.of()));
        }
        plan = plan(request); // Nova's view after the force-down
        operator.say("5. Evacuate " + plan.stream().filter(InstanceMove::moves).count() + " instance(s) as planned:");
        show(plan);
        if (!site.config().reallyEvacuate()) {
            return finish(request, trail, started, new Report(Stage.CONFIRM, false, true,
                    "really_evacuate = false: fenced and forced down, no instance moved", plan, List.of()));
        }
        if (!operator.approve("Evacuate them now?")) {
            return finish(request, trail, started, new Report(Stage.CONFIRM, false, true,
                    "evacuation not confirmed: " + host + " is fenced and forced down, no instance moved", plan, List.of()));
        }
        List<Evacuator.Outcome> outcomes = new Evacuator(nova, site.config(), operator, request.concurrency()).run(host, plan);
        long moved = outcomes.stream().filter(Evacuator.Outcome::moved).count();
        long tried = plan.stream().filter(InstanceMove::moves).count();
        String summary = moved + " of " + tried + " instance(s) evacuated from " + host
                + (plan.size() > tried ? "; " + (plan.size() - tried) + " could not move (see the plan)" : "");
        operator.say(summary);
        return finish(request, trail, started, new Report(Stage.DONE, false, moved < tried, summary, plan, outcomes));
    }

    /** The plan from Nova's current view: the host's instances, their groups' peers, capacity. */
    public List<InstanceMove> plan(Request request) throws IOException {
        String host = request.host();
        List<NovaServer> servers = nova.serversOn(host);
        List<ServerGroup> groups = nova.serverGroups();
        Map<String, NovaServer> peers = new HashMap<>();
        for (ServerGroup group : groups) {
            if (group.members().stream().noneMatch(m -> servers.stream().anyMatch(s -> s.id().equals(m)))) {
                continue;
            }
            for (String member : group.members()) {
                if (servers.stream().noneMatch(s -> s.id().equals(member)) && !peers.containsKey(member)) {
                    try {
                        peers.put(member, nova.server(member));
                    } catch (Nova.NovaException e) {
                        if (e.status() != 404) {
                            throw e;
                        }
                    }
                }
            }
        }
        return InstancePlanner.plan(host, servers, nova.computeServices(), nova.hypervisors(), groups, nova.flavors(),
                peers, new InstancePlanner.Options(site.config().onShareStorage(), site.config().allowEvacuateLocalVm(),
                        request.reservedHost(), request.scheduler()));
    }

    private void show(List<InstanceMove> plan) {
        if (plan.isEmpty()) {
            operator.say("  (no instance on the host)");
        }
        for (InstanceMove m : plan) {
            String where = m.disposition() == InstanceMove.Disposition.STAY ? "STAYS"
                    : m.disposition() + " → " + (m.target() == null ? "Nova's scheduler" : m.target());
            operator.say("  " + m.server().label() + " [" + m.server().status() + "]: " + where + " — " + m.reason());
            m.notes().forEach(n -> operator.say("      " + n));
        }
    }

    private Report finish(Request request, List<String> trail, Instant started, Report report) throws IOException {
        if (request.armed()) {
            history.append(new EvacuationHistory.Entry(report.refused() ? "refused" : "evacuation", request.host(), started,
                    report.reached() + ": " + report.summary(), trail, report.outcomes()));
            operator.say("Recorded in " + history.file());
        }
        return report;
    }

    private Path lockFile(String host) throws IOException {
        Path dir = history.file().toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir.resolve("evacuate-" + host.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
    }
}
