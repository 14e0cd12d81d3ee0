package io.kolladoctor.fixes.evacuation;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * After the failed host is repaired: power it on through its BMC (if it is off and the operator agrees), wait until
 * its nova-compute has started and removed the evacuated instances' leftovers, clear force-down, wait until Nova
 * reports it up, and enable it again. Nova refuses to clear force-down (HTTP 400, "evacuation migration records
 * remain") until that nova-compute has started, so that answer means "wait", not "fail".
 */
public final class Cleanup {

    public record Report(boolean done, String summary) {
    }

    private static final Duration POLL = Duration.ofSeconds(5);

    private final Nova nova;
    private final Bmcs bmcs;
    private final UmhaSite site;
    private final EvacuationOperator operator;
    private final EvacuationAudit audit;
    private final EvacuationHistory history;
    private final Duration poll;

    public Cleanup(Nova nova, Bmcs bmcs, UmhaSite site, EvacuationOperator operator, EvacuationAudit audit,
                   EvacuationHistory history) {
        this(nova, bmcs, site, operator, audit, history, POLL);
    }

    /** With another pause between two tries (tests). */
    Cleanup(Nova nova, Bmcs bmcs, UmhaSite site, EvacuationOperator operator, EvacuationAudit audit,
            EvacuationHistory history, Duration poll) {
        this.nova = nova;
        this.bmcs = bmcs;
        this.site = site;
        this.operator = operator;
        this.audit = audit;
        this.history = history;
        this.poll = poll;
    }

    public Report run(String host, boolean armed, Duration timeout) throws IOException {
        Instant started = Instant.now();
        List<String> trail = new ArrayList<>();
        NovaService service = current(host);
        BmcAccess bmc = site.bmcs().get(host);
        PowerState power = bmc == null ? PowerState.unknown("no BMC for " + host + " in ipmi_info") : bmcs.status(bmc);
        say(trail, "nova-compute on " + host + ": " + service.describe() + "; BMC power " + power);
        if (service.usable()) {
            return new Report(true, "nova-compute on " + host + " is up and enabled, not forced down: nothing to clean up");
        }
        if (!armed) {
            operator.say("Would: " + (power.isOff() ? "power " + host + " on through its BMC, " : "")
                    + "wait for its nova-compute, clear force-down, enable it. Nothing was changed (--arm to do it).");
            return new Report(false, "plan only: nothing was changed");
        }
        if (power.isOff()) {
            if (!operator.approve("Power " + host + " on through its BMC (" + Ipmitool.display(bmc, "chassis", "power", "on") + ")?")) {
                return record(host, started, trail, new Report(false, "power on not confirmed: nothing was changed"));
            }
            Bmcs.Result sent = bmcs.powerOn(bmc);
            audit.record("cleanup", Ipmitool.display(bmc, "chassis", "power", "on"), sent.accepted() ? "done" : "failed", sent.detail());
            if (!sent.accepted()) {
                return record(host, started, trail, new Report(false, "power on failed: " + sent.detail()));
            }
            say(trail, "powered on through BMC " + bmc.where());
        } else if (!power.isOn()) {
            say(trail, "the BMC cannot tell the power state: make sure " + host + " is on and nova-compute runs");
        }
        Instant until = Instant.now().plus(timeout);
        if (service.forcedDown()) {
            say(trail, "clearing force-down (Nova accepts it once nova-compute on " + host + " has started and cleaned up)");
            while (true) {
                try {
                    nova.forceDown(host, false);
                    say(trail, "force-down cleared");
                    break;
                } catch (Nova.NovaException e) {
                    if (e.status() != 400 || Instant.now().isAfter(until)) {
                        return record(host, started, trail, new Report(false, "clearing force-down failed: " + e.getMessage()));
                    }
                    operator.say("  not yet: " + e.getMessage());
                    Preflight.sleep(poll);
                }
            }
        }
        service = current(host);
        while (!service.up()) {
            if (Instant.now().isAfter(until)) {
                return record(host, started, trail, new Report(false, "nova-compute on " + host + " is still down after "
                        + timeout.toSeconds() + " s: is it running there?"));
            }
            Preflight.sleep(poll);
            service = current(host);
        }
        say(trail, "nova-compute on " + host + " reports up");
        if (!service.enabled()) {
            if (!operator.approve("Enable nova-compute on " + host + " again (new instances may be scheduled there)?")) {
                return record(host, started, trail, new Report(false, "up but left disabled, as asked"));
            }
            nova.enable(host);
            say(trail, "enabled");
        }
        service = current(host);
        boolean done = service.usable();
        return record(host, started, trail, new Report(done, "nova-compute on " + host + ": " + service.describe()));
    }

    private Report record(String host, Instant started, List<String> trail, Report report) throws IOException {
        history.append(new EvacuationHistory.Entry("cleanup", host, started, report.summary(), trail, List.of()));
        operator.say((report.done() ? "" : "STOPPED: ") + report.summary());
        operator.say("Recorded in " + history.file());
        return report;
    }

    private void say(List<String> trail, String line) {
        trail.add(line);
        operator.say("  " + line);
    }

    private NovaService current(String host) throws IOException {
        return nova.computeServices().stream().filter(s -> s.host().equals(host)).findFirst()
                .orElseThrow(() -> new IOException("Nova has no nova-compute on " + host));
    }
}
