package io.kolladoctor.fixes.evacuation;

import static io.kolladoctor.fixes.evacuation.EvacuationFakes.fastConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.fixes.evacuation.EvacuationFakes.FakeNova;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.ScriptedOperator;
import io.kolladoctor.fixes.evacuation.InstanceMove.Disposition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each instance moved as Masakari does, against the in-memory Nova. */
class EvacuatorTest {

    FakeNova fake;
    Nova nova;
    ScriptedOperator operator;
    final List<String> recorded = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fake = FakeNova.lab("cmp01", "cmp02", "cmp03");
        fake.services.get("cmp01").heartbeat = false;
        fake.services.get("cmp01").forcedDown = true;
        fake.evacuateLooks = 2;
        nova = new Nova(fake, (request, result) -> {
            synchronized (recorded) {
                recorded.add(request + " -> " + result.status());
            }
        });
        operator = new ScriptedOperator();
    }

    InstanceMove move(FakeNova.Server s, String target) throws Exception {
        return new InstanceMove(nova.server(s.id), Disposition.EVACUATE, target, "root disk on a volume: kept", List.of());
    }

    List<Evacuator.Outcome> run(UmhaConfig config, int concurrency, InstanceMove... moves) {
        return new Evacuator(nova, config, operator, concurrency, Duration.ofMillis(2)).run("cmp01", List.of(moves));
    }

    List<Evacuator.Outcome> run(InstanceMove... moves) {
        return run(fastConfig(""), 2, moves);
    }

    @Test
    void anActiveInstanceIsLockedEvacuatedWatchedAndUnlocked() throws Exception {
        FakeNova.Server vm = fake.server("web-1", "cmp01");
        List<Evacuator.Outcome> outcomes = run(move(vm, "cmp02"));
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.moved()).isTrue();
            assertThat(o.host()).isEqualTo("cmp02");
            assertThat(o.detail()).isEqualTo("on cmp02, ACTIVE");
        });
        assertThat(fake.actionsOf(vm)).containsExactly("lock", "evacuate", "unlock");
        assertThat(fake.requests).contains("POST /servers/" + vm.id + "/action {\"evacuate\": {\"host\": \"cmp02\"}}"
                + " [microversion 2.29]");
        assertThat(vm.host).isEqualTo("cmp02");
        assertThat(vm.vmState).isEqualTo("active");
        assertThat(vm.locked).isFalse();
        assertThat(recorded).hasSize(3).allSatisfy(r -> assertThat(r).startsWith("POST compute /servers/" + vm.id));
        assertThat(operator.all()).contains("evacuating to cmp02").contains("done: on cmp02, ACTIVE");
    }

    @Test
    void anInstanceItsUserLockedStaysLockedAndIsNotUnlocked() throws Exception {
        FakeNova.Server vm = fake.server("web-1", "cmp01");
        vm.locked = true;
        assertThat(run(move(vm, "cmp02")).getFirst().moved()).isTrue();
        assertThat(fake.actionsOf(vm)).containsExactly("evacuate");
        assertThat(vm.locked).isTrue();
    }

    @Test
    void aStoppedInstanceStaysStopped() throws Exception {
        FakeNova.Server vm = fake.server("batch", "cmp01");
        vm.vmState = "stopped";
        Evacuator.Outcome o = run(move(vm, "cmp03")).getFirst();
        assertThat(o.moved()).isTrue();
        assertThat(o.detail()).isEqualTo("on cmp03, SHUTOFF");
        assertThat(fake.actionsOf(vm)).containsExactly("lock", "evacuate", "unlock");
        assertThat(vm.vmState).isEqualTo("stopped");
    }

    @Test
    void anInstanceInErrorEndsInErrorAgainOnItsNewHost() throws Exception {
        FakeNova.Server vm = fake.server("broken", "cmp01");
        vm.vmState = "error";
        Evacuator.Outcome o = run(move(vm, "cmp02")).getFirst();
        assertThat(o.moved()).isTrue();
        assertThat(fake.actionsOf(vm)).containsExactly("lock", "evacuate", "os-stop", "os-resetState", "unlock");
        assertThat(fake.requests).contains("POST /servers/" + vm.id + "/action {\"os-resetState\": {\"state\": \"error\"}}");
        assertThat(vm.host).isEqualTo("cmp02");
        assertThat(vm.vmState).isEqualTo("error");
        assertThat(vm.locked).isFalse();
    }

    @Test
    void anInstanceInAStateNovaWillNotEvacuateIsResetToErrorFirst() throws Exception {
        FakeNova.Server vm = fake.server("paused-1", "cmp01");
        vm.vmState = "paused";
        Evacuator.Outcome o = run(move(vm, "cmp02")).getFirst();
        assertThat(o.detail()).doesNotContain("ERROR");
        assertThat(o.moved()).isTrue();
        // as Masakari: reset, evacuate (it comes up active), and stopped since it was not running
        assertThat(fake.actionsOf(vm)).containsExactly("lock", "os-resetState", "evacuate", "os-stop", "unlock");
        assertThat(vm.host).isEqualTo("cmp02");
        assertThat(vm.vmState).isEqualTo("stopped");
        assertThat(operator.all()).contains("resetting state paused to error");
    }

    @Test
    void anActiveInstanceCaughtInATaskIsResetAndComesBackActive() throws Exception {
        FakeNova.Server vm = fake.server("busy", "cmp01");
        vm.taskState = "rebooting";
        Evacuator.Outcome o = run(move(vm, "cmp02")).getFirst();
        assertThat(o.moved()).isTrue();
        assertThat(fake.actionsOf(vm)).containsExactly("lock", "os-resetState", "evacuate", "unlock");
        assertThat(vm.vmState).isEqualTo("active");
    }

    @Test
    void anEvacuationThatEndsInErrorIsReportedFailedAndUnlocked() throws Exception {
        FakeNova.Server vm = fake.server("web-1", "cmp01");
        fake.evacuateToError.add(vm.id);
        Evacuator.Outcome o = run(move(vm, "cmp02")).getFirst();
        assertThat(o.moved()).isFalse();
        assertThat(o.detail()).startsWith("failed: went to ERROR: Build of instance").contains("Failed to allocate");
        assertThat(fake.actionsOf(vm)).containsExactly("lock", "evacuate", "unlock");
        assertThat(vm.locked).isFalse();
    }

    @Test
    void anEvacuationNovaRefusesIsReportedFailedAndUnlocked() throws Exception {
        FakeNova.Server vm = fake.server("web-1", "cmp01");
        fake.refuseEvacuate.add(vm.id);
        Evacuator.Outcome o = run(move(vm, "cmp02")).getFirst();
        assertThat(o.moved()).isFalse();
        assertThat(o.detail()).contains("HTTP 400").contains("No valid host was found");
        assertThat(fake.actionsOf(vm)).containsExactly("lock", "evacuate", "unlock");
        assertThat(recorded).anySatisfy(r -> assertThat(r).contains("evacuate").endsWith("-> 400"));
        assertThat(vm.locked).isFalse();
        assertThat(vm.host).isEqualTo("cmp01");
    }

    @Test
    void anEvacuationWhileTheSourceStillRunsIsRefusedByNova() throws Exception {
        fake.services.get("cmp01").forcedDown = false;
        fake.services.get("cmp01").heartbeat = true;
        FakeNova.Server vm = fake.server("web-1", "cmp01");
        Evacuator.Outcome o = run(move(vm, "cmp02")).getFirst();
        assertThat(o.moved()).isFalse();
        assertThat(o.detail()).contains("Compute service of cmp01 is still in use");
    }

    @Test
    void anEvacuationThatDoesNotFinishInTimeIsReportedFailed() throws Exception {
        FakeNova.Server vm = fake.server("slow", "cmp01");
        fake.evacuateLooks = 1_000_000;
        Evacuator.Outcome o = run(fastConfig("[time]\nevacuate_timeout = 0\n"), 1, move(vm, "cmp02")).getFirst();
        assertThat(o.moved()).isFalse();
        assertThat(o.detail()).contains("not done within 0 s (evacuate_timeout): now on cmp01, REBUILD/rebuilding");
        assertThat(vm.locked).isFalse();
    }

    @Test
    void theSchedulersChoiceSendsNoHost() throws Exception {
        FakeNova.Server vm = fake.server("web-1", "cmp01");
        Evacuator.Outcome o = run(move(vm, null)).getFirst();
        assertThat(o.moved()).isTrue();
        assertThat(o.host()).isEqualTo("cmp02");
        assertThat(fake.requests).contains("POST /servers/" + vm.id + "/action {\"evacuate\": {}} [microversion 2.29]");
        assertThat(operator.all()).contains("evacuating to the scheduler's choice");
    }

    @Test
    void instancesThatStayAreNotTouchedAndKeepTheirPlaceInTheOutcomes() throws Exception {
        FakeNova.Server a = fake.server("a", "cmp01");
        FakeNova.Server b = fake.server("b", "cmp01");
        FakeNova.Server c = fake.server("c", "cmp01");
        InstanceMove stays = new InstanceMove(nova.server(b.id), Disposition.STAY, null, "local disk", List.of());
        List<Evacuator.Outcome> outcomes = run(move(a, "cmp02"), stays, move(c, "cmp03"));
        assertThat(outcomes).extracting(o -> o.move().server().name()).containsExactly("a", "b", "c");
        assertThat(outcomes).extracting(Evacuator.Outcome::moved).containsExactly(true, false, true);
        assertThat(outcomes.get(1).detail()).isEqualTo("not moved: local disk");
        assertThat(outcomes.get(1).host()).isEqualTo("cmp01");
        assertThat(fake.actionsOf(b)).isEmpty();
        assertThat(b.host).isEqualTo("cmp01");
    }

    @Test
    void noMoreThanConcurrencyEvacuationsRunAtOnce() throws Exception {
        fake.evacuateLooks = 4;
        List<InstanceMove> moves = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            moves.add(move(fake.server("vm-" + i, "cmp01"), i % 2 == 0 ? "cmp02" : "cmp03"));
        }
        List<Evacuator.Outcome> outcomes = new Evacuator(nova, fastConfig(""), operator, 3, Duration.ofMillis(3))
                .run("cmp01", moves);
        assertThat(outcomes).allMatch(Evacuator.Outcome::moved);
        assertThat(fake.maxInFlight).isEqualTo(3);
        assertThat(fake.inFlight).isZero();

        FakeNova.Server one = fake.server("one", "cmp01");
        FakeNova.Server two = fake.server("two", "cmp01");
        fake.maxInFlight = 0;
        new Evacuator(nova, fastConfig(""), operator, 1, Duration.ofMillis(3)).run("cmp01", List.of(move(one, "cmp02"),
                move(two, "cmp02")));
        assertThat(fake.maxInFlight).isEqualTo(1);
        assertThat(fake.servers.values()).allMatch(s -> !s.host.equals("cmp01") && !s.locked);
    }
}
