package io.kolladoctor.fixes.evacuation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.fixes.evacuation.InstanceMove.Disposition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which instance goes where, as a pure function of Nova's lists. */
class InstancePlannerTest {

    static final String FAILED = "cmp01";
    static final InstancePlanner.Options SHARED = new InstancePlanner.Options(true, false, null, false);
    static final InstancePlanner.Options LOCAL_ONLY = new InstancePlanner.Options(false, false, null, false);
    static final InstancePlanner.Options LOCAL_ALLOWED = new InstancePlanner.Options(false, true, null, false);
    static final Map<String, Flavor> FLAVORS = Map.of(
            "2", new Flavor("2", "m1.small", 2048, 1, 20),
            "4", new Flavor("4", "m1.large", 8192, 4, 80));

    /** A plan request under construction: services, hypervisors, groups, peers. */
    static final class Cloud {
        final List<NovaService> services = new ArrayList<>(List.of(up(FAILED, false)));
        final List<Hypervisor> hypervisors = new ArrayList<>(List.of(new Hypervisor(FAILED, 16384, 0, 200, 0)));
        final List<ServerGroup> groups = new ArrayList<>();
        final Map<String, NovaServer> peers = new LinkedHashMap<>();

        /** A usable compute with this much free RAM (MiB) and disk (GiB). */
        Cloud host(String host, long freeRam, long freeDisk) {
            services.add(up(host, true));
            hypervisors.add(new Hypervisor(host, 65536, 65536 - freeRam, 500, 500 - freeDisk));
            return this;
        }

        Cloud host(NovaService service, long freeRam) {
            services.add(service);
            hypervisors.add(new Hypervisor(service.host(), 65536, 65536 - freeRam, 500, 0));
            return this;
        }

        Cloud group(String name, String policy, NovaServer... members) {
            groups.add(new ServerGroup("g-" + name, name, policy, Arrays.stream(members).map(NovaServer::id).toList()));
            Arrays.stream(members).filter(m -> !FAILED.equals(m.host())).forEach(m -> peers.put(m.id(), m));
            return this;
        }

        List<InstanceMove> plan(InstancePlanner.Options options, NovaServer... servers) {
            return InstancePlanner.plan(FAILED, List.of(servers), services, hypervisors, groups, FLAVORS, peers, options);
        }

        InstanceMove planOne(InstancePlanner.Options options, NovaServer server) {
            List<InstanceMove> moves = plan(options, server);
            assertThat(moves).hasSize(1);
            return moves.getFirst();
        }
    }

    static NovaService up(String host, boolean up) {
        return new NovaService("id-" + host, host, "nova", up, true, false, null, "2025-03-14T09:26:53.000000");
    }

    static NovaServer vm(String name, boolean volumeBacked) {
        return vm(name, volumeBacked, "2");
    }

    static NovaServer vm(String name, boolean volumeBacked, String flavor) {
        return new NovaServer(id(name), name, FAILED, "ACTIVE", "active", null, false, volumeBacked, flavor, null);
    }

    static NovaServer on(String host, String name) {
        return new NovaServer(id(name), name, host, "ACTIVE", "active", null, false, true, "2", null);
    }

    static String id(String name) {
        return String.format("%08x-0000-4000-8000-000000000000", name.hashCode());
    }

    // ---- what happens to the disk ----

    @Test
    void aVolumeBackedInstanceIsEvacuatedEvenWithoutSharedStorage() {
        InstanceMove m = new Cloud().host("cmp02", 8000, 100).planOne(LOCAL_ONLY, vm("db", true));
        assertThat(m.disposition()).isEqualTo(Disposition.EVACUATE);
        assertThat(m.target()).isEqualTo("cmp02");
        assertThat(m.reason()).contains("volume");
        assertThat(m.moves()).isTrue();
    }

    @Test
    void anImageBackedInstanceOnSharedStorageIsEvacuated() {
        InstanceMove m = new Cloud().host("cmp02", 8000, 100).planOne(SHARED, vm("web", false));
        assertThat(m.disposition()).isEqualTo(Disposition.EVACUATE);
        assertThat(m.reason()).contains("on_share_storage = true");
        assertThat(m.target()).isEqualTo("cmp02");
    }

    @Test
    void aLocalDiskInstanceIsRebuiltOnlyWhenAllowed() {
        InstanceMove m = new Cloud().host("cmp02", 8000, 100).planOne(LOCAL_ALLOWED, vm("web", false));
        assertThat(m.disposition()).isEqualTo(Disposition.REBUILD);
        assertThat(m.reason()).contains("contents are lost");
        assertThat(m.target()).isEqualTo("cmp02");
    }

    @Test
    void aLocalDiskInstanceStaysWithoutAllowEvacuateLocalVm() {
        InstanceMove m = new Cloud().host("cmp02", 8000, 100).planOne(LOCAL_ONLY, vm("web", false));
        assertThat(m.disposition()).isEqualTo(Disposition.STAY);
        assertThat(m.moves()).isFalse();
        assertThat(m.target()).isNull();
        assertThat(m.reason()).contains("allow_evacuate_local_vm = false").contains("lose the disk");
    }

    // ---- which hosts may take it ----

    @Test
    void disabledDownAndForcedDownHostsAreNeverChosenAndSaySo() {
        Cloud cloud = new Cloud()
                .host(new NovaService("2", "cmp02", "nova", true, false, false, "maintenance", null), 60000)
                .host(new NovaService("3", "cmp03", "nova", false, true, false, null, null), 60000)
                .host(new NovaService("4", "cmp04", "nova", false, true, true, null, null), 60000)
                .host(new NovaService("6", "cmp06", "nova", true, true, true, null, null), 60000);
        InstanceMove stays = cloud.planOne(SHARED, vm("web", true));
        assertThat(stays.disposition()).isEqualTo(Disposition.STAY);
        assertThat(stays.reason()).isEqualTo("no host can take it");
        assertThat(stays.notes()).containsExactly("cmp02: nova-compute up, disabled: maintenance",
                "cmp03: nova-compute down, enabled", "cmp04: nova-compute down (forced), enabled",
                "cmp06: nova-compute up (forced), enabled");

        InstanceMove goes = cloud.host("cmp05", 4000, 10).planOne(SHARED, vm("web", true));
        assertThat(goes.target()).isEqualTo("cmp05");
        assertThat(goes.notes()).containsExactly("not cmp02: nova-compute up, disabled: maintenance",
                "not cmp03: nova-compute down, enabled", "not cmp04: nova-compute down (forced), enabled",
                "not cmp06: nova-compute up (forced), enabled");
    }

    @Test
    void noOtherComputeMeansItStays() {
        InstanceMove m = new Cloud().planOne(SHARED, vm("web", true));
        assertThat(m.disposition()).isEqualTo(Disposition.STAY);
        assertThat(m.reason()).isEqualTo("no other nova-compute host");
    }

    @Test
    void aComputeWithoutAHypervisorRecordIsRefused() {
        Cloud cloud = new Cloud();
        cloud.services.add(up("cmp02", true));
        InstanceMove m = cloud.planOne(SHARED, vm("web", true));
        assertThat(m.disposition()).isEqualTo(Disposition.STAY);
        assertThat(m.notes()).containsExactly("cmp02: no hypervisor record (capacity unknown)");
    }

    @Test
    void theHostWithTheMostFreeRamIsChosenAndTiesGoToTheFirstName() {
        assertThat(new Cloud().host("cmp02", 4000, 100).host("cmp03", 9000, 100).planOne(SHARED, vm("a", true)).target())
                .isEqualTo("cmp03");
        assertThat(new Cloud().host("cmp03", 9000, 100).host("cmp02", 9000, 100).planOne(SHARED, vm("a", true)).target())
                .isEqualTo("cmp02");
    }

    // ---- server groups ----

    @Test
    void antiAffinityStaysWhenThePeersHostIsTheOnlyOther() {
        NovaServer web1 = vm("web-1", true);
        NovaServer web2 = on("cmp02", "web-2");
        InstanceMove m = new Cloud().host("cmp02", 60000, 100).group("web", "anti-affinity", web1, web2)
                .planOne(SHARED, web1);
        assertThat(m.disposition()).isEqualTo(Disposition.STAY);
        assertThat(m.target()).isNull();
        assertThat(m.notes()).singleElement().satisfies(n -> assertThat(n).startsWith("cmp02: anti-affinity group web")
                .contains("its peer web-2 ("));
    }

    @Test
    void antiAffinityGoesToAThirdHostEvenWithLessRam() {
        NovaServer web1 = vm("web-1", true);
        NovaServer web2 = on("cmp02", "web-2");
        InstanceMove m = new Cloud().host("cmp02", 60000, 100).host("cmp03", 3000, 100)
                .group("web", "anti-affinity", web1, web2).planOne(SHARED, web1);
        assertThat(m.disposition()).isEqualTo(Disposition.EVACUATE);
        assertThat(m.target()).isEqualTo("cmp03");
        assertThat(m.notes()).anySatisfy(n -> assertThat(n).startsWith("not cmp02: anti-affinity"));
    }

    @Test
    void twoAntiAffinityMembersOfTheFailedHostGoToDifferentHosts() {
        NovaServer a = vm("db-a", true);
        NovaServer b = vm("db-b", true);
        Cloud cloud = new Cloud().host("cmp02", 60000, 100).host("cmp03", 50000, 100).group("db", "anti-affinity", a, b);
        List<InstanceMove> moves = cloud.plan(SHARED, a, b);
        assertThat(moves).extracting(InstanceMove::target).containsExactly("cmp02", "cmp03");

        List<InstanceMove> oneHost = new Cloud().host("cmp02", 60000, 100).group("db", "anti-affinity", a, b)
                .plan(SHARED, a, b);
        assertThat(oneHost).extracting(InstanceMove::disposition).containsExactly(Disposition.EVACUATE, Disposition.STAY);
        assertThat(oneHost.get(1).notes()).singleElement().satisfies(n -> assertThat(n).contains("its peer db-a ("));
    }

    @Test
    void softAntiAffinityDoesNotBind() {
        NovaServer web1 = vm("web-1", true);
        NovaServer web2 = on("cmp02", "web-2");
        InstanceMove m = new Cloud().host("cmp02", 60000, 100).group("web", "soft-anti-affinity", web1, web2)
                .planOne(SHARED, web1);
        assertThat(m.target()).isEqualTo("cmp02");
    }

    @Test
    void affinityFollowsItsGroup() {
        NovaServer app1 = vm("app-1", true);
        NovaServer app2 = on("cmp03", "app-2");
        InstanceMove m = new Cloud().host("cmp02", 60000, 100).host("cmp03", 3000, 100)
                .group("app", "affinity", app1, app2).planOne(SHARED, app1);
        assertThat(m.target()).isEqualTo("cmp03");
    }

    @Test
    void affinityStaysWhenItsGroupsHostCannotTakeIt() {
        NovaServer app1 = vm("app-1", true);
        NovaServer app2 = on("cmp03", "app-2");
        InstanceMove m = new Cloud().host("cmp02", 60000, 100).host("cmp03", 1000, 100)
                .group("app", "affinity", app1, app2).planOne(SHARED, app1);
        assertThat(m.disposition()).isEqualTo(Disposition.STAY);
        assertThat(m.notes()).contains("affinity: its group runs on cmp03, which cannot take it")
                .anySatisfy(n -> assertThat(n).startsWith("cmp03: not enough free RAM"));
    }

    @Test
    void affinityMembersAllOnTheFailedHostStayTogether() {
        NovaServer a = vm("app-a", true);
        NovaServer b = vm("app-b", true);
        List<InstanceMove> moves = new Cloud().host("cmp02", 5000, 100).host("cmp03", 4500, 100)
                .group("app", "affinity", a, b).plan(SHARED, a, b);
        // a goes to the host with most RAM; b follows although cmp03 has more left by then
        assertThat(moves).extracting(InstanceMove::target).containsExactly("cmp02", "cmp02");
    }

    // ---- capacity ----

    @Test
    void ramIsTakenOffAsInstancesArePlaced() {
        List<InstanceMove> moves = new Cloud().host("cmp02", 3000, 100).host("cmp03", 2500, 100)
                .plan(SHARED, vm("vm-1", true), vm("vm-2", true), vm("vm-3", true));
        assertThat(moves).extracting(InstanceMove::target).containsExactly("cmp02", "cmp03", null);
        assertThat(moves.get(2).disposition()).isEqualTo(Disposition.STAY);
        assertThat(moves.get(2).notes()).containsExactly("cmp02: not enough free RAM (952 MiB free, 2048 MiB needed)",
                "cmp03: not enough free RAM (452 MiB free, 2048 MiB needed)");
    }

    @Test
    void diskCountsForLocalDisksAndIsTakenOff() {
        List<InstanceMove> moves = new Cloud().host("cmp02", 60000, 30).host("cmp03", 50000, 25)
                .plan(LOCAL_ALLOWED, vm("vm-1", false), vm("vm-2", false), vm("vm-3", false));
        assertThat(moves).extracting(InstanceMove::target).containsExactly("cmp02", "cmp03", null);
        assertThat(moves.get(2).notes()).containsExactly("cmp02: not enough free disk (10 GiB free, 20 GiB needed)",
                "cmp03: not enough free disk (5 GiB free, 20 GiB needed)");
    }

    @Test
    void aVolumeBackedInstanceNeedsNoDisk() {
        List<InstanceMove> moves = new Cloud().host("cmp02", 60000, 0)
                .plan(LOCAL_ONLY, vm("vm-1", true, "4"), vm("vm-2", true, "4"));
        assertThat(moves).extracting(InstanceMove::target).containsExactly("cmp02", "cmp02");
        assertThat(moves).allSatisfy(m -> assertThat(m.notes()).isEmpty());
    }

    @Test
    void aMissingFlavorIsNotedAndNotCounted() {
        InstanceMove m = new Cloud().host("cmp02", 10, 0).planOne(SHARED, vm("old", false, "gone"));
        assertThat(m.target()).isEqualTo("cmp02");
        assertThat(m.notes()).containsExactly("flavor gone is gone: capacity not checked");
    }

    // ---- options ----

    @Test
    void aReservedHostIsTheOnlyTarget() {
        InstancePlanner.Options reserved = new InstancePlanner.Options(true, false, "cmp03", false);
        Cloud cloud = new Cloud().host("cmp02", 60000, 100).host("cmp03", 3000, 100);
        List<InstanceMove> moves = cloud.plan(reserved, vm("vm-1", true), vm("vm-2", true));
        assertThat(moves).extracting(InstanceMove::target).containsExactly("cmp03", null);
        assertThat(moves.get(1).notes()).containsExactly("cmp03: not enough free RAM (952 MiB free, 2048 MiB needed)");

        InstanceMove unknown = cloud.planOne(new InstancePlanner.Options(true, false, "cmp09", false), vm("vm-1", true));
        assertThat(unknown.disposition()).isEqualTo(Disposition.STAY);
        assertThat(unknown.notes()).containsExactly("cmp09: no nova-compute service of that name");
    }

    @Test
    void theSchedulerOptionLeavesTheTargetToNovaButStillChecksCapacity() {
        InstancePlanner.Options scheduler = new InstancePlanner.Options(true, false, null, true);
        List<InstanceMove> moves = new Cloud().host("cmp02", 3000, 100)
                .plan(scheduler, vm("vm-1", true), vm("vm-2", true));
        assertThat(moves.get(0).disposition()).isEqualTo(Disposition.EVACUATE);
        assertThat(moves.get(0).target()).isNull();
        assertThat(moves.get(1).disposition()).isEqualTo(Disposition.STAY);
    }

    // ---- states ----

    @Test
    void anInstanceNovaWillNotEvacuateInItsStateIsNotedForAReset() {
        NovaServer paused = new NovaServer(id("p"), "p", FAILED, "PAUSED", "paused", null, false, true, "2", null);
        NovaServer busy = new NovaServer(id("b"), "b", FAILED, "ACTIVE", "active", "powering-off", false, true, "2", null);
        NovaServer stopped = new NovaServer(id("s"), "s", FAILED, "SHUTOFF", "stopped", null, false, true, "2", null);
        List<InstanceMove> moves = new Cloud().host("cmp02", 60000, 100).plan(SHARED, paused, busy, stopped);
        assertThat(moves).extracting(m -> m.server().name()).containsExactly("b", "p", "s");
        assertThat(moves.get(0).notes()).containsExactly("state active/powering-off is reset to error first "
                + "(Nova evacuates only active, stopped or error instances)");
        assertThat(moves.get(1).notes()).singleElement().satisfies(n -> assertThat(n).startsWith("state paused is reset"));
        assertThat(moves.get(2).notes()).isEmpty();
    }
}
