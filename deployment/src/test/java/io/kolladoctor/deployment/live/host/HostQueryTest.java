package io.kolladoctor.deployment.live.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.live.host.HostQuery.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostQueryTest {

    @Test
    void requestNamesMapToTheDocumentedCommands() {
        assertThat(HostQuery.parse("docker/containers.json")).isEqualTo(new HostQuery.DockerList());
        assertThat(((HostQuery.DockerList) HostQuery.parse("docker/containers.json")).apiPath())
                .isEqualTo("/containers/json?all=1");
        assertThat(((HostQuery.DockerInspect) HostQuery.parse("docker/inspect/nova_compute.json")).apiPath())
                .isEqualTo("/containers/nova_compute/json");
        assertThat(display("files/etc/kolla/heat-engine/heat.conf")).isEqualTo("cat -- /etc/kolla/heat-engine/heat.conf");
        assertThat(display("logs/var/log/kolla/nova/nova-scheduler.log"))
                .isEqualTo("tail -c 262145 -- /var/log/kolla/nova/nova-scheduler.log");
        assertThat(display("listings/etc/kolla.txt")).isEqualTo("find -H /etc/kolla -type f");
        assertThat(display("commands/lsblk.json")).isEqualTo("lsblk -J -o NAME,PATH,TYPE,SIZE,PARTLABEL,LABEL,FSTYPE,MOUNTPOINT");
        assertThat(display("commands/ip-addr.json")).isEqualTo("ip -j addr");
        assertThat(display("commands/hostname.txt")).isEqualTo("hostname");
        assertThat(display("commands/getent-ahostsv4/ctl01.example.org.txt")).isEqualTo("getent ahostsv4 ctl01.example.org");
        assertThat(display("commands/sfdisk/nvme0n1.json")).isEqualTo("sfdisk -J /dev/nvme0n1");
    }

    private static String display(String name) {
        return HostQuery.parse(name).command().display();
    }

    @Test
    void namesThatAreNotHostFactsOrNotSafeAreRefused() {
        assertThatThrownBy(() -> HostQuery.parse("commands/uptime.txt")).hasMessageContaining("not a host fact");
        assertThatThrownBy(() -> HostQuery.parse("docker/inspect/-rf.json")).hasMessageContaining("container name");
        assertThatThrownBy(() -> HostQuery.parse("docker/inspect/a b.json")).hasMessageContaining("container name");
        assertThatThrownBy(() -> HostQuery.parse("commands/getent-ahostsv4/-s.txt")).hasMessageContaining("host name");
        assertThatThrownBy(() -> HostQuery.parse("commands/sfdisk/sd$(reboot).json")).hasMessageContaining("disk name");
        assertThatThrownBy(() -> HostQuery.parse("listings/.txt")).hasMessageContaining("not a host fact");
    }

    @Test
    void theCommandLineCarriesTheDeadlineSudoAndLocale() {
        ShellCommand cat = HostQuery.parse("files/etc/kolla/it's here.conf").command();
        assertThat(cat.line(19, false)).isEqualTo("timeout -s KILL 19 env LC_ALL=C.UTF-8 cat -- '/etc/kolla/it'\\''s here.conf'");
        assertThat(cat.line(5, true)).startsWith("sudo -n timeout -s KILL 5 env LC_ALL=C.UTF-8 cat -- ");
        assertThatThrownBy(() -> cat.line(0, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHostKillsACommandBeforeTheRequestGivesUp() {
        assertThat(SshConnection.remoteSeconds(new Deadline(System.nanoTime() + 3_900_000_000L, Duration.ofSeconds(4))))
                .isEqualTo(2);
        assertThat(SshConnection.remoteSeconds(Deadline.in(Duration.ofSeconds(20)))).isIn(16, 17);
        assertThat(SshConnection.remoteSeconds(Deadline.in(Duration.ofSeconds(90)))).isIn(86, 87);
        assertThat(SshConnection.remoteSeconds(Deadline.in(Duration.ofMillis(500)))).isEqualTo(1);
    }

    @Test
    void quotedLinesSplitBackIntoTheSameWordsInAPosixShell() throws Exception {
        List<String> words = List.of("a b", "it's", "$HOME", "`id`", "新加卷", "", "-n", "x\ny", "\\", "*", "a'\"b");
        Process sh = new ProcessBuilder("/bin/sh", "-c", "printf '%s\\0' " + ShellCommand.join(words)).start();
        byte[] out = sh.getInputStream().readAllBytes();
        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(out, StandardCharsets.UTF_8).split("\0", -1)).containsExactlyElementsOf(
                java.util.stream.Stream.concat(words.stream(), java.util.stream.Stream.of("")).toList());
    }

    @Test
    void gnuMessagesAreClassified() {
        HostQuery cat = HostQuery.parse("files/etc/kolla/heat-engine/heat.conf");
        assertThat(cat.judge(0, "")).isEqualTo(Verdict.OK);
        assertThat(cat.judge(1, "cat: /etc/kolla/heat-engine/heat.conf: No such file or directory\n")).isEqualTo(Verdict.ABSENT);
        assertThat(cat.judge(1, "cat: /etc/kolla/heat-engine/heat.conf: Permission denied\n")).isEqualTo(Verdict.DENIED);
        assertThat(cat.judge(1, "cat: /etc/kolla: Is a directory\n")).isEqualTo(Verdict.FAILED);
        HostQuery find = HostQuery.parse("listings/etc/httpd/conf.d.txt");
        assertThat(find.judge(1, "find: ‘/etc/httpd/conf.d’: No such file or directory\n")).isEqualTo(Verdict.ABSENT);
        HostQuery getent = HostQuery.parse("commands/getent-ahostsv4/nowhere.txt");
        assertThat(getent.judge(2, "")).isEqualTo(Verdict.ABSENT);
        assertThat(getent.judge(1, "")).isEqualTo(Verdict.FAILED);
        HostQuery sfdisk = HostQuery.parse("commands/sfdisk/sdb.json");
        assertThat(sfdisk.judge(1, "sfdisk: /dev/sdb: does not contain a recognized partition table\n")).isEqualTo(Verdict.ABSENT);
        assertThat(sfdisk.judge(1, "sfdisk: cannot open /dev/sdb: Permission denied\n")).isEqualTo(Verdict.DENIED);
        assertThat(HostQuery.parse("commands/lsblk.json").judge(1, "lsblk: No such file or directory")).isEqualTo(Verdict.FAILED);
    }

    @Test
    void listingsAreSortedByteWiseWithNonUtf8NamesKept() {
        byte[] raw = "/etc/kolla/b.conf\n/etc/kolla/a.conf\n\n/etc/kolla/\u00e9.conf\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] sorted = HostQuery.parse("listings/etc/kolla.txt").finish(raw);
        assertThat(new String(sorted, StandardCharsets.ISO_8859_1))
                .isEqualTo("/etc/kolla/a.conf\n/etc/kolla/b.conf\n/etc/kolla/\u00e9.conf\n");
    }
}
