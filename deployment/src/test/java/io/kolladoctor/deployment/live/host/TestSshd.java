package io.kolladoctor.deployment.live.host;

import static org.assertj.core.api.Assertions.fail;

import io.kolladoctor.deployment.model.Host;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An sshd of this test's own (OpenSSH, on a 127.0.0.0/8 address, its own host key and client key), to stop and
 * pause at will without touching the lab's hosts. Stopped, paused and resumed by the PIDs this test started.
 */
final class TestSshd implements AutoCloseable {

    final String address;
    final int port;
    final Path dir;
    final Path clientKey;
    private final Process process;

    private TestSshd(String address, int port, Path dir, Path clientKey, Process process) {
        this.address = address;
        this.port = port;
        this.dir = dir;
        this.clientKey = clientKey;
        this.process = process;
    }

    /** {@code extraAuthorizedKeys}: more public keys allowed to log in (e.g. the lab's). */
    static TestSshd start(Path dir, String address, Path... extraAuthorizedKeys) throws Exception {
        Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kd-test-host", "-f", dir.resolve("host_key").toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kd-test-client", "-f", dir.resolve("client_key").toString());
        StringBuilder authorized = new StringBuilder(Files.readString(dir.resolve("client_key.pub")));
        for (Path extra : extraAuthorizedKeys) {
            authorized.append(Files.readString(extra));
        }
        Files.writeString(dir.resolve("authorized_keys"), authorized);
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address, 0));
            port = probe.getLocalPort();
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress " + address + ":" + port,
                "HostKey " + dir.resolve("host_key"),
                "PidFile none",
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "AllowTcpForwarding yes",
                "PrintMotd no",
                "UseDNS no",
                "SetEnv PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                ""));
        Process process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        TestSshd sshd = new TestSshd(address, port, dir, dir.resolve("client_key"), process);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sshd.answersBanner()) {
            if (!process.isAlive() || System.nanoTime() > until) {
                sshd.close();
                fail("test sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
            }
            Thread.sleep(50);
        }
        return sshd;
    }

    private boolean answersBanner() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            socket.setSoTimeout(500);
            InputStream in = socket.getInputStream();
            byte[] banner = new byte[4];
            return in.readNBytes(banner, 0, 4) == 4 && new String(banner, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    /** A known_hosts line for this sshd ({@code [127.0.0.9]:PORT ssh-ed25519 …}). */
    String knownHostsLine() throws IOException {
        String[] pub = Files.readString(dir.resolve("host_key.pub")).strip().split(" ");
        return "[" + address + "]:" + port + " " + pub[0] + " " + pub[1] + "\n";
    }

    /** An inventory host reached through this sshd as root with its client key. */
    Host host(String name) {
        return new Host(name, address, "root", Set.of("compute"), Map.of("ansible_host", address,
                "ansible_port", Integer.toString(port), "ansible_user", "root",
                "ansible_ssh_private_key_file", clientKey.toString()));
    }

    /** SIGSTOP to the listener and every session process: a hung host. */
    void pause() throws Exception {
        signal("-STOP");
    }

    void resume() throws Exception {
        signal("-CONT");
    }

    /** Signals this sshd and its session processes (one that ended meanwhile is no error). */
    private void signal(String signal) throws Exception {
        List<Long> pids = new ArrayList<>(List.of(process.pid()));
        process.descendants().forEach(p -> pids.add(p.pid()));
        for (long pid : pids) {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            kill.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Stops this sshd and its sessions (SIGKILL: as a crashed or stopped sshd looks from outside). */
    void stop() throws Exception {
        if (process.isAlive()) {
            resume();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("stopping the test sshd: " + e, e);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + out);
        }
    }
}
