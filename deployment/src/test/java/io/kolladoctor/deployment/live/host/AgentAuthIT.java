package io.kolladoctor.deployment.live.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.model.Host;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent authentication end to end, without the lab: a real OpenSSH {@code ssh-agent -D -a <socket>} holding keys
 * made by ssh-keygen (ed25519, RSA, ECDSA, and one no server knows), and this test's own sshd ({@link TestSshd},
 * host key checked through a known_hosts file). The hosts name no key file and the home has no {@code ~/.ssh}: a
 * login can only come from the agent. sshd's log says which key it accepted.
 */
class AgentAuthIT {

    private static final String ADDRESS = "127.0.0.1";
    private static final FactRequest HOSTNAME = FactRequest.host("t", "commands/hostname.txt");

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private Process agent;
    private Path socket;

    @BeforeEach
    void startAgent() throws Exception {
        socket = dir.resolve("agent.sock");
        agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            if (!agent.isAlive() || System.nanoTime() > until) {
                fail("ssh-agent did not start: " + Files.readString(dir.resolve("agent.log")));
            }
            Thread.sleep(20);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
        agent.destroy();
        agent.waitFor(10, TimeUnit.SECONDS);
    }

    /** A fresh key pair in the temp dir (public key at {@code <name>.pub}). */
    private Path key(String name, String... typeArgs) throws Exception {
        Path key = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-C", "kd-" + name, "-f",
                key.toString()));
        command.addAll(List.of(typeArgs));
        run(command, Map.of());
        return key;
    }

    private void add(Path key) throws Exception {
        run(List.of("ssh-add", "-q", key.toString()), Map.of("SSH_AUTH_SOCK", socket.toString()));
    }

    /** OpenSSH's fingerprint of a key, as sshd logs it ({@code SHA256:…}). */
    private static String fingerprint(Path key) throws Exception {
        return run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub"), Map.of()).split(" ")[1];
    }

    private TestSshd sshd(Path... authorized) throws Exception {
        Path sshdDir = Files.createDirectories(dir.resolve("sshd-" + cleanup.size()));
        List<Path> pubs = new ArrayList<>();
        for (Path key : authorized) {
            pubs.add(Path.of(key + ".pub"));
        }
        TestSshd sshd = TestSshd.start(sshdDir, ADDRESS, pubs.toArray(Path[]::new));
        cleanup.add(sshd);
        return sshd;
    }

    /** A fetcher whose only credentials are the agent at {@code agentSocket} (null: none) and {@code keyFile}. */
    private HostFetcher fetcher(TestSshd sshd, Path agentSocket, Path keyFile) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-" + cleanup.size()));
        Path knownHosts = Files.writeString(home.resolve("known_hosts"), sshd.knownHostsLine());
        HostAccessOptions options = HostAccessOptions.defaults().withHome(home).withSshConfigFiles(List.of())
                .withKnownHostsFiles(List.of(knownHosts)).withHostKeyPolicy(HostKeyPolicy.STRICT)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)).withAgentSocket(agentSocket);
        Map<String, String> vars = new java.util.HashMap<>(Map.of("ansible_host", ADDRESS,
                "ansible_port", Integer.toString(sshd.port), "ansible_user", "root"));
        if (keyFile != null) {
            vars.put("ansible_ssh_private_key_file", keyFile.toString());
        }
        HostFetcher fetcher = HostFetcher.of(List.of(new Host("t", ADDRESS, "root", Set.of("compute"), vars)), options);
        cleanup.add(fetcher);
        return fetcher;
    }

    private static String sshdLog(TestSshd sshd) throws Exception {
        return Files.readString(sshd.dir.resolve("sshd.log"));
    }

    @Test
    void agentOnlyLoginWithEd25519AndRsaAndEcdsa() throws Exception {
        Path ed25519 = key("ed25519", "-t", "ed25519");
        Path rsa = key("rsa", "-t", "rsa", "-b", "3072");
        Path ecdsa = key("ecdsa", "-t", "ecdsa", "-b", "384");
        add(ed25519);
        add(rsa);
        add(ecdsa);
        for (Path key : List.of(ed25519, rsa, ecdsa)) {
            TestSshd sshd = sshd(key); // knows only this one agent key (and its own client key, not offered)
            HostFetcher fetcher = fetcher(sshd, socket, null);
            assertThat(fetcher.fetch(HOSTNAME).text()).as("login with %s", key.getFileName()).isNotBlank();
            assertThat(sshdLog(sshd)).contains("Accepted publickey for root from 127.0.0.1")
                    .contains(fingerprint(key));
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowFallsThroughToTheNext() throws Exception {
        Path stranger = key("stranger", "-t", "ed25519");
        Path strangerRsa = key("stranger-rsa", "-t", "rsa", "-b", "2048");
        Path known = key("known", "-t", "rsa", "-b", "3072");
        add(stranger);
        add(strangerRsa);
        add(known);
        List<AgentIdentity> inAgent = new SshAgent(socket, Duration.ofSeconds(5)).identities();
        assertThat(inAgent).extracting(AgentIdentity::fingerprint)
                .containsExactly(fingerprint(stranger), fingerprint(strangerRsa), fingerprint(known));
        TestSshd sshd = sshd(known);
        assertThat(fetcher(sshd, socket, null).fetch(HOSTNAME).text()).isNotBlank();
        assertThat(sshdLog(sshd)).contains("Accepted publickey for root").contains(fingerprint(known))
                .doesNotContain(fingerprint(stranger));
    }

    @Test
    void agentKeysThatAllFailFallBackToTheKeyFile() throws Exception {
        add(key("stranger", "-t", "ed25519"));
        TestSshd sshd = sshd();
        assertThat(fetcher(sshd, socket, sshd.clientKey).fetch(HOSTNAME).text()).isNotBlank();
        assertThat(sshdLog(sshd)).contains("Accepted publickey").contains(fingerprint(sshd.clientKey));
    }

    @Test
    void withoutAnAgentTheKeyFilesWorkAsBefore() throws Exception {
        TestSshd sshd = sshd();
        assertThat(fetcher(sshd, null, sshd.clientKey).fetch(HOSTNAME).text()).isNotBlank();
        // a socket that is not there (agent gone): logged, then the key file
        assertThat(fetcher(sshd, dir.resolve("no-such-agent.sock"), sshd.clientKey).fetch(HOSTNAME).text())
                .isNotBlank();
    }

    @Test
    void refusedAgentKeysAreNamedInTheError() throws Exception {
        Path stranger = key("stranger", "-t", "ed25519");
        add(stranger);
        TestSshd sshd = sshd();
        assertThatThrownBy(() -> fetcher(sshd, socket, null).fetch(HOSTNAME))
                .isInstanceOfSatisfying(FactUnavailableException.class, e -> assertThat(e.getMessage())
                        .contains("authentication refused for user 'root'")
                        .contains("agent ssh-ed25519 " + fingerprintQuietly(stranger)));
        // no agent and no key file at all
        assertThatThrownBy(() -> fetcher(sshd, null, null).fetch(HOSTNAME))
                .isInstanceOfSatisfying(FactUnavailableException.class, e -> assertThat(e.getMessage())
                        .contains("no usable private key").contains("no ssh-agent (SSH_AUTH_SOCK unset)"));
    }

    @Test
    void theHostKeyIsStillVerifiedWithAnAgent() throws Exception {
        Path ed25519 = key("ed25519", "-t", "ed25519");
        add(ed25519);
        TestSshd sshd = sshd(ed25519);
        TestSshd other = sshd(ed25519);
        // known_hosts holds the other sshd's host key for this address and port: a changed host key
        Path home = Files.createDirectories(dir.resolve("home-mismatch"));
        String wrong = other.knownHostsLine().replace(":" + other.port + "]", ":" + sshd.port + "]");
        Path knownHosts = Files.writeString(home.resolve("known_hosts"), wrong);
        HostAccessOptions options = HostAccessOptions.defaults().withHome(home).withSshConfigFiles(List.of())
                .withKnownHostsFiles(List.of(knownHosts)).withHostKeyPolicy(HostKeyPolicy.STRICT)
                .withAgentSocket(socket);
        try (HostFetcher fetcher = HostFetcher.of(List.of(new Host("t", ADDRESS, "root", Set.of("compute"),
                Map.of("ansible_host", ADDRESS, "ansible_port", Integer.toString(sshd.port), "ansible_user", "root"))),
                options)) {
            assertThatThrownBy(() -> fetcher.fetch(HOSTNAME)).isInstanceOf(FactUnavailableException.class);
        }
        assertThat(sshdLog(sshd)).doesNotContain("Accepted publickey");
    }

    private static String fingerprintQuietly(Path key) {
        try {
            return fingerprint(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
