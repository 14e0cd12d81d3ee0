package io.kolladoctor.fixes.evacuation;

import java.io.IOException;

/**
 * Makes sure the failed host is off before anything of it is started elsewhere: {@code chassis power off} through its
 * BMC, then {@code power status} until it says off ({@code ipmi_check_max_count} looks, {@code ipmi_check_interval}
 * apart). Powering off is destructive, so the host's name must be typed back. When the BMC cannot tell (none
 * configured, unreachable, wrong password), the fence holds unless UMHA's {@code force_evacuate_when_ipmi_unknown} is
 * true or the operator has attested that the host is off ({@code --host-is-off HOST}).
 */
public final class Fence {

    /** {@code fenced}: proven off (or attested); {@code how}: the account for the history. */
    public record Result(boolean fenced, String how) {
    }

    private final Bmcs bmcs;
    private final UmhaSite site;
    private final EvacuationOperator operator;
    private final EvacuationAudit audit;

    public Fence(Bmcs bmcs, UmhaSite site, EvacuationOperator operator, EvacuationAudit audit) {
        this.bmcs = bmcs;
        this.site = site;
        this.operator = operator;
        this.audit = audit;
    }

    public Result run(String host, boolean attestedOff) throws IOException {
        BmcAccess bmc = site.config().hasIpmi() ? site.bmcs().get(host) : null;
        if (bmc == null) {
            return unknown(host, site.config().hasIpmi() ? "no BMC for " + host + " in ipmi_info" : "has_IPMI = false",
                    attestedOff);
        }
        PowerState now = bmcs.status(bmc);
        operator.say("  BMC " + bmc.where() + ": power " + now);
        if (now.isOff()) {
            audit.record("fence", Ipmitool.display(bmc, "chassis", "power", "status"), "off", "already off");
            return new Result(true, "BMC " + bmc.where() + " reports power off (it was already off)");
        }
        if (!now.isOn()) {
            return unknown(host, "BMC " + bmc.where() + ": " + now.detail(), attestedOff);
        }
        String command = Ipmitool.display(bmc, "chassis", "power", "off");
        operator.say("  the BMC reports " + host + " powered ON although it is unreachable and nova-compute is down");
        if (!operator.typeBack(host, "Power " + host + " off now (" + command + ")? It cannot be undone while it runs. "
                + "Type " + host + " to go on")) {
            audit.record("fence", command, "refused", "not confirmed");
            return new Result(false, "the operator did not confirm the power off: nothing was changed");
        }
        Bmcs.Result sent = bmcs.powerOff(bmc);
        audit.record("fence", command, sent.accepted() ? "done" : "failed", sent.detail());
        if (!sent.accepted()) {
            // the BMC has just reported it on: neither force_evacuate_when_ipmi_unknown nor --host-is-off applies
            return new Result(false, "the BMC reports " + host + " on and the power off failed (" + sent.detail()
                    + "): not fenced, nothing else was changed");
        }
        int looks = site.config().ipmiCheckMaxCount();
        for (int look = 1; look <= looks; look++) {
            Preflight.sleep(site.config().ipmiCheckInterval());
            PowerState state = bmcs.status(bmc);
            operator.say("  power status " + look + "/" + looks + ": " + state);
            if (state.isOff()) {
                audit.record("fence", Ipmitool.display(bmc, "chassis", "power", "status"), "off", "confirmed off");
                return new Result(true, "powered off through BMC " + bmc.where() + ", confirmed off at look " + look);
            }
        }
        audit.record("fence", Ipmitool.display(bmc, "chassis", "power", "status"), "not off",
                "still not off after " + looks + " looks");
        return new Result(false, "the BMC still does not report " + host + " off after " + looks + " looks, "
                + site.config().ipmiCheckInterval().toSeconds() + " s apart: not fenced, nothing else was changed");
    }

    private Result unknown(String host, String why, boolean attestedOff) throws IOException {
        if (site.config().forceEvacuateWhenIpmiUnknown()) {
            audit.record("fence", null, "unknown", why + "; force_evacuate_when_ipmi_unknown = true");
            return new Result(true, "power state unknown (" + why + "); force_evacuate_when_ipmi_unknown = true");
        }
        if (attestedOff) {
            audit.record("fence", null, "attested", why + "; the operator attested that " + host + " is off");
            return new Result(true, "power state unknown (" + why + "); the operator attested that " + host + " is off");
        }
        audit.record("fence", null, "unknown", why);
        return new Result(false, "cannot prove " + host + " is off: " + why + ". Check it yourself (remote console, "
                + "power LED, PDU) and run again with --host-is-off " + host + "; nothing was changed");
    }
}
