package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kolla-doctor evacuate} end to end on the lab (issue 7): real Nova with two fake-driver computes, real BMCs
 * (ipmi_sim) whose power off kills every process of the host, UMHA's own files (lab/out/umha). In order: refused while
 * the host is alive; with cmp01 powered off the plan reports the anti-affinity member not movable to cmp02; with the
 * BMC unreachable it stops at the fence, unless the operator attests the host is off (then the cleanup brings it
 * back); with both computes down the valve refuses; with cmp01's network cut (powered
 * on, unreachable) the armed run powers it off through the BMC, forces it down and brings every instance ACTIVE on
 * cmp02, recorded in the history; the cleanup powers it on and re-enables it. Afterwards the lab is as before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabEvacuateIT {

    static LabLive lab;
    @TempDir
    static Path tmp;
    static Path audit;
    static Path history;

    @BeforeAll
    static void setUp() throws Exception {
        lab = LabLive.require();
        audit = tmp.resolve("audit.jsonl");
        history = tmp.resolve("evacuate_history.jsonl");
        restore();
        openstack("server", "group", "create", "--policy", "anti-affinity", "kd-it-aa");
        boot("kd-it-aa-peer", "cmp02", "kd-it-aa");
        boot("kd-it-aa-member", "cmp01", "kd-it-aa");
        boot("kd-it-evac-1", "cmp01", null);
        boot("kd-it-evac-2", "cmp01", null);
    }

    @AfterAll
    static void restore() throws Exception {
        for (String host : List.of("cmp01", "cmp02")) {
            ipmitool(host, "chassis", "power", "on");
        }
        shell("source lab/lib/all.sh && host_link cmp01 up");
        for (String host : List.of("cmp01", "cmp02")) {
            // a forced-down service reads "down" whatever its heartbeat: clear that first (Nova answers 400 until
            // that nova-compute has started and cleaned up after an evacuation)
            waitFor(host + " force-down cleared", Duration.ofMinutes(3), () -> openstackOk("--os-compute-api-version",
                    "2.11", "compute", "service", "set", "--up", host, "nova-compute"));
            waitFor(host + " nova-compute up", Duration.ofMinutes(3), () -> computeService(host).contains(" up"));
            openstack("compute", "service", "set", "--enable", host, "nova-compute");
        }
        for (String name : List.of("kd-it-aa-peer", "kd-it-aa-member", "kd-it-evac-1", "kd-it-evac-2", "kd-it-evac-3",
                "kd-it-evac-4")) {
            openstackOk("server", "delete", "--wait", name);
        }
        openstackOk("server", "group", "delete", "kd-it-aa");
    }

    @Test
    @Order(1)
    void refusedWhileTheHostIsAlive() throws Exception {
        Cli run = evacuate("--arm", "--yes", "--confirm", "cmp01");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(4);
        assertThat(run.out()).contains("nova-compute on cmp01 is up: the host is alive").contains("Nothing was changed");
        assertThat(computeService("cmp01")).contains("enabled").contains(" up").contains("forced=false");
        assertThat(mutations()).isEmpty();
    }

    @Test
    @Order(2)
    void planShowsTheAntiAffinityMemberNotMovableToItsPeersHost() throws Exception {
        powerOff("cmp01");
        Cli plan = evacuate("--plan");
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out())
                .contains("probe round 2/2: cmp01 silent on 172.29.0.21")
                .contains("BMC of cmp01: power off")
                .containsPattern("kd-it-aa-member \\([0-9a-f]{8}\\) \\[ACTIVE\\]: STAYS")
                .contains("cmp02: anti-affinity group kd-it-aa: its peer kd-it-aa-peer")
                .containsPattern("kd-it-evac-1 \\([0-9a-f]{8}\\) \\[ACTIVE\\]: REBUILD → cmp02")
                .contains("PLAN: plan only: nothing was changed");
        assertThat(computeService("cmp01")).contains("enabled").contains("forced=false");
        assertThat(mutations()).isEmpty();
    }

    @Test
    @Order(3)
    void anUnreachableBmcStopsAtTheFence() throws Exception {
        Path conf = umhaCopy("127.0.1.250"); // no BMC answers there
        Cli run = evacuate("--arm", "--yes", "--confirm", "cmp01", "--umha-conf", conf.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("STOPPED at the fence").contains("cannot prove cmp01 is off")
                .contains("--host-is-off cmp01");
        assertThat(computeService("cmp01")).as("not forced down, still enabled").contains("enabled").contains("forced=false");
        assertThat(mutations()).isEmpty();
    }

    @Test
    @Order(4)
    void theOperatorsWordThatTheHostIsOffLetsItGoOnAndTheCleanupBringsItBack() throws Exception {
        Path conf = umhaCopy("127.0.1.250");
        Cli run = evacuate("--arm", "--yes", "--confirm", "cmp01", "--umha-conf", conf.toString(), "--host-is-off", "cmp01");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("the operator attested that cmp01 is off")
                .containsPattern("DONE: (\\d+) of \\1 instance\\(s\\) evacuated from cmp01; 1 could not move");
        for (String name : List.of("kd-it-evac-1", "kd-it-evac-2")) {
            assertThat(openstack("server", "show", name, "-f", "value", "-c", "OS-EXT-SRV-ATTR:host")).contains("cmp02");
        }
        assertThat(Json.parse(Files.readAllLines(history).getLast()).path("trail").toString())
                .contains("the operator attested that cmp01 is off");
        Cli back = Cli.run(lab.args("evacuate", "cmp01", "--cleanup", "--arm", "--yes",
                "--umha-conf", lab.out.resolve("umha/umha.conf").toString(),
                "--audit-log", audit.toString(), "--history", history.toString()));
        assertThat(back.exit()).as(back.out() + back.err()).isZero();
        assertThat(computeService("cmp01")).contains("enabled").contains(" up").contains("forced=false");
        Files.delete(audit); // the tests after this one start from a clean audit log
    }

    @Test
    @Order(5)
    void bothComputesDownIsAnOutageTheValveRefuses() throws Exception {
        powerOff("cmp01");
        powerOff("cmp02");
        Cli run = evacuate("--arm", "--yes", "--confirm", "cmp01");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(4);
        assertThat(run.out()).contains("the valve is closed").contains("nova-compute down: 2 of 2 compute hosts (1.00)")
                .contains("REACHED").contains("an outage");
        assertThat(mutations()).isEmpty();
        for (String host : List.of("cmp01", "cmp02")) {
            ipmitool(host, "chassis", "power", "on");
        }
        for (String host : List.of("cmp01", "cmp02")) {
            waitFor(host + " nova-compute up", Duration.ofMinutes(3), () -> computeService(host).contains(" up"));
        }
    }

    @Test
    @Order(6)
    void aHostCutOffTheNetworkIsFencedForcedDownAndEvacuated() throws Exception {
        openstack("server", "delete", "--wait", "kd-it-aa-member"); // every instance left can move
        boot("kd-it-evac-4", "cmp01", null);
        shell("source lab/lib/all.sh && host_link cmp01 down"); // powered on, unreachable, nova-compute cut off
        waitFor("cmp01 nova-compute down", Duration.ofMinutes(2), () -> computeService("cmp01").contains(" down"));
        assertThat(ipmitool("cmp01", "chassis", "power", "status")).contains("is on");

        Cli run = evacuate("--arm", "--yes", "--confirm", "cmp01");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("the BMC reports cmp01 powered ON")
                .containsPattern("powered off through BMC 127\\.0\\.1\\.21, confirmed off at look \\d")
                .containsPattern("DONE: (\\d+) of \\1 instance\\(s\\) evacuated from cmp01");
        assertThat(ipmitool("cmp01", "chassis", "power", "status")).contains("is off");
        assertThat(computeService("cmp01")).contains("disabled").contains(" down").contains("forced=true");
        assertThat(openstack("server", "show", "kd-it-evac-4", "-f", "value", "-c", "status", "-c", "OS-EXT-SRV-ATTR:host"))
                .contains("ACTIVE").contains("cmp02");
        JsonNode entry = Json.parse(Files.readAllLines(history).getLast());
        assertThat(entry.path("host").asText()).isEqualTo("cmp01");
        assertThat(entry.path("result").asText()).startsWith("DONE");
        assertThat(entry.path("trail").toString()).contains("valve").contains("fence: powered off through BMC")
                .contains("force-down: forced down, disabled");
        assertThat(entry.path("instances").size()).isGreaterThanOrEqualTo(1);
        entry.path("instances").forEach(i -> assertThat(i.path("moved").asBoolean()).isTrue());
        assertThat(mutations()).anyMatch(l -> l.contains("chassis power off"))
                .anyMatch(l -> l.contains("os-services/force-down"))
                .anyMatch(l -> l.contains("\\\"evacuate\\\""));
        assertNoBmcPassword(run.out() + run.err() + Files.readString(history) + Files.readString(audit));
    }

    @Test
    @Order(7)
    void cleanupPowersTheHostOnAndEnablesItAgain() throws Exception {
        Cli run = Cli.run(lab.args("evacuate", "cmp01", "--cleanup", "--arm", "--yes",
                "--umha-conf", lab.out.resolve("umha/umha.conf").toString(),
                "--audit-log", audit.toString(), "--history", history.toString()));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("powered on through BMC").contains("force-down cleared")
                .contains("nova-compute on cmp01: up, enabled");
        assertThat(computeService("cmp01")).contains("enabled").contains(" up").contains("forced=false");
        assertThat(Json.parse(Files.readAllLines(history).getLast()).path("kind").asText()).isEqualTo("cleanup");
    }

    @Test
    @Order(8)
    void theCompute_node_downPlaybookEvacuatesAndBringsTheHostBack() throws Exception {
        boot("kd-it-evac-3", "cmp01", null);
        Path playbook = tmp.resolve("compute-node-down.yaml");
        String bundled = Files.readString(lab.lab.getParent().resolve("playbooks/runbooks/compute-node-down.yaml"));
        // the bundled runbook reads /etc/umha/umha.conf; the lab keeps UMHA's files in lab/out/umha
        // UMHA's files with mail on, to a real SMTP server on loopback (Debian's aiosmtpd, a maildir behind it)
        Path mailbox = tmp.resolve("mailbox");
        int smtpPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            smtpPort = free.getLocalPort();
        }
        Process smtp = new ProcessBuilder("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + smtpPort,
                "-c", "aiosmtpd.handlers.Mailbox", mailbox.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("smtp.log").toFile()).start();
        try {
            Path conf = umhaCopy("127.0.1.21");
            Files.writeString(conf, "\n[email]\nenable_send_mail = true\nsend_server = 127.0.0.1\nsend_port = " + smtpPort
                    + "\nneed_auth = false\nsender_username = umha@lab.example\nreceiver_list = oncall@lab.example\n"
                    + "mail_subject = UMHA高可用告警\nsend_interval_hours = 0\n", java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(playbook, bundled.replace("    evacuate: down\n", "    evacuate: down\n    umha_conf: " + conf + "\n"));
            shell("source lab/lib/all.sh && host_link cmp01 down");
            waitFor("cmp01 nova-compute down", Duration.ofMinutes(2), () -> computeService("cmp01").contains(" down"));

            List<String> args = new ArrayList<>(List.of("playbook"));
            args.addAll(List.of(lab.args("run", playbook.toString(), "--arm", "--yes", "--confirm", "cmp01",
                    "--audit-log", audit.toString(), "--journal-dir", tmp.resolve("journal").toString())));
            Cli run = Cli.run(args.toArray(String[]::new));
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("powered off through BMC 127.0.1.21")
                    .containsPattern("(\\d+) of \\1 instance\\(s\\) evacuated from cmp01")
                    .contains("force-down cleared").contains("nova-compute on cmp01: up, enabled");
            assertThat(openstack("server", "show", "kd-it-evac-3", "-f", "value", "-c", "status", "-c", "OS-EXT-SRV-ATTR:host"))
                    .contains("ACTIVE").contains("cmp02");
            assertThat(computeService("cmp01")).contains("enabled").contains(" up").contains("forced=false");
            assertNoBmcPassword(run.out() + run.err() + Files.readString(audit));
            // the operator got the evacuation's outcome by mail (the cleanup's, too: no throttle with 0 hours)
            List<Path> mails;
            try (var files = Files.list(mailbox.resolve("new"))) {
                mails = files.sorted().toList();
            }
            assertThat(mails).as(run.out()).hasSize(2);
            String decode = "import email, sys\nfrom email.header import decode_header, make_header\n"
                    + "for f in sys.argv[1:]:\n    m = email.message_from_binary_file(open(f, 'rb'))\n"
                    + "    print(m['To'], '|', make_header(decode_header(m['Subject'])))\n";
            List<String> argv = new ArrayList<>(List.of("/usr/bin/python3", "-c", decode));
            mails.forEach(m -> argv.add(m.toString()));
            String subjects = run(new ProcessBuilder(argv).redirectErrorStream(true), "decoding the mails");
            assertThat(subjects).contains("oncall@lab.example | UMHA高可用告警: cmp01 DONE")
                    .contains("oncall@lab.example | UMHA高可用告警: cmp01 BACK");
        } finally {
            smtp.destroy();
        }
    }

    // ---- helpers ----

    private static Cli evacuate(String... more) {
        List<String> args = new ArrayList<>(List.of("cmp01", "--audit-log", audit.toString(), "--history", history.toString()));
        if (!List.of(more).contains("--umha-conf")) {
            args.addAll(List.of("--umha-conf", lab.out.resolve("umha/umha.conf").toString()));
        }
        args.addAll(List.of(more));
        return Cli.run(lab.args("evacuate", args.toArray(String[]::new)));
    }

    /** Audit lines of changes (power, Nova); empty when nothing was changed. */
    private static List<String> mutations() throws Exception {
        return Files.exists(audit) ? Files.readAllLines(audit).stream().filter(l -> l.contains("\"event\":\"step\"")
                || l.contains("chassis power off")).toList() : List.of();
    }

    private static Path umhaCopy(String bmcAddress) throws Exception {
        Path dir = tmp.resolve("umha-" + bmcAddress);
        Files.createDirectories(dir);
        Path src = lab.out.resolve("umha");
        Files.copy(src.resolve("umha.conf"), dir.resolve("umha.conf"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(src.resolve("node_storage_ip_info"), dir.resolve("node_storage_ip_info"),
                StandardCopyOption.REPLACE_EXISTING);
        List<String> ipmi = Files.readAllLines(src.resolve("ipmi_info")).stream()
                .map(l -> l.startsWith("cmp01:") ? l.replaceFirst("^cmp01:[^:]+:", "cmp01:" + bmcAddress + ":") : l).toList();
        Files.write(dir.resolve("ipmi_info"), ipmi);
        return dir.resolve("umha.conf");
    }

    private static void assertNoBmcPassword(String text) throws Exception {
        for (String line : Files.readAllLines(lab.out.resolve("umha/ipmi_info"))) {
            String password = line.split(":", 4)[3];
            assertThat(text).as("a BMC password leaked").doesNotContain(password);
        }
    }

    private static void powerOff(String host) throws Exception {
        ipmitool(host, "chassis", "power", "off");
        waitFor(host + " nova-compute down", Duration.ofMinutes(2), () -> computeService(host).contains(" down"));
    }

    /** The host's nova-compute as {@code cmp01 up enabled forced=false}. */
    private static String computeService(String host) throws Exception {
        JsonNode list = Json.parse(openstack("--os-compute-api-version", "2.11", "compute", "service", "list", "--host",
                host, "--service", "nova-compute", "--long", "-f", "json"));
        JsonNode s = list.get(0);
        return s.path("Host").asText() + " " + s.path("State").asText() + " " + s.path("Status").asText()
                + " forced=" + s.path("Forced Down").asBoolean();
    }

    private static void boot(String name, String host, String group) throws Exception {
        List<String> args = new ArrayList<>(List.of("--os-compute-api-version", "2.37", "server", "create", "--flavor",
                "m1.tiny", "--image", "cirros", "--nic", "none", "--availability-zone", "nova:" + host, "--wait"));
        if (group != null) {
            args.addAll(List.of("--hint", "group=" + groupId(group)));
        }
        args.add(name);
        openstack(args.toArray(String[]::new));
    }

    private static String groupId(String name) throws Exception {
        return openstack("server", "group", "show", name, "-f", "value", "-c", "id").strip();
    }

    private static String ipmitool(String host, String... args) throws Exception {
        String line = Files.readAllLines(lab.out.resolve("bmcs")).stream().filter(l -> l.startsWith(host + " ")).findFirst()
                .orElseThrow();
        String[] f = line.split(" ");
        List<String> argv = new ArrayList<>(List.of("ipmitool", "-I", "lanplus", "-C", "3", "-H", f[1], "-p", f[2], "-U", f[3], "-E"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("IPMI_PASSWORD", f[4]);
        return run(pb, "ipmitool " + String.join(" ", args));
    }

    private static String openstack(String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true);
        return run(pb, "openstack " + String.join(" ", args));
    }

    private static boolean openstackOk(String... args) throws Exception {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(3, TimeUnit.MINUTES) && p.exitValue() == 0;
    }

    private static List<String> command(String... args) {
        StringBuilder line = new StringBuilder(". " + lab.out.resolve("admin-openrc.sh") + " && exec openstack");
        for (String a : args) {
            line.append(" '").append(a.replace("'", "'\\''")).append("'");
        }
        return List.of("bash", "-c", line.toString());
    }

    private static void shell(String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(lab.lab.getParent().toFile())
                .redirectErrorStream(true);
        run(pb, script);
    }

    private static String run(ProcessBuilder pb, String what) throws Exception {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail(what + " failed:\n" + out);
        }
        return out;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(String what, Duration limit, Condition condition) throws Exception {
        Instant until = Instant.now().plus(limit);
        while (!condition.holds()) {
            if (Instant.now().isAfter(until)) {
                fail("waited " + limit.toSeconds() + " s for " + what);
            }
            Thread.sleep(2000);
        }
    }
}
