package io.kolladoctor.deployment.live.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.deployment.parse.FuzzInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConfigTest {

    private static final Path HOME = Path.of("/home/ops");

    /** The shape of an operator's ~/.ssh/config for a Kolla deployment behind a bastion. */
    static final String CONFIG = """
            # kolla hosts
            Host ctl0? cmp*  !cmp99
                User kolla
                IdentityFile ~/.ssh/kolla_ed25519
                ProxyJump ops@bastion.example.org:2222

            Host ctl01
                HostName 10.0.0.11
                User root

            Host cmp01
              HostName=10.0.1.21
              Port = 2201
              IdentityFile "/etc/kolla/keys/id %h"

            Host bastion.example.org
                User ops
                ProxyJump none

            Match host 10.0.9.*
                User matched

            Match exec "test -f /tmp/x" host *
                User never

            Host *
                User fallback
                IdentityFile %d/.ssh/id_%u
                UserKnownHostsFile ~/.ssh/known_hosts ~/.ssh/known_hosts.d/kolla
                StrictHostKeyChecking accept-new
                ConnectTimeout 4
            """;

    private static SshConfig.Resolved resolve(String config, String host) {
        return SshConfig.parse(config, SshConfig.Includes.NONE).resolve(host, "ops", HOME);
    }

    @Test
    void firstValueWinsAndIdentityFilesAccumulate() {
        SshConfig.Resolved ctl01 = resolve(CONFIG, "ctl01");
        assertThat(ctl01.hostName()).isEqualTo("10.0.0.11");
        assertThat(ctl01.user()).isEqualTo("kolla"); // the first block that sets User wins, as in ssh
        assertThat(ctl01.port()).isNull();
        assertThat(ctl01.identityFiles()).containsExactly("/home/ops/.ssh/kolla_ed25519", "/home/ops/.ssh/id_ops");
        assertThat(ctl01.proxyJump()).isEqualTo("ops@bastion.example.org:2222");
        assertThat(ctl01.userKnownHostsFiles()).containsExactly("/home/ops/.ssh/known_hosts",
                "/home/ops/.ssh/known_hosts.d/kolla");
        assertThat(ctl01.strictHostKeyChecking()).isEqualTo("accept-new");
        assertThat(ctl01.connectTimeoutSeconds()).isEqualTo(4);
    }

    @Test
    void equalsSignsQuotesAndTokens() {
        SshConfig.Resolved cmp01 = resolve(CONFIG, "cmp01");
        assertThat(cmp01.hostName()).isEqualTo("10.0.1.21");
        assertThat(cmp01.port()).isEqualTo(2201);
        assertThat(cmp01.identityFiles()).contains("/etc/kolla/keys/id 10.0.1.21");
    }

    @Test
    void negatedPatternsExcludeAndUnknownHostsGetTheDefaults() {
        SshConfig.Resolved cmp99 = resolve(CONFIG, "cmp99");
        assertThat(cmp99.user()).isEqualTo("fallback");
        assertThat(cmp99.proxyJump()).isNull();
        assertThat(cmp99.hostName()).isEqualTo("cmp99");
        assertThat(resolve(CONFIG, "bastion.example.org").proxyJump()).isEqualTo("none");
    }

    @Test
    void matchHostIsEvaluatedAndUnknownCriteriaNeverMatch() {
        assertThat(resolve(CONFIG, "10.0.9.5").user()).isEqualTo("matched");
        assertThat(resolve(CONFIG, "elsewhere").user()).isEqualTo("fallback"); // never "never": exec is not run
        assertThat(resolve("Match all\n User everyone\n", "x").user()).isEqualTo("everyone");
        // a comma separates patterns in Match lists, not on Host lines (OpenSSH matches "a,b" literally there)
        assertThat(resolve("Match host a,b\n User listed\n", "b").user()).isEqualTo("listed");
        assertThat(resolve("Host a,b\n User listed\n", "b").user()).isNull();
    }

    @Test
    void proxyCommandIsReportedOnlyWhenItComesFirst() {
        assertThat(resolve("Host a\n ProxyCommand ssh -W %h:%p bastion\n ProxyJump b\n", "a").proxyCommand())
                .isEqualTo("ssh -W %h:%p bastion");
        SshConfig.Resolved jumpFirst = resolve("Host a\n ProxyJump b\nHost *\n ProxyCommand nc %h %p\n", "a");
        assertThat(jumpFirst.proxyCommand()).isNull();
        assertThat(jumpFirst.proxyJump()).isEqualTo("b");
    }

    @Test
    void wordsFollowSshConfigQuoting() {
        assertThat(SshConfig.words("  IdentityFile \"/a b/c\"  # a comment")).containsExactly("IdentityFile", "/a b/c");
        assertThat(SshConfig.words("Port=22")).containsExactly("Port", "22");
        assertThat(SshConfig.words("Port = 22")).containsExactly("Port", "22");
        assertThat(SshConfig.words("Host 'it''s' x")).containsExactly("Host", "its", "x");
        assertThat(SshConfig.words("# only a comment")).isEmpty();
        assertThat(SshConfig.words("User \"a\\\"b\"")).containsExactly("User", "a\"b");
    }

    @Test
    void globMatchesLikeOpenSsh() {
        assertThat(SshConfig.glob("ctl0?", "CTL01")).isTrue();
        assertThat(SshConfig.glob("*.example.org", "a.b.example.org")).isTrue();
        assertThat(SshConfig.glob("*.example.org", "example.org")).isFalse();
        assertThat(SshConfig.glob("*", "")).isTrue();
        assertThat(SshConfig.glob("a*b*c", "axxbyyc")).isTrue();
        assertThat(SshConfig.glob("a*b*c", "axxbyy")).isFalse();
    }

    @Test
    void includesAreReadRelativeToDotSshAndOnlyInsideTheirBlock(@TempDir Path home) throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.createDirectories(ssh.resolve("config.d"));
        Files.writeString(ssh.resolve("config.d/10-kolla.conf"), "Host ctl01\n HostName 192.0.2.11\n");
        Files.writeString(ssh.resolve("config.d/20-more.conf"), "Host ctl02\n HostName 192.0.2.12\n");
        Files.writeString(ssh.resolve("only-for-cmp"), "User cmp-user\n");
        Files.writeString(ssh.resolve("config"), """
                Include config.d/*.conf
                Host cmp*
                  Include only-for-cmp
                Host *
                  User default-user
                """);
        SshConfig config = SshConfig.load(List.of(ssh.resolve("config"), home.resolve("missing")), home);
        assertThat(config.resolve("ctl01", "ops", home).hostName()).isEqualTo("192.0.2.11");
        assertThat(config.resolve("ctl02", "ops", home).hostName()).isEqualTo("192.0.2.12");
        assertThat(config.resolve("cmp1", "ops", home).user()).isEqualTo("cmp-user");
        assertThat(config.resolve("ctl01", "ops", home).user()).isEqualTo("default-user");
    }

    @Test
    void anIncludeLoopEnds(@TempDir Path home) throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("config"), "Include config\nUser looped\n");
        assertThat(SshConfig.load(List.of(ssh.resolve("config")), home).resolve("h", "ops", home).user())
                .isEqualTo("looped");
    }

    @Test
    void anyTextParsesAndResolvesWithoutThrowing() {
        List<String> samples = List.of(CONFIG, "Host a\n  Port=2\n  Match host b,!c\n  ProxyJump x,y\n");
        for (String input : FuzzInputs.around(samples, 20261122L, 4000)) {
            SshConfig config = SshConfig.parse(input, SshConfig.Includes.NONE);
            for (String host : List.of("ctl01", "cmp01", "", "新加卷", "10.0.9.5")) {
                SshConfig.Resolved r = config.resolve(host, "ops", HOME);
                assertThat(r.hostName()).isNotNull();
                if (r.port() != null) {
                    assertThat(r.port()).isBetween(1, 65535);
                }
                if (r.connectTimeoutSeconds() != null) {
                    assertThat(r.connectTimeoutSeconds()).isPositive();
                }
            }
        }
    }
}
