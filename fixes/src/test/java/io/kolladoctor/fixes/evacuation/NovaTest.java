package io.kolladoctor.fixes.evacuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.live.openstack.CloudFetcher.ApiResult;
import io.kolladoctor.fixes.evacuation.EvacuationFakes.FakeNova;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed Nova requests: what is read from 2.11 bodies, what is sent, what is recorded. */
class NovaTest {

    final List<String> recorded = new ArrayList<>();

    Nova nova(FakeNova fake) {
        return new Nova(fake, (request, result) -> recorded.add(request + " -> " + result.status()));
    }

    @Test
    void servicesHypervisorsFlavorsAndGroupsAreRead() throws Exception {
        FakeNova fake = FakeNova.lab("cmp01", "cmp02");
        FakeNova.Service cmp01 = fake.services.get("cmp01");
        cmp01.forcedDown = true;
        cmp01.enabled = false;
        cmp01.disabledReason = "evacuated";
        FakeNova.Server a = fake.server("a", "cmp01");
        FakeNova.Server b = fake.server("b", "cmp02");
        fake.groups.add(new FakeNova.Group("g1", "web", "anti-affinity", List.of(a.id, b.id)));
        Nova nova = nova(fake);
        assertThat(nova.computeServices()).containsExactly(
                new NovaService("7", "cmp01", "nova", false, false, true, "evacuated", "2025-03-14T09:26:53.000000"),
                new NovaService("8", "cmp02", "nova", true, true, false, null, "2025-03-14T09:26:53.000000"));
        assertThat(nova.hypervisors()).containsExactly(new Hypervisor("cmp01", 16384, 2048, 200, 20),
                new Hypervisor("cmp02", 16384, 2048, 200, 20));
        assertThat(nova.flavors()).containsEntry("2", new Flavor("2", "m1.small", 2048, 1, 20)).hasSize(2);
        assertThat(nova.serverGroups()).containsExactly(new ServerGroup("g1", "web", "anti-affinity", List.of(a.id, b.id)));
        assertThat(recorded).isEmpty();
    }

    @Test
    void anInstanceWithoutAnImageIsVolumeBacked() throws Exception {
        FakeNova fake = FakeNova.lab("cmp01");
        FakeNova.Server image = fake.server("image", "cmp01");
        FakeNova.Server volume = fake.server("volume", "cmp01");
        volume.imageId = null;
        volume.vmState = "error";
        volume.fault = "disk gone";
        NovaServer i = nova(fake).server(image.id);
        NovaServer v = nova(fake).server(volume.id);
        assertThat(i.volumeBacked()).isFalse();
        assertThat(i.host()).isEqualTo("cmp01");
        assertThat(i.taskState()).isNull();
        assertThat(i.flavorId()).isEqualTo("2");
        assertThat(v.volumeBacked()).isTrue();
        assertThat(v.status()).isEqualTo("ERROR");
        assertThat(v.fault()).isEqualTo("disk gone");
        assertThat(v.label()).isEqualTo("volume (" + volume.id.substring(0, 8) + ")");
    }

    @Test
    void serversOnAHostAreReadPageByPage() throws Exception {
        FakeNova fake = FakeNova.lab("cmp01", "cmp02");
        for (int n = 0; n < 1203; n++) {
            fake.server("vm-" + n, n % 3 == 0 ? "cmp02" : "cmp01");
        }
        List<NovaServer> on = nova(fake).serversOn("cmp01");
        assertThat(on).hasSize(802).allMatch(s -> s.host().equals("cmp01"));
        assertThat(on.stream().map(NovaServer::id).distinct().count()).isEqualTo(802);
        assertThat(fake.requests).filteredOn(r -> r.startsWith("GET /servers/detail")).hasSize(2)
                .first().asString().isEqualTo("GET /servers/detail?all_tenants=1&host=cmp01&limit=500");
    }

    @Test
    void aNewerGroupBodyWithPolicyIsReadToo() throws Exception {
        FakeNova fake = new FakeNova() {
            @Override
            public synchronized ApiResult call(String method, String serviceType, String path, String body, String mv) {
                return new ApiResult(200, "{\"server_groups\": [{\"id\": \"g\", \"name\": \"n\", \"policy\": "
                        + "\"soft-affinity\", \"rules\": {}, \"members\": []}]}", method);
            }
        };
        assertThat(nova(fake).serverGroups()).containsExactly(new ServerGroup("g", "n", "soft-affinity", List.of()));
    }

    @Test
    void changesAreRecordedWithTheirAnswerAndARefusalThrowsWithNovasMessage() throws Exception {
        FakeNova fake = FakeNova.lab("cmp01");
        Nova nova = nova(fake);
        nova.disable("cmp01", "say \"why\"");
        assertThat(fake.services.get("cmp01").disabledReason).isEqualTo("say \"why\"");
        assertThatThrownBy(() -> nova.lock("no-such-id"))
                .isInstanceOfSatisfying(Nova.NovaException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("POST /servers/no-such-id/action: HTTP 404 Instance could not be found.");
        assertThat(recorded).containsExactly(
                "PUT compute /os-services/disable-log-reason {\"host\": \"cmp01\", \"binary\": \"nova-compute\", "
                        + "\"disabled_reason\": \"say \\\"why\\\"\"} -> 200",
                "POST compute /servers/no-such-id/action {\"lock\": null} -> 404");
    }

    @Test
    void errorMessagesAreTakenFromNovasBodiesOrTheTextItself() {
        assertThat(Nova.message("{\"conflictingRequest\": {\"code\": 409, \"message\": \"Cannot 'evacuate'\"}}"))
                .isEqualTo("Cannot 'evacuate'");
        assertThat(Nova.message("<html>502 Bad Gateway</html>\nmore")).isEqualTo("<html>502 Bad Gateway</html>");
        assertThat(Nova.message("")).isEmpty();
        assertThat(Nova.message("x".repeat(400))).hasSize(301);
    }
}
