package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a snapshot with a missing file, a truncated JSON body, a non-UTF-8 config and a CJK partition
 * label gives clear findings, never a stack trace. Made from the demo with those four defects.
 */
class BrokenSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void defectsBecomeClearFindings() throws IOException {
        Trees.copy(Path.of("src/demo"), dir);
        // a missing file: one host's container list is gone from the snapshot
        Files.delete(dir.resolve("hosts/ctl3/docker/containers.json"));
        // a truncated JSON body
        Path fips = dir.resolve("openstack/default/network/floatingips.json");
        String body = Files.readString(fips);
        Files.writeString(fips, body.substring(0, body.length() / 2));
        // a config that is not UTF-8 (GBK, as saved by an editor on a Chinese Windows desktop)
        Path heat = dir.resolve("hosts/ctl1/files/etc/kolla/heat-engine/heat.conf");
        String original = Files.readString(heat);
        Files.write(heat, ("# 区域配置\n" + original).getBytes(Charset.forName("GBK")));
        // the CJK label is in the demo's stor1 lsblk already (新加卷)

        Cli r = Cli.run("check", "--snapshot", dir.toString(), "--all");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("NullPointer");
        assertThat(r.out()).containsPattern("ERROR +containers\\.exited +ctl3\\s+ctl3:docker/containers\\.json: does not exist");
        assertThat(r.out()).containsPattern("ERROR +neutron\\.stale-floating-ips .*\\R.*network/floatingips\\.json.*truncated JSON");
        // the GBK file is still read (its region_name_for_services is found), and says it is not UTF-8
        assertThat(r.out()).containsPattern("OK +heat\\.region-null +heat-engine(.*\\R)+? .*ctl1:/etc/kolla/heat-engine/heat\\.conf \\(not UTF-8");
        // the CJK label (in the demo's stor1 lsblk) comes through intact
        assertThat(r.out()).contains("LABEL=新加卷");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void unreadableSnapshotIsOneClearLine() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"something-else/9\"}");
        Cli r = Cli.run("check", "--snapshot", dir.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("unknown format 'something-else/9'").doesNotContain("\tat ");
    }
}
