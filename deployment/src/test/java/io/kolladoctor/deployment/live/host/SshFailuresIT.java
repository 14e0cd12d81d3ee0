package io.kolladoctor.deployment.live.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.FactUnavailableException.Kind;
import io.kolladoctor.deployment.model.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts that fail: sshd stopped, sshd paused before and after the connection, a command that never ends, and a host
 * reached through a jump host. The sshd here is this test's own (on 127.0.0.9, see {@link TestSshd}); the commands
 * that must be killed and the jump target are the lab's real hosts.
 */
class SshFailuresIT {

    private static final String ADDRESS = "127.0.0.9";
    private static final FactRequest HOSTNAME = FactRequest.host("t", "commands/hostname.txt");

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private TestSshd sshd(Path... extraKeys) throws Exception {
        Path sshdDir = Files.createDirectories(dir.resolve("sshd-" + cleanup.size()));
        TestSshd sshd = TestSshd.start(sshdDir, ADDRESS, extraKeys);
        cleanup.add(sshd);
        return sshd;
    }

    private HostFetcher fetcher(TestSshd sshd, Duration connect, Duration command) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-" + cleanup.size()));
        Path knownHosts = Files.writeString(home.resolve("known_hosts"), sshd.knownHostsLine());
        HostAccessOptions options = HostAccessOptions.defaults().withHome(home).withSshConfigFiles(List.of())
                .withKnownHostsFiles(List.of(knownHosts)).withTimeouts(connect, command);
        HostFetcher fetcher = HostFetcher.of(List.of(sshd.host("t")), options);
        cleanup.add(fetcher);
        return fetcher;
    }

    private static long millisOf(ThrowingRunnable r) throws Exception {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void failsWith(HostFetcher fetcher, FactRequest request, String... parts) {
        assertThatThrownBy(() -> fetcher.fetch(request)).isInstanceOfSatisfying(FactUnavailableException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.FAILED);
            assertThat(e.getMessage()).contains(parts);
        });
    }

    @Test
    void aStoppedSshdFailsAtOnce() throws Exception {
        TestSshd sshd = sshd();
        HostFetcher fetcher = fetcher(sshd, Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(fetcher.fetch(HOSTNAME).text()).isNotBlank(); // connected, pooled
        sshd.stop();
        // the pooled connection is gone: the request reconnects, is refused, and says so
        assertThat(millisOf(() -> failsWith(fetcher, HOSTNAME, "connection refused", "127.0.0.9:" + sshd.port)))
                .isLessThan(2000);
        // a fresh sweep of the same host
        HostFetcher fresh = fetcher(sshd, Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(millisOf(() -> failsWith(fresh, HOSTNAME, "connection refused (is sshd running on port " + sshd.port)))
                .isLessThan(2000);
        // the failure is remembered: another request of the sweep does not try again
        assertThat(millisOf(() -> failsWith(fresh, FactRequest.host("t", "commands/ip-addr.json"), "connection refused")))
                .isLessThan(100);
        assertThat(fresh.stats().sshConnectionsOpened()).isZero();
    }

    @Test
    void aPausedSshdFailsWithinTheConnectDeadline() throws Exception {
        TestSshd sshd = sshd();
        sshd.pause(); // the kernel still accepts the TCP connection; no SSH banner ever comes
        HostFetcher fetcher = fetcher(sshd, Duration.ofSeconds(3), Duration.ofSeconds(10));
        long millis = millisOf(() -> failsWith(fetcher, HOSTNAME, "no answer within 3 s",
                "TCP connected but the SSH handshake never completed"));
        assertThat(millis).isBetween(2500L, 4000L);
    }

    @Test
    void aHostThatHangsAfterConnectingFailsWithinTheRequestDeadline() throws Exception {
        TestSshd sshd = sshd();
        HostFetcher fetcher = fetcher(sshd, Duration.ofSeconds(10), Duration.ofSeconds(4));
        assertThat(fetcher.fetch(HOSTNAME).text()).isNotBlank();
        sshd.pause(); // the session's sshd processes too: the connection stays open but nothing answers
        long millis = millisOf(() -> failsWith(fetcher, FactRequest.host("t", "commands/ip-addr.json"),
                "`ip -j addr` did not answer within 4 s"));
        assertThat(millis).isBetween(3500L, 5000L);
        // the keepalive probe that follows finds the host hung: the rest of the sweep fails at once
        Thread.sleep(2500);
        assertThat(millisOf(() -> failsWith(fetcher, FactRequest.host("t", "commands/lsblk.json"),
                "the host stopped answering over SSH"))).isLessThan(200);
        assertThat(fetcher.stats().sshConnectionsOpened()).isEqualTo(1);
    }

    @Test
    void aCommandThatNeverEndsIsKilledOnTheLabHostAtItsDeadline() throws Exception {
        Lab lab = Lab.require();
        Path fifo = dir.resolve("kd-h9-never-written.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
        HostAccessOptions options = lab.options(Files.createDirectories(dir.resolve("home")))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(4));
        try (HostFetcher fetcher = HostFetcher.of(lab.inventory.hosts(), options)) {
            fetcher.fetch(FactRequest.host("cmp02", "commands/hostname.txt")); // connect first
            // cat blocks opening a FIFO nobody writes: only the deadline ends it. Its `timeout -s KILL 3` kills it on
            // the host; the request reports that ("did not finish … killed") or, if the exit status is late on a busy
            // machine, that it gave up at its deadline ("did not answer")
            long millis = millisOf(() -> failsWith(fetcher, FactRequest.hostFile("cmp02", fifo.toString()),
                    "`cat -- " + fifo + "` did not "));
            assertThat(millis).isBetween(1500L, 4500L);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (!processesNaming(fifo.toString()).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(processesNaming(fifo.toString())).as("cat killed on cmp02").isEmpty();
            // and the host's connection is still good for the rest of the sweep
            assertThat(fetcher.fetch(FactRequest.host("cmp02", "commands/hostname.txt")).text()).isEqualTo("cmp02\n");
            assertThat(fetcher.stats().sshConnectionsOpened()).isEqualTo(1);
        }
    }

    /** PIDs whose command line names {@code text} (the lab's hosts share this machine's PID namespace). */
    private static List<Long> processesNaming(String text) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(text)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    @Test
    void aLabHostThroughAJumpHostFromTheSshConfig() throws Exception {
        Lab lab = Lab.require();
        TestSshd bastion = sshd(); // the jump host: this test's sshd, forwarding to the lab's network
        Path home = Files.createDirectories(dir.resolve("home"));
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("config"), String.join("\n",
                "Host lab-cmp02",
                "    HostName 172.29.0.22",
                "    User root",
                "    IdentityFile " + lab.key(),
                "    ProxyJump bastion",
                "Host bastion",
                "    HostName " + ADDRESS,
                "    Port " + bastion.port,
                "    User root",
                "    IdentityFile " + bastion.clientKey,
                ""));
        Path knownHosts = Files.writeString(home.resolve("known_hosts"),
                Files.readString(lab.knownHosts()) + bastion.knownHostsLine());
        HostAccessOptions options = HostAccessOptions.defaults().withHome(home)
                .withKnownHostsFiles(List.of(knownHosts)).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
        Host cmp02 = new Host("cmp02", "lab-cmp02", "root", Set.of("compute"), Map.of("ansible_host", "lab-cmp02"));
        try (HostFetcher fetcher = HostFetcher.of(List.of(cmp02), options)) {
            assertThat(fetcher.describeAccess("cmp02"))
                    .isEqualTo("ssh root@172.29.0.22 via root@127.0.0.9:" + bastion.port);
            assertThat(fetcher.fetch(FactRequest.host("cmp02", "commands/hostname.txt")).text()).isEqualTo("cmp02\n");
            assertThat(fetcher.fetch(FactRequest.host("cmp02", "docker/containers.json")).text()).contains("\"/nova_compute\"");
            assertThat(fetcher.stats().sshConnectionsOpened()).isEqualTo(2);
        }
    }
}
