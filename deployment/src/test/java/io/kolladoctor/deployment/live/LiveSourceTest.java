package io.kolladoctor.deployment.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.FactUnavailableException.Kind;
import io.kolladoctor.deployment.live.host.HostAccessOptions;
import io.kolladoctor.deployment.live.kubernetes.KubeFetcher;
import io.kolladoctor.deployment.live.openstack.CloudFetcher;
import io.kolladoctor.deployment.live.openstack.OpenStackCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing and the local parts of the live source; the SSH, cloud and Kubernetes parts have their own tests. */
class LiveSourceTest {

    static LiveSource source(Path kolla, Path cwd, Map<String, String> env) {
        return new LiveSource(new LiveSource.Options(KollaLocations.of(kolla, null), cwd,
                new OpenStackCredentials.Lookup(null, env, cwd, cwd, kolla.resolve("admin-openrc.sh")),
                HostAccessOptions.defaults().withHome(cwd), CloudFetcher.Options.defaults(),
                new KubeFetcher.Options(List.of(cwd.resolve("no-kubeconfig")), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                LiveConfig.none()));
    }

    @Test
    void kollaFilesComeFromTheKollaDirectoryAndTheInventoryFromItsUsualPlaces(@TempDir Path tmp) throws Exception {
        Path kolla = Files.createDirectories(tmp.resolve("etc-kolla"));
        Files.writeString(kolla.resolve("globals.yml"), "enable_heat: \"yes\"\n");
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Files.writeString(cwd.resolve("multinode"), "[control]\nctl1 ansible_host=10.0.0.1\n");
        try (LiveSource live = source(kolla, cwd, Map.of())) {
            assertThat(live.fetch(FactRequest.deployment("globals.yml")).text()).contains("enable_heat");
            assertThat(live.fetch(FactRequest.deployment("inventory")).origin()).isEqualTo(cwd.resolve("multinode").toString());
            assertThatThrownBy(() -> live.fetch(FactRequest.deployment("passwords.yml")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ABSENT));
            // the inventory next to /etc/kolla wins over the working directory's
            Files.writeString(kolla.resolve("multinode"), "[control]\nctl2\n");
            assertThat(live.fetch(FactRequest.deployment("inventory")).text()).contains("ctl2");
        }
    }

    @Test
    void noInventoryIsAFailureThatSaysWhereItLooked(@TempDir Path tmp) {
        try (LiveSource live = source(tmp, tmp, Map.of())) {
            assertThatThrownBy(() -> live.fetch(FactRequest.deployment("inventory")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.FAILED);
                        assertThat(e.getMessage()).contains("--inventory").contains(tmp.resolve("multinode").toString());
                    });
        }
    }

    @Test
    void withoutCredentialsCloudRequestsFailWithTheReasonAndTheCloudStaysInTheTopology(@TempDir Path tmp) {
        try (LiveSource live = source(tmp, tmp, Map.of())) {
            String cloud = live.topology().cloud();
            assertThat(cloud).isNotBlank();
            assertThatThrownBy(() -> live.fetch(FactRequest.cloud(cloud, "identity/users.json")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.FAILED);
                        assertThat(e.getMessage()).contains("no OpenStack credentials");
                    });
            assertThat(live.topology().kubernetes()).isEmpty();
            assertThat(live.counts().cloudRequests()).isZero();
        }
    }

    @Test
    void credentialsFromOsVariablesNameTheCloudAndOtherCloudsAreNotThisSources(@TempDir Path tmp) {
        Map<String, String> env = Map.of("OS_AUTH_URL", "http://127.0.0.1:9/v3", "OS_USERNAME", "admin",
                "OS_PASSWORD", "x", "OS_PROJECT_NAME", "admin");
        try (LiveSource live = source(tmp, tmp, env)) {
            assertThat(live.topology().cloud()).isEqualTo(OpenStackCredentials.ENV_CLOUD);
            assertThatThrownBy(() -> live.fetch(FactRequest.cloud("elsewhere", "identity/users.json")))
                    .isInstanceOfSatisfying(FactUnavailableException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.NOT_COLLECTED));
        }
    }

    @Test
    void nothingIsConnectedBeforeARequestNeedsIt(@TempDir Path tmp) {
        try (LiveSource live = source(tmp, tmp, Map.of())) {
            live.describe();
            assertThat(live.counts()).isEqualTo(new LiveSource.Counts(0, 0, 0, 0));
        }
    }
}
