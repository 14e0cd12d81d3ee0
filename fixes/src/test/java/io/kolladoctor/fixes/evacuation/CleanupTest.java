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
import io.kolladoctor.fixes.evacuation.EvacuationFakes.FakeNova;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.ScriptedOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bringing the repaired host back: power on, clear force-down (waiting out Nova's 400), enable. */
class CleanupTest {

    @TempDir
    Path tmp;
    FakeNova fake;
    FakeBmcs bmcs;
    ScriptedOperator operator;
    FakeNova.Service cmp01;

    @BeforeEach
    void setUp() {
        fake = FakeNova.lab("cmp01", "cmp02");
        cmp01 = fake.services.get("cmp01");
        cmp01.heartbeat = false;
        cmp01.forcedDown = true;
        cmp01.enabled = false;
        cmp01.disabledReason = "kolla-doctor evacuation 2025-03-14T09:30:00Z by ops";
        bmcs = new FakeBmcs();
        bmcs.power.put("cmp01", PowerState.off());
        operator = new ScriptedOperator();
    }

    Cleanup.Report run(boolean armed, Duration timeout) throws Exception {
        AuditLog log = new AuditLog(tmp.resolve("audit.jsonl"), SecretMasker.patterns());
        EvacuationAudit audit = new EvacuationAudit(log, "cmp01");
        return new Cleanup(new Nova(fake, audit.novaRecorder()), bmcs, site(fastConfig(""), "cmp01", "cmp02"), operator,
                audit, new EvacuationHistory(tmp.resolve("evacuate_history.jsonl"), SecretMasker.patterns()),
                Duration.ofMillis(1)).run("cmp01", armed, timeout);
    }

    List<String> audit() throws Exception {
        List<String> lines = new ArrayList<>();
        Path file = tmp.resolve("audit.jsonl");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                JsonNode j = Json.parse(line);
                lines.add(j.path("event").asText() + ":" + j.path("result").asText() + ":" + j.path("operation").asText());
            }
            assertThat(Files.readString(file)).doesNotContain(PASSWORD);
        }
        return lines;
    }

    List<JsonNode> history() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve("evacuate_history.jsonl"))) {
            lines.add(Json.parse(line));
        }
        return lines;
    }

    @Test
    void powerOnThenForceDownIsRetriedThroughNovasRefusalThenEnabled() throws Exception {
        cmp01.clearRefusals = 2;
        Cleanup.Report r = run(true, Duration.ofSeconds(5));
        assertThat(r.done()).isTrue();
        assertThat(r.summary()).isEqualTo("nova-compute on cmp01: up, enabled");
        assertThat(bmcs.calls).containsExactly("status cmp01", "on cmp01");
        String clear = "PUT /os-services/force-down {\"host\": \"cmp01\", \"binary\": \"nova-compute\", \"forced_down\": false}";
        assertThat(fake.mutations()).containsExactly(clear, clear, clear,
                "PUT /os-services/enable {\"host\": \"cmp01\", \"binary\": \"nova-compute\"}");
        assertThat(cmp01.forcedDown).isFalse();
        assertThat(cmp01.enabled).isTrue();
        assertThat(operator.all()).contains("not yet: PUT /os-services/force-down: HTTP 400 Cannot unset forced_down");
        assertThat(audit()).extracting(l -> l.substring(0, l.indexOf(':', l.indexOf(':') + 1)))
                .containsExactly("cleanup:done", "step:failed", "step:failed", "step:done", "step:done");
        assertThat(audit().getFirst()).endsWith("-U admin -E chassis power on");
        assertThat(history()).singleElement().satisfies(h -> {
            assertThat(h.path("kind").asText()).isEqualTo("cleanup");
            assertThat(h.path("result").asText()).isEqualTo("nova-compute on cmp01: up, enabled");
            assertThat(h.path("trail").toString()).contains("powered on through BMC 10.2.0.11")
                    .contains("force-down cleared").contains("enabled");
        });
    }

    @Test
    void withoutArmNothingChanges() throws Exception {
        Cleanup.Report r = run(false, Duration.ofSeconds(5));
        assertThat(r.done()).isFalse();
        assertThat(r.summary()).isEqualTo("plan only: nothing was changed");
        assertThat(fake.mutations()).isEmpty();
        assertThat(bmcs.calls).containsExactly("status cmp01");
        assertThat(operator.all()).contains("Would: power cmp01 on through its BMC");
        assertThat(tmp.resolve("evacuate_history.jsonl")).doesNotExist();
    }

    @Test
    void aHealthyServiceNeedsNothing() throws Exception {
        cmp01.heartbeat = true;
        cmp01.forcedDown = false;
        cmp01.enabled = true;
        Cleanup.Report r = run(true, Duration.ofSeconds(5));
        assertThat(r.done()).isTrue();
        assertThat(r.summary()).contains("nothing to clean up");
        assertThat(fake.mutations()).isEmpty();
    }

    @Test
    void powerOnNotApprovedChangesNothing() throws Exception {
        operator.approve = false;
        Cleanup.Report r = run(true, Duration.ofSeconds(5));
        assertThat(r.done()).isFalse();
        assertThat(r.summary()).contains("power on not confirmed");
        assertThat(bmcs.calls).doesNotContain("on cmp01");
        assertThat(fake.mutations()).isEmpty();
    }

    @Test
    void novaStillRefusingAtTheDeadlineStops() throws Exception {
        cmp01.clearRefusals = 1_000;
        Cleanup.Report r = run(true, Duration.ZERO);
        assertThat(r.done()).isFalse();
        assertThat(r.summary()).startsWith("clearing force-down failed: PUT /os-services/force-down: HTTP 400")
                .contains("evacuation migration records remain");
        assertThat(fake.mutations()).noneMatch(m -> m.contains("enable"));
        assertThat(cmp01.forcedDown).isTrue();
    }

    @Test
    void aServiceThatDoesNotComeUpIsNotEnabled() throws Exception {
        cmp01.runsAfterClear = false;
        bmcs.power.put("cmp01", PowerState.on());
        Cleanup.Report r = run(true, Duration.ZERO);
        assertThat(r.done()).isFalse();
        assertThat(r.summary()).contains("still down after 0 s");
        assertThat(bmcs.calls).containsExactly("status cmp01");
        assertThat(fake.mutations()).hasSize(1).allMatch(m -> m.contains("\"forced_down\": false"));
        assertThat(cmp01.enabled).isFalse();
    }

    @Test
    void enablingCanBeDeclined() throws Exception {
        operator.answers.add(true); // power on
        operator.answers.add(false); // enable
        Cleanup.Report r = run(true, Duration.ofSeconds(5));
        assertThat(r.done()).isFalse();
        assertThat(r.summary()).isEqualTo("up but left disabled, as asked");
        assertThat(cmp01.enabled).isFalse();
        assertThat(cmp01.forcedDown).isFalse();
    }
}
