package io.kolladoctor.fixes.evacuation;

/** IPMI chassis power, per host's BMC: read it, cut it, restore it. */
public interface Bmcs {

    PowerState status(BmcAccess bmc);

    /** Sends {@code chassis power off}; returns what the BMC answered (not whether the host is off yet). */
    Result powerOff(BmcAccess bmc);

    Result powerOn(BmcAccess bmc);

    record Result(boolean accepted, String detail) {
    }
}
