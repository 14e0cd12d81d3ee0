package io.kolladoctor.deployment.live.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.model.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SshTargetsTest {

    private static final Path HOME = Path.of("/home/ops");
    private static final HostAccessOptions OPTIONS = HostAccessOptions.defaults().withHome(HOME)
            .withSshConfigFiles(List.of()).withKnownHostsFiles(List.of(Path.of("/srv/lab/known_hosts")));

    private static SshEndpoint endpoint(String config, Host host, HostAccessOptions options) throws HostException {
        return new SshTargets(SshConfig.parse(config, SshConfig.Includes.NONE), options).endpoint(host);
    }

    private static Host host(String name, Map<String, String> vars) {
        return new Host(name, vars.getOrDefault("ansible_host", name), vars.getOrDefault("ansible_user", "root"),
                Set.of("compute"), vars);
    }

    @Test
    void inventoryVarsComeFirstAndTheConfigAppliesToAnsibleHost() throws Exception {
        String config = """
                Host 10.0.1.21
                  User from-config
                  Port 2200
                  IdentityFile ~/.ssh/config_key
                  ConnectTimeout 3
                """;
        SshEndpoint plain = endpoint(config, host("cmp01", Map.of("ansible_host", "10.0.1.21")), OPTIONS);
        assertThat(plain.address()).isEqualTo("10.0.1.21");
        assertThat(plain.user()).isEqualTo("from-config"); // no ansible_user: the config's User
        assertThat(plain.port()).isEqualTo(2200);
        assertThat(plain.identities()).containsExactly(Path.of("/home/ops/.ssh/config_key"));
        assertThat(plain.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(plain.describe()).isEqualTo("from-config@10.0.1.21:2200");

        SshEndpoint explicit = endpoint(config, host("cmp01", Map.of("ansible_host", "10.0.1.21", "ansible_user", "kolla",
                "ansible_port", "22", "ansible_ssh_private_key_file", "~/keys/kolla")), OPTIONS);
        assertThat(explicit.user()).isEqualTo("kolla");
        assertThat(explicit.port()).isEqualTo(22);
        assertThat(explicit.identities()).containsExactly(Path.of("/home/ops/keys/kolla"), Path.of("/home/ops/.ssh/config_key"));
        assertThat(explicit.knownHosts()).containsExactly(Path.of("/srv/lab/known_hosts"),
                Path.of("/home/ops/.ssh/known_hosts"), Path.of("/home/ops/.ssh/known_hosts2"), Path.of("/etc/ssh/ssh_known_hosts"));
        assertThat(explicit.policy()).isEqualTo(HostKeyPolicy.STRICT);
    }

    @Test
    void withoutAnyKeyNamedTheDefaultIdentitiesAreTried() throws Exception {
        SshEndpoint e = endpoint("", host("ctl01", Map.of()), OPTIONS);
        assertThat(e.identities()).containsExactly(Path.of("/home/ops/.ssh/id_rsa"), Path.of("/home/ops/.ssh/id_ecdsa"),
                Path.of("/home/ops/.ssh/id_ed25519"), Path.of("/home/ops/.ssh/id_dsa"));
        assertThat(e.user()).isEqualTo(OPTIONS.localUser());
        assertThat(e.address()).isEqualTo("ctl01");
        assertThat(e.port()).isEqualTo(22);
    }

    @Test
    void jumpHostsComeFromTheConfigOrFromAnsibleSshArgs() throws Exception {
        String config = """
                Host 10.0.*
                  ProxyJump ops@bastion:2222,inner
                Host inner
                  HostName 192.168.0.2
                  User hop
                """;
        SshEndpoint viaConfig = endpoint(config, host("cmp01", Map.of("ansible_host", "10.0.1.21")), OPTIONS);
        assertThat(viaConfig.jump().alias()).isEqualTo("inner");
        assertThat(viaConfig.jump().address()).isEqualTo("192.168.0.2");
        assertThat(viaConfig.jump().user()).isEqualTo("hop");
        assertThat(viaConfig.jump().jump().describe()).isEqualTo("ops@bastion:2222");
        assertThat(viaConfig.describe()).isEqualTo(OPTIONS.localUser() + "@10.0.1.21 via hop@192.168.0.2 via ops@bastion:2222");

        SshEndpoint viaArgs = endpoint(config, host("cmp01", Map.of("ansible_host", "10.0.1.21",
                "ansible_ssh_common_args", "-o StrictHostKeyChecking=no -J root@[2001:db8::1]:22")), OPTIONS);
        assertThat(viaArgs.jump().address()).isEqualTo("2001:db8::1");
        assertThat(viaArgs.jump().jump()).isNull();
        assertThat(SshTargets.jumpFromArgs("-o ProxyJump=ops@b")).isEqualTo("ops@b");
        assertThat(SshTargets.jumpFromArgs("-o 'ProxyJump ops@b'")).isEqualTo("ops@b");
        assertThat(SshTargets.jumpFromArgs("-o ControlMaster=auto")).isNull();
    }

    @Test
    void aProxyCommandIsRefusedClearly() {
        assertThatThrownBy(() -> endpoint("Host *\n ProxyCommand nc -X 5 -x proxy:1080 %h %p\n",
                host("cmp01", Map.of()), OPTIONS))
                .isInstanceOf(HostException.class).hasMessageContaining("ProxyCommand `nc -X 5 -x proxy:1080 %h %p`")
                .hasMessageContaining("use ProxyJump");
    }

    @Test
    void hostKeyPolicyFollowsTheConfigUnlessTheOperatorSaysOtherwise() throws Exception {
        String acceptNew = "Host *\n StrictHostKeyChecking accept-new\n";
        assertThat(endpoint(acceptNew, host("a", Map.of()), OPTIONS).policy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        assertThat(endpoint("Host *\n StrictHostKeyChecking no\n", host("a", Map.of()), OPTIONS).policy())
                .isEqualTo(HostKeyPolicy.ACCEPT_NEW); // never ACCEPT_ANY from a config file
        assertThat(endpoint(acceptNew, host("a", Map.of()), OPTIONS.withHostKeyPolicy(HostKeyPolicy.STRICT)).policy())
                .isEqualTo(HostKeyPolicy.STRICT);
    }

    @Test
    void aBadPortIsRefused() {
        assertThatThrownBy(() -> endpoint("", host("a", Map.of("ansible_port", "99999")), OPTIONS))
                .isInstanceOf(HostException.class).hasMessageContaining("not a valid SSH port: '99999'");
    }

    @Test
    void theLocalHostIsRecognised() {
        assertThat(SshTargets.isLocal(host("localhost", Map.of("ansible_connection", "local")), OPTIONS)).isTrue();
        assertThat(SshTargets.isLocal(host("deploy", Map.of("ansible_host", "127.0.0.1")), OPTIONS)).isTrue();
        assertThat(SshTargets.isLocal(host("deploy", Map.of("ansible_host", "localhost")), OPTIONS)).isTrue();
        assertThat(SshTargets.isLocal(host("ctl01", Map.of("ansible_host", "192.0.2.11")), OPTIONS)).isFalse();
        assertThat(SshTargets.isLocal(host("ctl01", Map.of("ansible_host", "ctl01.example.org")), OPTIONS)).isFalse();
        assertThat(SshTargets.isLocal(host("ctl01", Map.of("ansible_host", "192.0.2.11")),
                OPTIONS.withLocalHosts(Set.of("ctl01")))).isTrue();
        // a forwarded port or an explicit ssh connection to a local address is another machine
        assertThat(SshTargets.isLocal(host("vm", Map.of("ansible_host", "127.0.0.1", "ansible_port", "2222")), OPTIONS)).isFalse();
        assertThat(SshTargets.isLocal(host("vm", Map.of("ansible_host", "127.0.0.1", "ansible_connection", "ssh")), OPTIONS)).isFalse();
        assertThat(SshTargets.isLocal(host("vm", Map.of("ansible_host", "127.0.0.1", "ansible_port", "22")), OPTIONS)).isTrue();
    }
}
