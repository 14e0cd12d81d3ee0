package io.kolladoctor.fixes.evacuation;

import static io.kolladoctor.fixes.evacuation.EvacuationFakes.PASSWORD;
import static io.kolladoctor.fixes.evacuation.EvacuationFakes.fastConfig;
import static io.kolladoctor.fixes.evacuation.EvacuationFakes.managementAddresses;
import static io.kolladoctor.fixes.evacuation.EvacuationFakes.managementIp;
import static io.kolladoctor.fixes.evacuation.EvacuationFakes.site;
import static io.kolladoctor.fixes.evacuation.EvacuationFakes.storageIp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.AuditLog;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.FakeBmcs;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.FakeNova;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.FakeProbes;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.ScriptedOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole guided evacuation against the in-memory Nova, BMCs and network. */
class EvacuationTest {

    @TempDir
    Path tmp;
    FakeNova fake;
    FakeBmcs bmcs;
    FakeProbes probes;
    ScriptedOperator operator;
    UmhaConfig config;
    FakeNova.Server web;
    FakeNova.Server db;
    FakeNova.Server batch;

    @BeforeEach
    void setUp() {
        fake = FakeNova.lab("cmp01", "cmp02", "cmp03");
        fake.services.get("cmp01").heartbeat = false;
        fake.evacuateLooks = 0; // lands at the first look: the Evacuation's own pause between looks is 2 s
        web = fake.server("web-1", "cmp01");
        db = fake.server("db-1", "cmp01");
        db.imageId = null;
        batch = fake.server("batch-1", "cmp01");
        batch.vmState = "stopped";
        fake.server("other", "cmp02");
        bmcs = new FakeBmcs();
        for (String h : List.of("cmp01", "cmp02", "cmp03")) {
            bmcs.power.put(h, PowerState.on());
        }
        probes = new FakeProbes();
        for (String h : List.of("cmp02", "cmp03")) {
            probes.answering.add(managementIp(h));
            probes.answering.add(storageIp(h));
        }
        operator = new ScriptedOperator();
        operator.typed = "cmp01";
        config = fastConfig("");
    }

    Evacuation.Report run(boolean armed, boolean attested) throws Exception {
        AuditLog log = new AuditLog(tmp.resolve("audit.jsonl"), SecretMasker.patterns());
        EvacuationAudit audit = new EvacuationAudit(log, "cmp01");
        Evacuation evacuation = new Evacuation(new Nova(fake, audit.novaRecorder()), bmcs, probes,
                site(config, "cmp01", "cmp02", "cmp03"), managementAddresses("cmp01", "cmp02", "cmp03"), operator, audit,
                new EvacuationHistory(tmp.resolve("state/evacuate_history.jsonl"), SecretMasker.patterns()));
        return evacuation.run(new Evacuation.Request("cmp01", armed, attested, null, false, 2, Duration.ZERO));
    }

    Evacuation.Report run() throws Exception {
        return run(true, false);
    }

    List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            String text = Files.readString(file);
            assertThat(text).doesNotContain(PASSWORD).doesNotContain("Secr3t");
            for (String line : text.split("\n")) {
                lines.add(Json.parse(line));
            }
        }
        return lines;
    }

    List<JsonNode> history() throws Exception {
        return lines(tmp.resolve("state/evacuate_history.jsonl"));
    }

    List<JsonNode> audit() throws Exception {
        return lines(tmp.resolve("audit.jsonl"));
    }

    void assertNothingChanged() {
        assertThat(fake.mutations()).isEmpty();
        assertThat(bmcs.calls).noneMatch(c -> c.startsWith("off") || c.startsWith("on"));
    }

    // ---- the whole way ----

    @Test
    void aFailedHostIsFencedForcedDownAndEvacuated() throws Exception {
        Evacuation.Report r = run();
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.DONE);
        assertThat(r.allMoved()).isTrue();
        assertThat(r.summary()).isEqualTo("3 of 3 instance(s) evacuated from cmp01");
        assertThat(bmcs.calls).contains("off cmp01");
        assertThat(web.host).isIn("cmp02", "cmp03");
        assertThat(db.host).isIn("cmp02", "cmp03");
        assertThat(batch.host).isIn("cmp02", "cmp03");
        assertThat(batch.vmState).isEqualTo("stopped");
        assertThat(List.of(web, db, batch)).noneMatch(s -> s.locked);

        // Nova is told the host is down, then it is disabled with a reason, before any instance is touched
        List<String> mutations = fake.mutations();
        assertThat(mutations.get(0)).isEqualTo("PUT /os-services/force-down {\"host\": \"cmp01\", "
                + "\"binary\": \"nova-compute\", \"forced_down\": true}");
        assertThat(mutations.get(1)).startsWith("PUT /os-services/disable-log-reason {\"host\": \"cmp01\", "
                + "\"binary\": \"nova-compute\", \"disabled_reason\": \"kolla-doctor evacuation ");
        assertThat(mutations.subList(2, mutations.size())).allMatch(m -> m.startsWith("POST /servers/"));
        FakeNova.Service cmp01 = fake.services.get("cmp01");
        assertThat(cmp01.forcedDown).isTrue();
        assertThat(cmp01.enabled).isFalse();
        assertThat(cmp01.disabledReason).startsWith("kolla-doctor evacuation ");

        // the operator typed the host's name for the power off and said yes to force-down and to the evacuation
        assertThat(operator.questions).hasSize(3);
        assertThat(operator.questions.get(0)).startsWith("Power cmp01 off now");
    }

    @Test
    void theHistoryGetsOneLineWithTheTrailAndEachInstance() throws Exception {
        run();
        assertThat(history()).singleElement().satisfies(h -> {
            assertThat(h.path("kind").asText()).isEqualTo("evacuation");
            assertThat(h.path("host").asText()).isEqualTo("cmp01");
            assertThat(h.path("result").asText()).isEqualTo("DONE: 3 of 3 instance(s) evacuated from cmp01");
            List<String> trail = new ArrayList<>();
            h.path("trail").forEach(t -> trail.add(t.asText()));
            assertThat(trail).anySatisfy(t -> assertThat(t).startsWith("nova-compute on cmp01: down"))
                    .anySatisfy(t -> assertThat(t).startsWith("probe round 2/2: cmp01 silent"))
                    .anySatisfy(t -> assertThat(t).startsWith("valve: nova-compute down: 1 of 3"))
                    .anySatisfy(t -> assertThat(t).startsWith("fence: powered off through BMC 10.2.0.11"))
                    .anySatisfy(t -> assertThat(t).startsWith("force-down: forced down, disabled"));
            assertThat(h.path("instances")).hasSize(3);
            for (JsonNode i : h.path("instances")) {
                assertThat(i.path("from").asText()).isEqualTo("cmp01");
                assertThat(i.path("planned").asText()).isEqualTo("evacuate");
                assertThat(i.path("moved").asBoolean()).isTrue();
                assertThat(i.path("now_on").asText()).isEqualTo(i.path("target").asText()).isIn("cmp02", "cmp03");
                assertThat(fake.servers).containsKey(i.path("id").asText());
            }
        });
    }

    @Test
    void theAuditLogHasALineForEachMutation() throws Exception {
        run();
        List<JsonNode> audit = audit();
        List<String> steps = audit.stream().filter(j -> j.path("event").asText().equals("step"))
                .map(j -> j.path("operation").asText()).toList();
        // the same requests (the evacuations run side by side, so not necessarily in the same order)
        List<String> sent = fake.mutations().stream().map(m -> m.replaceFirst(" \\[microversion .*]$", "")
                .replaceFirst(" ", " compute ")).toList();
        assertThat(steps).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(audit).filteredOn(j -> j.path("event").asText().equals("step"))
                .allSatisfy(j -> assertThat(j.path("result").asText()).isEqualTo("done"));
        assertThat(audit).filteredOn(j -> j.path("event").asText().equals("fence"))
                .extracting(j -> j.path("result").asText()).containsExactly("done", "off");
        // lock, evacuate, unlock for each of the three
        assertThat(steps).filteredOn(s -> s.contains("\"evacuate\"")).hasSize(3);
        assertThat(steps).filteredOn(s -> s.contains("\"lock\"")).hasSize(3);
        assertThat(steps).filteredOn(s -> s.contains("\"unlock\"")).hasSize(3);
    }

    @Test
    void anInstanceThatEndsInErrorIsReportedAsNotMoved() throws Exception {
        fake.evacuateToError.add(web.id);
        Evacuation.Report r = run();
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.DONE);
        assertThat(r.stopped()).isTrue();
        assertThat(r.allMoved()).isFalse();
        assertThat(r.summary()).isEqualTo("2 of 3 instance(s) evacuated from cmp01");
        assertThat(r.outcomes()).filteredOn(o -> !o.moved()).singleElement()
                .satisfies(o -> assertThat(o.detail()).startsWith("failed: went to ERROR"));
        assertThat(history().getFirst().path("instances").toString()).contains("went to ERROR");
    }

    // ---- refusals: nothing changed ----

    @Test
    void refusedWhenNovaComputeIsUp() throws Exception {
        fake.services.get("cmp01").heartbeat = true;
        Evacuation.Report r = run();
        assertThat(r.refused()).isTrue();
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.PREFLIGHT);
        assertThat(r.summary()).contains("is up: the host is alive");
        assertNothingChanged();
        assertThat(bmcs.calls).isEmpty();
        assertThat(history()).singleElement().satisfies(h -> assertThat(h.path("kind").asText()).isEqualTo("refused"));
        assertThat(operator.questions).isEmpty();
    }

    @Test
    void refusedWhenTheHostStillAnswers() throws Exception {
        probes.answering.add(managementIp("cmp01"));
        Evacuation.Report r = run();
        assertThat(r.refused()).isTrue();
        assertThat(r.summary()).contains("still answers on the network");
        assertNothingChanged();
        assertThat(operator.questions).isEmpty();
    }

    @Test
    void refusedWhenTheValveClosesOnTwoOfTwoFailed() throws Exception {
        fake = FakeNova.lab("cmp01", "cmp02");
        fake.services.get("cmp01").heartbeat = false;
        fake.services.get("cmp02").heartbeat = false;
        fake.server("web-1", "cmp01");
        probes.answering.clear();
        Evacuation.Report r = run();
        assertThat(r.refused()).isTrue();
        assertThat(r.summary()).startsWith("the valve is closed");
        assertNothingChanged();
    }

    // ---- the fence ----

    @Test
    void anUnknownPowerStateStopsAtTheFenceWithoutForceDown() throws Exception {
        bmcs.power.remove("cmp01");
        Evacuation.Report r = run();
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.FENCE);
        assertThat(r.stopped()).isTrue();
        assertThat(r.refused()).isFalse();
        assertThat(r.summary()).contains("--host-is-off cmp01");
        assertNothingChanged();
        assertThat(r.plan()).hasSize(3);
        assertThat(history().getFirst().path("result").asText()).startsWith("FENCE: cannot prove cmp01 is off");
    }

    @Test
    void anAttestedHostGoesOnWithoutItsBmc() throws Exception {
        bmcs.power.remove("cmp01");
        Evacuation.Report r = run(true, true);
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.DONE);
        assertThat(r.allMoved()).isTrue();
        assertThat(fake.mutations().getFirst()).contains("force-down");
        assertThat(bmcs.poweredOff("cmp01")).isFalse();
    }

    @Test
    void forceEvacuateWhenIpmiUnknownGoesOnWithoutAttestation() throws Exception {
        config = fastConfig("[DEFAULT]\nforce_evacuate_when_ipmi_unknown = true\n");
        bmcs.power.remove("cmp01");
        assertThat(run().allMoved()).isTrue();
    }

    @Test
    void aWrongNameTypedBackChangesNothing() throws Exception {
        operator.typed = "cmp1";
        Evacuation.Report r = run();
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.FENCE);
        assertThat(r.summary()).contains("did not confirm the power off");
        assertNothingChanged();
    }

    @Test
    void aHostThatStaysOnIsNotFencedAndNovaIsNotTouched() throws Exception {
        bmcs.staysOn = true;
        Evacuation.Report r = run(true, true);
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.FENCE);
        assertThat(r.summary()).contains("still does not report cmp01 off after 3 looks");
        assertThat(fake.mutations()).isEmpty();
    }

    @Test
    void aHostAlreadyOffNeedsNoTypedName() throws Exception {
        bmcs.power.put("cmp01", PowerState.off());
        operator.typed = "";
        assertThat(run().allMoved()).isTrue();
        assertThat(bmcs.poweredOff("cmp01")).isFalse();
    }

    // ---- the other stops ----

    @Test
    void withoutArmOnlyThePlanIsShown() throws Exception {
        Evacuation.Report r = run(false, false);
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.PLAN);
        assertThat(r.stopped()).isTrue();
        assertThat(r.summary()).startsWith("plan only: nothing was changed");
        assertThat(r.plan()).hasSize(3).allMatch(InstanceMove::moves);
        assertNothingChanged();
        assertThat(operator.questions).isEmpty();
        assertThat(tmp.resolve("state")).doesNotExist();
    }

    @Test
    void forceDownNotConfirmedLeavesNovaUnchanged() throws Exception {
        operator.answers.add(false);
        Evacuation.Report r = run();
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.FORCE_DOWN);
        assertThat(r.summary()).contains("Nova is unchanged");
        assertThat(bmcs.poweredOff("cmp01")).isTrue();
        assertThat(fake.mutations()).isEmpty();
    }

    @Test
    void evacuationNotConfirmedMovesNoInstance() throws Exception {
        operator.answers.add(true);
        operator.answers.add(false);
        Evacuation.Report r = run();
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.CONFIRM);
        assertThat(fake.mutations()).hasSize(2).allMatch(m -> m.startsWith("PUT /os-services/"));
        assertThat(web.host).isEqualTo("cmp01");
    }

    @Test
    void reallyEvacuateFalseStopsAfterForceDown() throws Exception {
        config = fastConfig("[DEFAULT]\nreally_evacuate = false\n");
        Evacuation.Report r = run();
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.CONFIRM);
        assertThat(r.summary()).contains("really_evacuate = false");
        assertThat(fake.mutations()).hasSize(2).allMatch(m -> m.startsWith("PUT /os-services/"));
    }

    @Test
    void aHostWithNoInstanceChangesNothing() throws Exception {
        fake.servers.values().removeIf(s -> s.host.equals("cmp01"));
        Evacuation.Report r = run();
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.PLAN);
        assertThat(r.summary()).contains("nothing to evacuate");
        assertNothingChanged();
    }

    @Test
    void localDiskInstancesThatCannotMoveStopBeforeTheFence() throws Exception {
        config = fastConfig("[DEFAULT]\non_share_storage = false\n");
        db.host = "cmp02";
        Evacuation.Report r = run();
        assertThat(r.reached()).isEqualTo(Evacuation.Stage.PLAN);
        assertThat(r.summary()).contains("no instance of cmp01 can move");
        assertNothingChanged();
    }
}
