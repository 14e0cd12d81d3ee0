package io.kolladoctor.deployment.live.host;

import static org.assertj.core.api.Assertions.fail;

import io.kolladoctor.deployment.model.Host;
import io.kolladoctor.deployment.model.Inventory;
import io.kolladoctor.deployment.model.InventoryParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The running lab (lab/up, owned by its own scripts; these tests only read it): its inventory, known_hosts and key
 * in lab/out/, each host's root directory in lab/out/state/hosts/NAME (what is bind-mounted on the host) and each
 * host's Docker engine socket, used here only as the ground truth to compare against.
 */
final class Lab {

    final Path dir;
    final Path out;
    final Inventory inventory;

    private Lab(Path dir) throws Exception {
        this.dir = dir;
        this.out = dir.resolve("out");
        this.inventory = InventoryParser.parse(Files.readString(out.resolve("inventory")));
    }

    /** The lab, or a failed test saying it is not up (these tests never start it). */
    static Lab require() throws Exception {
        Path dir = locate();
        if (dir == null || !Files.isRegularFile(dir.resolve("out/inventory"))) {
            fail("the lab is not up (no lab/out/inventory under " + dir + "): run lab/up, check lab/status");
        }
        Lab lab = new Lab(dir);
        for (Host host : lab.inventory.hosts()) {
            if (!"local".equals(host.vars().get("ansible_connection")) && !reachable(host.address(), 22)) {
                fail("the lab is not up: " + host.name() + " (" + host.address() + ":22) does not accept connections;"
                        + " check lab/status");
            }
        }
        return lab;
    }

    private static Path locate() {
        String configured = System.getProperty("kd.lab.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("lab/up"))) {
                return p.resolve("lab");
            }
        }
        return null;
    }

    static boolean reachable(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    Host host(String name) {
        return inventory.host(name).orElseThrow();
    }

    Path knownHosts() {
        return out.resolve("known_hosts");
    }

    Path key() {
        return out.resolve("id_ed25519");
    }

    /** What host NAME sees at {@code absolutePath} when that path is one the lab bind-mounts from its state. */
    Path onHost(String name, String absolutePath) {
        return out.resolve("state/hosts/" + name + absolutePath);
    }

    /** Options for the lab: no ~/.ssh of this machine, the lab's known_hosts; keys come from the inventory. */
    HostAccessOptions options(Path emptyHome) {
        return HostAccessOptions.defaults().withHome(emptyHome).withSshConfigFiles(List.of())
                .withKnownHostsFiles(List.of(knownHosts())).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    /** The lab's own view of a host's engine (the docker CLI on its socket), as ground truth. */
    String docker(String host, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "-H",
                "unix://" + out.resolve("state/hosts/" + host + "/docker.sock")));
        command.addAll(List.of(args));
        return run(command);
    }

    static String run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_API_VERSION", "1.41");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(command + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
