package io.kolladoctor.fixes.evacuation;

import static io.kolladoctor.fixes.evacuation.EvacuationFakes.PASSWORD;
import static io.kolladoctor.fixes.evacuation.EvacuationFakes.fastConfig;
import static io.kolladoctor.fixes.evacuation.EvacuationFakes.site;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.AuditLog;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.FakeBmcs;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.ScriptedOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fence: proven off through the BMC, or explicitly attested, before anything else happens. */
class FenceTest {

    @TempDir
    Path tmp;
    FakeBmcs bmcs;
    ScriptedOperator operator;
    Path log;

    @BeforeEach
    void setUp() {
        bmcs = new FakeBmcs();
        operator = new ScriptedOperator();
        log = tmp.resolve("audit.jsonl");
    }

    Fence.Result fence(UmhaSite site, boolean attested) throws Exception {
        return new Fence(bmcs, site, operator, new EvacuationAudit(new AuditLog(log, SecretMasker.patterns()), "cmp01"))
                .run("cmp01", attested);
    }

    Fence.Result fence(boolean attested) throws Exception {
        return fence(site(fastConfig(""), "cmp01", "cmp02"), attested);
    }

    List<String> audit() throws Exception {
        List<String> lines = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                JsonNode j = Json.parse(line);
                assertThat(j.path("fix").asText()).isEqualTo("nova.evacuate");
                assertThat(j.path("subject").asText()).isEqualTo("cmp01");
                lines.add(j.path("event").asText() + ":" + j.path("result").asText());
            }
            assertThat(Files.readString(log)).doesNotContain(PASSWORD);
        }
        return lines;
    }

    @Test
    void aHostAlreadyOffIsFencedWithoutAPowerCommand() throws Exception {
        bmcs.power.put("cmp01", PowerState.off());
        Fence.Result r = fence(false);
        assertThat(r.fenced()).isTrue();
        assertThat(r.how()).contains("already off").contains("10.2.0.11");
        assertThat(bmcs.calls).containsExactly("status cmp01");
        assertThat(audit()).containsExactly("fence:off");
    }

    @Test
    void anUnknownPowerStateHoldsTheFence() throws Exception {
        Fence.Result r = fence(false);
        assertThat(r.fenced()).isFalse();
        assertThat(r.how()).contains("cannot prove cmp01 is off").contains("no answer from the BMC at 10.2.0.11")
                .contains("--host-is-off cmp01");
        assertThat(bmcs.poweredOff("cmp01")).isFalse();
        assertThat(audit()).containsExactly("fence:unknown");
    }

    @Test
    void theOperatorMayAttestThatTheHostIsOff() throws Exception {
        Fence.Result r = fence(true);
        assertThat(r.fenced()).isTrue();
        assertThat(r.how()).contains("the operator attested that cmp01 is off");
        assertThat(audit()).containsExactly("fence:attested");
    }

    @Test
    void forceEvacuateWhenIpmiUnknownLetsItThrough() throws Exception {
        Fence.Result r = fence(site(fastConfig("[DEFAULT]\nforce_evacuate_when_ipmi_unknown = true\n"), "cmp01"), false);
        assertThat(r.fenced()).isTrue();
        assertThat(r.how()).contains("force_evacuate_when_ipmi_unknown = true");
        assertThat(audit()).containsExactly("fence:unknown");
    }

    @Test
    void aHostMissingFromIpmiInfoIsUnknown() throws Exception {
        bmcs.power.put("cmp01", PowerState.on());
        Fence.Result r = fence(site(fastConfig(""), "cmp02"), false);
        assertThat(r.fenced()).isFalse();
        assertThat(r.how()).contains("no BMC for cmp01 in ipmi_info");
        assertThat(bmcs.calls).isEmpty();
    }

    @Test
    void withoutIpmiTheBmcIsNotAsked() throws Exception {
        bmcs.power.put("cmp01", PowerState.off());
        Fence.Result r = fence(site(fastConfig("[DEFAULT]\nhas_IPMI = false\n"), "cmp01"), false);
        assertThat(r.fenced()).isFalse();
        assertThat(r.how()).contains("has_IPMI = false");
        assertThat(bmcs.calls).isEmpty();
    }

    @Test
    void aHostPoweredOnIsPoweredOffOnlyAfterItsNameIsTypedBack() throws Exception {
        bmcs.power.put("cmp01", PowerState.on());
        operator.typed = "cmp02";
        Fence.Result refused = fence(false);
        assertThat(refused.fenced()).isFalse();
        assertThat(refused.how()).contains("did not confirm");
        assertThat(bmcs.poweredOff("cmp01")).isFalse();
        assertThat(operator.questions).singleElement().satisfies(q -> assertThat(q)
                .contains("ipmitool -I lanplus -C 3 -H 10.2.0.11 -p 623 -U admin -E chassis power off")
                .doesNotContain(PASSWORD));
        assertThat(audit()).containsExactly("fence:refused");

        operator.typed = "cmp01";
        bmcs.looksUntilOff = 2;
        Fence.Result done = fence(false);
        assertThat(done.fenced()).isTrue();
        assertThat(done.how()).contains("confirmed off at look 2");
        assertThat(bmcs.calls).containsExactly("status cmp01", "status cmp01", "off cmp01", "status cmp01", "status cmp01");
        assertThat(audit()).containsExactly("fence:refused", "fence:done", "fence:off");
    }

    @Test
    void aHostThatStaysOnIsNotFenced() throws Exception {
        bmcs.power.put("cmp01", PowerState.on());
        bmcs.staysOn = true;
        operator.typed = "cmp01";
        Fence.Result r = fence(true);
        assertThat(r.fenced()).isFalse();
        assertThat(r.how()).contains("after 3 looks");
        assertThat(bmcs.calls).filteredOn(c -> c.startsWith("status")).hasSize(4);
        assertThat(audit()).containsExactly("fence:done", "fence:not off");
    }

    @Test
    void aRefusedPowerOffOfAHostKnownOnIsNotFencedEvenWhenAttestedOrForced() throws Exception {
        bmcs.power.put("cmp01", PowerState.on());
        bmcs.refuseOff = true;
        operator.typed = "cmp01";
        UmhaSite forced = site(fastConfig("[DEFAULT]\nforce_evacuate_when_ipmi_unknown = true\n"), "cmp01");
        Fence.Result r = fence(forced, true);
        assertThat(r.fenced()).isFalse();
        assertThat(r.how()).contains("reports cmp01 on").contains("Node busy");
        assertThat(audit()).containsExactly("fence:failed");
    }
}
