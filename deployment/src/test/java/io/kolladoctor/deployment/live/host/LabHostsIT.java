package io.kolladoctor.deployment.live.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.FactUnavailableException.Kind;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.facts.host.BlockDevice;
import io.kolladoctor.deployment.facts.host.DockerContainer;
import io.kolladoctor.deployment.facts.host.DockerContainers;
import io.kolladoctor.deployment.facts.host.HostCommands;
import io.kolladoctor.deployment.facts.host.HostFiles;
import io.kolladoctor.deployment.facts.host.InterfaceAddress;
import io.kolladoctor.deployment.facts.host.PartitionTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HostFetcher} against the real lab: its hosts over SSH (network namespaces), their Docker engines, the local host. */
class LabHostsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Lab lab;

    @TempDir
    Path home;

    @BeforeAll
    static void lab() throws Exception {
        lab = Lab.require();
    }

    private HostFetcher fetcher() {
        return HostFetcher.of(lab.inventory.hosts(), lab.options(home));
    }

    @Test
    void containersOfAHostAreTheEnginesWithTheirInspectBodies() throws Exception {
        try (HostFetcher fetcher = fetcher()) {
            Facts facts = new Facts(new FetcherSource(fetcher));
            List<DockerContainer> containers = DockerContainers.of(facts, "ctl01");

            Set<String> expected = new TreeSet<>(lab.docker("ctl01", "ps", "-a", "--format", "{{.Names}}").lines().toList());
            assertThat(containers).extracting(DockerContainer::name).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(expected).contains("keystone", "nova_scheduler", "heat_engine");
            DockerContainer keystone = containers.stream().filter(c -> c.name().equals("keystone")).findFirst().orElseThrow();
            // fields only the inspect body has: the inspect requests were answered too
            assertThat(keystone.restartPolicy()).isEqualTo("unless-stopped");
            assertThat(keystone.labels()).containsEntry("kolla_version", "15.2.0");
            assertThat(keystone.image()).isEqualTo("kolla/keystone:zed-debian-bullseye");
            assertThat(keystone.evidenceSource()).isEqualTo("ctl01: docker inspect keystone");
            assertThat(fetcher.stats().sshConnectionsOpened()).isEqualTo(1);

            Material list = facts.material(DockerContainers.listRequest("ctl01"));
            assertThat(list.origin()).isEqualTo("docker on ctl01 via ssh root@172.29.0.11 (docker system dial-stdio):"
                    + " GET /v1.41/containers/json?all=1");
            // the Engine API body itself: a JSON array ending in a newline, as the engine writes it
            assertThat(list.text()).startsWith("[{").endsWith("]\n");
        }
    }

    @Test
    void theRemoteRouteGivesTheBodiesTheLocalDockerJavaRouteGives() throws Exception {
        Path socket = lab.out.resolve("state/hosts/cmp01/docker.sock");
        try (HostFetcher fetcher = fetcher();
             DockerEngine local = new DockerEngine("cmp01", new DockerEngine.LocalSocket(socket, Duration.ofSeconds(10)), null)) {
            Material remote = fetcher.fetch(DockerContainers.inspectRequest("cmp01", "nova_compute"));
            DockerEngine.Reply direct = local.get("/containers/nova_compute/json", Deadline.in(Duration.ofSeconds(10)));
            assertThat(direct.origin()).isEqualTo("docker on cmp01 via unix://" + socket + ": GET /v1.41/containers/nova_compute/json");
            // identical but for the health probe log, which the engine appends to every 30 s
            assertThat(withoutHealth(remote.bytes())).isEqualTo(withoutHealth(direct.body()));

            Material remoteList = fetcher.fetch(DockerContainers.listRequest("cmp01"));
            DockerEngine.Reply directList = local.get("/containers/json?all=1", Deadline.in(Duration.ofSeconds(10)));
            assertThat(ids(remoteList.bytes())).isEqualTo(ids(directList.body())).hasSize(4);
        }
    }

    @Test
    void aContainerTheEngineDoesNotHaveIsAbsent() throws Exception {
        try (HostFetcher fetcher = fetcher()) {
            assertThatThrownBy(() -> fetcher.fetch(DockerContainers.inspectRequest("cmp02", "no_such_container")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.ABSENT);
                        assertThat(e.getMessage()).contains("No such container: no_such_container");
                    });
        }
    }

    @Test
    void commandsOfTheStorageHostParseWithTheTypedFacts() throws Exception {
        try (HostFetcher fetcher = fetcher()) {
            Facts facts = new Facts(new FetcherSource(fetcher));
            assertThat(facts.get(HostCommands.hostname("stor01"))).isEqualTo("stor01");

            List<InterfaceAddress> addresses = facts.get(HostCommands.addresses("stor01"));
            assertThat(addresses).extracting(InterfaceAddress::address).contains("172.29.0.31", "127.0.0.1")
                    .doesNotContain("172.29.0.1"); // the machine's own end of the lab bridge is not on stor01
            assertThat(addresses).filteredOn(a -> a.address().equals("172.29.0.31"))
                    .singleElement().satisfies(a -> {
                        assertThat(a.ifname()).isEqualTo("eth0");
                        assertThat(a.prefixLength()).isEqualTo(24);
                    });

            String sdb = Files.readString(lab.out.resolve("state/disks/stor01-sdb.loop")).strip().substring("/dev/".length());
            List<BlockDevice> devices = facts.get(HostCommands.blockDevices("stor01"));
            BlockDevice disk = devices.stream().filter(d -> d.name().equals(sdb)).findFirst().orElseThrow();
            PartitionTable table = facts.get(PartitionTable.of("stor01", sdb));
            assertThat(table.label()).isEqualTo("gpt");
            if (!Files.exists(lab.out.resolve("state/breaks/A4"))) {
                assertThat(disk.children()).extracting(BlockDevice::partLabel).containsExactly("KOLLA_CEPH_OSD_BOOTSTRAP_BS");
                assertThat(table.differencesFrom(disk)).isEmpty();
            } else { // lab/break A4 relabels the disks, one of them in Chinese: it comes through as UTF-8
                Set<String> labels = Set.of("KOLLA_CEPH_OSD_BOOTSTRAP_BS", "KOLLA_CEPH_OSD_BOOTSTRAP", "新加卷");
                assertThat(disk.children()).extracting(BlockDevice::partLabel).isSubsetOf(labels).isNotEmpty();
                assertThat(table.partitions()).extracting(PartitionTable.Entry::name).isSubsetOf(labels).isNotEmpty();
            }

            assertThat(facts.get(HostCommands.resolve("stor01", "ctl01"))).containsExactly("172.29.0.11");
            assertThat(facts.find(HostCommands.resolve("stor01", "no-such-host.invalid"))).isEmpty();
            assertThat(facts.find(PartitionTable.of("stor01", "nosuchdisk0"))).isEmpty();
            assertThat(fetcher.stats().sshConnectionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void filesAreVerbatimAndMissingOnesAbsent() throws Exception {
        try (HostFetcher fetcher = fetcher()) {
            Material hosts = fetcher.fetch(FactRequest.hostFile("cmp01", "/etc/hosts"));
            assertThat(hosts.bytes()).isEqualTo(Files.readAllBytes(lab.onHost("cmp01", "/etc/hosts")));
            assertThat(hosts.origin()).isEqualTo("ssh root@172.29.0.21: cat -- /etc/hosts");
            Material conf = fetcher.fetch(FactRequest.hostFile("cmp01", "/etc/kolla/nova-compute/nova.conf"));
            assertThat(conf.bytes()).isEqualTo(Files.readAllBytes(lab.onHost("cmp01", "/etc/kolla/nova-compute/nova.conf")));

            assertThatThrownBy(() -> fetcher.fetch(FactRequest.hostFile("cmp01", "/etc/kolla/heat-engine/heat.conf")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.ABSENT);
                        assertThat(e.getMessage()).contains("no file /etc/kolla/heat-engine/heat.conf");
                    });
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.hostFile("cmp01", "/etc/kolla")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.FAILED);
                        assertThat(e.getMessage()).contains("Is a directory");
                    });
        }
    }

    @Test
    void listingsAreTheFilesBelowADirectory() throws Exception {
        try (HostFetcher fetcher = fetcher()) {
            Facts facts = new Facts(new FetcherSource(fetcher));
            List<String> listed = facts.get(HostFiles.listing("ctl01", "/etc/kolla"));
            Path root = lab.onHost("ctl01", "/etc/kolla");
            List<String> expected;
            try (Stream<Path> walk = Files.walk(root)) {
                expected = walk.filter(Files::isRegularFile).map(p -> "/etc/kolla/" + root.relativize(p)).sorted().toList();
            }
            assertThat(listed).isEqualTo(expected).contains("/etc/kolla/keystone/keystone.conf");
            assertThat(facts.find(HostFiles.listing("ctl01", "/etc/httpd/conf.d"))).isEmpty();
        }
    }

    @Test
    void aLogTailIsTheLastWholeLinesOfTheLog() throws Exception {
        String path = "/var/log/kolla/keystone/keystone.log";
        try (HostFetcher fetcher = fetcher()) {
            Material tail = fetcher.fetch(FactRequest.host("ctl01", "logs" + path));
            byte[] file = Files.readAllBytes(lab.onHost("ctl01", path)); // read after: the log only grows
            String text = tail.text();
            assertThat(tail.origin()).isEqualTo("ssh root@172.29.0.11: tail -c 262145 -- " + path);
            assertThat(text).endsWith("\n");
            int at = indexOf(file, tail.bytes());
            assertThat(at).as("the tail is a part of the log").isGreaterThanOrEqualTo(0);
            assertThat(at == 0 || file[at - 1] == '\n').as("it starts on a line").isTrue();
            long lines = text.chars().filter(c -> c == '\n').count();
            assertThat(lines).isLessThanOrEqualTo(LogTail.LINES);
            assertThat(tail.bytes().length).isLessThanOrEqualTo(LogTail.WINDOW);
            if (at > 0) { // the log is longer than its tail: 200 lines, unless they do not fit the window
                assertThat(lines == LogTail.LINES || tail.bytes().length > LogTail.WINDOW / 2).isTrue();
            }
        }
    }

    @Test
    void theLocalHostIsReadWithoutSsh() throws Exception {
        try (HostFetcher fetcher = fetcher()) {
            assertThat(fetcher.describeAccess("localhost")).isEqualTo("local");
            Material hostname = fetcher.fetch(FactRequest.host("localhost", "commands/hostname.txt"));
            assertThat(hostname.text()).isEqualTo(Lab.run(List.of("hostname")));
            Material file = fetcher.fetch(FactRequest.hostFile("localhost", "/etc/hostname"));
            assertThat(file.bytes()).isEqualTo(Files.readAllBytes(Path.of("/etc/hostname")));
            assertThat(file.origin()).isEqualTo("local: /etc/hostname");
            Facts facts = new Facts(new FetcherSource(fetcher));
            assertThat(facts.get(HostCommands.addresses("localhost"))).extracting(InterfaceAddress::address)
                    .contains("172.29.0.1"); // the machine's own end of the lab bridge
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.host("localhost", "logs/var/log/kd-h9-no-such.log")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ABSENT));
            assertThat(fetcher.stats().sshConnectionsOpened()).isZero();
        }
    }

    @Test
    void anUnknownHostKeyIsRefused() throws Exception {
        Path empty = Files.createFile(home.resolve("known_hosts"));
        HostAccessOptions options = lab.options(home).withKnownHostsFiles(List.of(empty));
        try (HostFetcher fetcher = HostFetcher.of(lab.inventory.hosts(), options)) {
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.host("cmp01", "commands/hostname.txt")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.FAILED);
                        assertThat(e.getMessage()).contains("host key of cmp01", "is unknown", "ssh-ed25519 SHA256:",
                                "Refusing to connect", empty.toString());
                    });
            assertThat(fetcher.stats().sshConnectionsOpened()).isZero();
        }
        // the operator's explicit choice lets it through
        try (HostFetcher fetcher = HostFetcher.of(lab.inventory.hosts(), options.withHostKeyPolicy(HostKeyPolicy.ACCEPT_NEW))) {
            assertThat(fetcher.fetch(FactRequest.host("cmp01", "commands/hostname.txt")).text()).isEqualTo("cmp01\n");
        }
    }

    @Test
    void aChangedHostKeyIsRefusedEvenWhenUnknownKeysAreAccepted() throws Exception {
        // cmp02's key recorded for cmp01's address: what a reinstalled host (or an impostor) looks like
        String cmp02Key = Files.readAllLines(lab.knownHosts()).stream().filter(l -> l.startsWith("172.29.0.22 "))
                .findFirst().orElseThrow().substring("172.29.0.22 ".length());
        Path forged = Files.writeString(home.resolve("known_hosts"), "172.29.0.21 " + cmp02Key + "\n");
        HostAccessOptions options = lab.options(home).withKnownHostsFiles(List.of(forged))
                .withHostKeyPolicy(HostKeyPolicy.ACCEPT_NEW);
        try (HostFetcher fetcher = HostFetcher.of(lab.inventory.hosts(), options)) {
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.host("cmp01", "commands/hostname.txt")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.FAILED);
                        assertThat(e.getMessage()).contains("host key of cmp01", "has CHANGED", "ssh-keygen -R 172.29.0.21");
                    });
        }
    }

    @Test
    void allHostFactsOfTheLabOverOneConnectionPerHost() throws Exception {
        List<String> hosts = List.of("ctl01", "cmp01", "cmp02", "stor01");
        try (HostFetcher fetcher = fetcher()) {
            long t0 = System.nanoTime();
            Map<FactRequest, HostFetcher.Outcome> first = fetcher.fetchAll(hosts.stream()
                    .map(DockerContainers::listRequest).toList());
            List<FactRequest> requests = new ArrayList<>();
            for (String host : hosts) {
                requests.addAll(allFactsOf(host, first.get(DockerContainers.listRequest(host)).material()));
            }
            Map<FactRequest, HostFetcher.Outcome> rest = fetcher.fetchAll(requests);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            List<String> failures = rest.entrySet().stream().filter(e -> !e.getValue().ok()
                            && e.getValue().failure().kind() != Kind.ABSENT)
                    .map(e -> e.getKey() + ": " + e.getValue().failure().getMessage()).toList();
            assertThat(failures).isEmpty();
            assertThat(fetcher.stats().sshConnectionsOpened()).isEqualTo(hosts.size());
            System.out.printf("[figures] all host facts of the lab's %d hosts: %d requests in %d ms (%s)%n",
                    hosts.size(), first.size() + rest.size(), millis, fetcher.stats());
        }
        // one host from a cold start (connect included), the figure for the report
        try (HostFetcher fetcher = fetcher()) {
            long t0 = System.nanoTime();
            Material list = fetcher.fetch(DockerContainers.listRequest("ctl01"));
            Map<FactRequest, HostFetcher.Outcome> rest = fetcher.fetchAll(allFactsOf("ctl01", list));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(rest.values()).allSatisfy(o -> assertThat(o.ok() || o.failure().isAbsent()).isTrue());
            System.out.printf("[figures] all host facts of ctl01 (cold, connect included): %d requests in %d ms (%s)%n",
                    rest.size() + 1, millis, fetcher.stats());
            long t1 = System.nanoTime();
            fetcher.fetchAll(allFactsOf("ctl01", list));
            System.out.printf("[figures] the same again on the open connection: %d ms%n", (System.nanoTime() - t1) / 1_000_000);
        }
    }

    /** What the checks ask of a Kolla host: inspect bodies, commands, the Kolla listing, configs, log tails. */
    private static List<FactRequest> allFactsOf(String host, Material containerList) throws Exception {
        List<FactRequest> requests = new ArrayList<>();
        for (JsonNode c : JSON.readTree(containerList.bytes())) {
            requests.add(DockerContainers.inspectRequest(host, c.path("Names").get(0).asText().substring(1)));
        }
        for (String command : List.of("lsblk.json", "ip-addr.json", "hostname.txt", "getent-ahostsv4/ctl01.txt")) {
            requests.add(FactRequest.host(host, "commands/" + command));
        }
        requests.add(FactRequest.host(host, "listings/etc/kolla.txt"));
        requests.add(FactRequest.host(host, "listings/etc/httpd/conf.d.txt"));
        requests.add(FactRequest.hostFile(host, "/etc/kolla/heat-engine/heat.conf"));
        requests.add(FactRequest.hostFile(host, "/etc/kolla/keystone/keystone.conf"));
        requests.add(FactRequest.hostFile(host, "/etc/kolla/nova-compute/nova.conf"));
        requests.add(FactRequest.host(host, "logs/var/log/kolla/nova/nova-scheduler.log"));
        return requests;
    }

    private static Set<String> ids(byte[] list) throws Exception {
        Set<String> ids = new TreeSet<>();
        JSON.readTree(list).forEach(c -> ids.add(c.path("Id").asText()));
        return ids;
    }

    /**
     * The inspect body without what the engine changes between two reads: the health probe log (appended every 30 s)
     * and the order of Mounts (Docker builds that array from a map, so it comes in any order).
     */
    private static JsonNode withoutHealth(byte[] inspect) throws Exception {
        JsonNode node = JSON.readTree(inspect);
        ((ObjectNode) node.path("State")).remove("Health");
        if (node.path("Mounts").isArray()) {
            List<JsonNode> mounts = new ArrayList<>();
            node.path("Mounts").forEach(mounts::add);
            mounts.sort(java.util.Comparator.comparing(m -> m.path("Destination").asText()));
            ((ObjectNode) node).set("Mounts", JSON.valueToTree(mounts));
        }
        return node;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
