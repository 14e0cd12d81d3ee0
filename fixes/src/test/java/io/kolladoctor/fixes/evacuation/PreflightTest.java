package io.kolladoctor.fixes.evacuation;

import static io.kolladoctor.fixes.evacuation.EvacuationFakes.fastConfig;
import static io.kolladoctor.fixes.evacuation.EvacuationFakes.managementAddresses;
import static io.kolladoctor.fixes.evacuation.EvacuationFakes.managementIp;
import static io.kolladoctor.fixes.evacuation.EvacuationFakes.site;
import static io.kolladoctor.fixes.evacuation.EvacuationFakes.storageIp;
import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.fixes.evacuation.EvacuationFakes.FakeBmcs;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.FakeNova;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.FakeProbes;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.ScriptedOperator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read-only first stage: dead host or not, one host or an outage. */
class PreflightTest {

    FakeNova fake;
    FakeBmcs bmcs;
    FakeProbes probes;
    ScriptedOperator operator;
    UmhaSite site;
    Map<String, List<String>> addresses;

    @BeforeEach
    void setUp() {
        fake = FakeNova.lab("cmp01", "cmp02", "cmp03");
        fake.services.get("cmp01").heartbeat = false;
        bmcs = new FakeBmcs();
        bmcs.power.put("cmp01", PowerState.on());
        bmcs.power.put("cmp02", PowerState.on());
        bmcs.power.put("cmp03", PowerState.on());
        probes = new FakeProbes();
        for (String h : List.of("cmp02", "cmp03")) {
            probes.answering.add(managementIp(h));
            probes.answering.add(storageIp(h));
        }
        operator = new ScriptedOperator();
        site = site(fastConfig(""), "cmp01", "cmp02", "cmp03");
        addresses = managementAddresses("cmp01", "cmp02", "cmp03");
    }

    Preflight.Result run(String host) throws Exception {
        Preflight.Result r = new Preflight(new Nova(fake, (request, result) -> {
            throw new AssertionError("preflight changed something: " + request);
        }), bmcs, probes, site, addresses, Duration.ZERO, operator).run(host);
        assertThat(fake.mutations()).isEmpty();
        assertThat(bmcs.calls).noneMatch(c -> c.startsWith("off") || c.startsWith("on"));
        return r;
    }

    @Test
    void aDeadHostGoesOnWithItsTrail() throws Exception {
        Preflight.Result r = run("cmp01");
        assertThat(r.go()).isTrue();
        assertThat(r.service().host()).isEqualTo("cmp01");
        assertThat(r.power().isOn()).isTrue();
        assertThat(r.valve().open()).isTrue();
        assertThat(r.trail()).first().asString().startsWith("nova-compute on cmp01: down, enabled");
        assertThat(r.trail()).contains("probe round 1/2: cmp01 silent on 10.0.0.11, 10.1.0.11; answering: [cmp02, cmp03]",
                "probe round 2/2: cmp01 silent on 10.0.0.11, 10.1.0.11", "BMC of cmp01: power on");
        assertThat(r.trail()).filteredOn(t -> t.startsWith("valve: ")).hasSize(3);
        assertThat(probes.probed).filteredOn(managementIp("cmp01")::equals).hasSize(2);
    }

    @Test
    void aHostNovaDoesNotKnowIsRefused() throws Exception {
        Preflight.Result r = run("cmp09");
        assertThat(r.go()).isFalse();
        assertThat(r.refusal()).isEqualTo("Nova has no nova-compute on cmp09 (known: cmp01, cmp02, cmp03)");
    }

    @Test
    void aHostWhoseNovaComputeIsUpIsRefusedBeforeAnyProbe() throws Exception {
        fake.services.get("cmp01").heartbeat = true;
        Preflight.Result r = run("cmp01");
        assertThat(r.go()).isFalse();
        assertThat(r.refusal()).contains("is up: the host is alive").contains("Nothing was changed");
        assertThat(probes.probed).isEmpty();
        assertThat(bmcs.calls).isEmpty();
    }

    @Test
    void aForcedDownServiceCountsAsDown() throws Exception {
        fake.services.get("cmp01").heartbeat = true;
        fake.services.get("cmp01").forcedDown = true;
        assertThat(run("cmp01").go()).isTrue();
    }

    @Test
    void aHostThatAnswersOnItsStorageAddressIsRefused() throws Exception {
        probes.answering.add(storageIp("cmp01"));
        Preflight.Result r = run("cmp01");
        assertThat(r.go()).isFalse();
        assertThat(r.refusal()).contains("cmp01 still answers on the network");
        assertThat(r.trail()).contains("probe round 1/2: cmp01 answers; answering: [cmp01, cmp02, cmp03]");
        assertThat(r.trail()).noneMatch(t -> t.startsWith("probe round 2"));
        assertThat(bmcs.calls).isEmpty();
    }

    @Test
    void aHostWithNoAddressIsLeftToTheBmc() throws Exception {
        site = new UmhaSite(site.config(), site.bmcs(), Map.of(), "test", List.of());
        addresses = managementAddresses("cmp02", "cmp03");
        Preflight.Result r = run("cmp01");
        assertThat(r.go()).isTrue();
        assertThat(r.trail()).anySatisfy(t -> assertThat(t).contains("no address to probe for cmp01")
                .contains("only the BMC can prove it is off"));
        assertThat(probes.probed).doesNotContain(managementIp("cmp01"));
    }

    @Test
    void theValveClosesWhenBothComputesFailed() throws Exception {
        fake = FakeNova.lab("cmp01", "cmp02");
        fake.services.get("cmp01").heartbeat = false;
        fake.services.get("cmp02").heartbeat = false;
        probes.answering.clear();
        Preflight.Result r = run("cmp01");
        assertThat(r.go()).isFalse();
        assertThat(r.refusal()).startsWith("the valve is closed: ")
                .contains("unreachable (storage/management network): 2 of 2 compute hosts (1.00) [cmp01, cmp02]")
                .contains("nova-compute down: 2 of 2").doesNotContain("powered off (BMC)")
                .contains("Nothing was changed");
        assertThat(r.valve().gauges()).filteredOn(Valve.Gauge::reached).hasSize(2);
    }

    @Test
    void poweredOffHostsCountTowardsTheValve() throws Exception {
        site = site(fastConfig("[valve]\npower_off_number = 2\n"), "cmp01", "cmp02", "cmp03");
        bmcs.power.put("cmp01", PowerState.off());
        bmcs.power.put("cmp03", PowerState.off());
        Preflight.Result r = run("cmp01");
        assertThat(r.go()).isFalse();
        assertThat(r.refusal()).contains("powered off (BMC): 2 of 3 compute hosts (0.67) [cmp01, cmp03]");
        assertThat(r.power().isOff()).isTrue();
    }
}
