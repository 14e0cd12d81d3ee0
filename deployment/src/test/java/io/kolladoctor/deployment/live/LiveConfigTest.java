package io.kolladoctor.deployment.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.model.Host;
import io.kolladoctor.deployment.parse.MalformedException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiveConfigTest {

    @Test
    void readsNameNamespacesAndExtraHosts() throws Exception {
        LiveConfig c = LiveConfig.parse("""
                name: prod-east
                kubernetes_namespaces: [kolla, openstack]
                extra_hosts:
                  - name: k8s-prod-master-0
                    address: 172.24.4.105
                    user: core
                    groups: [magnum-node]
                    cluster: 5e1a9c3e-2f7b-4d0e-9a61-0c7d3b8f2e11
                  - name: bastion
                """);
        assertThat(c.name()).isEqualTo("prod-east");
        assertThat(c.kubernetesNamespaces()).containsExactly("kolla", "openstack");
        Host node = c.extraHosts().get(0);
        assertThat(node.address()).isEqualTo("172.24.4.105");
        assertThat(node.in("magnum-node")).isTrue();
        assertThat(node.vars()).containsEntry("ansible_user", "core")
                .containsEntry("magnum_cluster", "5e1a9c3e-2f7b-4d0e-9a61-0c7d3b8f2e11");
        Host bastion = c.extraHosts().get(1);
        assertThat(bastion.address()).isEqualTo("bastion");
        assertThat(bastion.vars()).doesNotContainKey("ansible_user");
    }

    @Test
    void emptyOrMissingMeansDefaults() throws Exception {
        assertThat(LiveConfig.parse("").kubernetesNamespaces()).containsExactly("kolla");
        assertThat(LiveConfig.load(Path.of("/nonexistent/config.yaml"))).isEqualTo(LiveConfig.none());
    }

    @Test
    void standardPathFollowsXdg() {
        assertThat(LiveConfig.standardPath(Map.of(), Path.of("/home/op")))
                .isEqualTo(Path.of("/home/op/.config/kolla-doctor/config.yaml"));
        assertThat(LiveConfig.standardPath(Map.of("XDG_CONFIG_HOME", "/x"), Path.of("/home/op")))
                .isEqualTo(Path.of("/x/kolla-doctor/config.yaml"));
    }

    @Test
    void wrongShapesAreRefusedWithTheKey() {
        assertThatThrownBy(() -> LiveConfig.parse("extra_hosts: node1")).isInstanceOf(MalformedException.class)
                .hasMessageContaining("extra_hosts");
        assertThatThrownBy(() -> LiveConfig.parse("extra_hosts: [{address: 1.2.3.4}]"))
                .hasMessageContaining("no name");
        assertThatThrownBy(() -> LiveConfig.parse("name: [a, b]")).hasMessageContaining("name");
        assertThatThrownBy(() -> LiveConfig.parse("- a list")).hasMessageContaining("mapping");
        assertThatThrownBy(() -> LiveConfig.parse("name: 'unterminated")).hasMessageContaining("YAML");
    }

    @Test
    void fuzzedInputOnlyEverFailsWithMalformed() {
        Random random = new Random(7);
        String alphabet = "name:extra_hosts- []{}'\"\n  groups,&*!|>#%@`";
        for (int i = 0; i < 3000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(120);
            for (int j = 0; j < n; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                LiveConfig.parse(s.toString());
            } catch (MalformedException expected) {
                // a clear refusal is fine; anything else is a bug
            }
        }
    }
}
