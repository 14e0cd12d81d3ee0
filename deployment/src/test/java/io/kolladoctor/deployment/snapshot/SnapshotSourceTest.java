package io.kolladoctor.deployment.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.FactUnavailableException.Kind;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.HostFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotSourceTest {

    static final String MANIFEST = """
            {"format": "kolla-doctor-snapshot/1", "created": "2026-11-20T03:12:00Z",
             "deployment": {"name": "t", "cloud": "default"},
             "entries": [
               {"path": "hosts/ctl1/files/", "status": "ok"},
               {"path": "hosts/ctl2/docker/containers.json", "status": "failed", "error": "ssh: connect to host 10.0.0.12 port 22: No route to host"},
               {"path": "openstack/default/identity/users.json", "status": "absent"}
             ]}
            """;

    @TempDir
    Path dir;

    private Path snapshot() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), MANIFEST);
        Path conf = dir.resolve("hosts/ctl1/files/etc/kolla/heat-engine/heat.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, "[DEFAULT]\nregion_name_for_services = RegionOne\n");
        return dir;
    }

    @Test
    void readsFilesAndExplainsWhatIsMissing() throws Exception {
        Facts facts = new Facts(SnapshotSource.open(snapshot()));
        assertThat(facts.get(HostFiles.file("ctl1", "/etc/kolla/heat-engine/heat.conf")).ini()
                .value("DEFAULT", "region_name_for_services")).contains("RegionOne");
        // inside a collected tree but not there: the host does not have it
        assertThat(facts.find(HostFiles.file("ctl1", "/etc/os-collect-config.conf"))).isEmpty();
        assertThatThrownBy(() -> facts.material(FactRequest.host("ctl2", "docker/containers.json")))
                .isInstanceOfSatisfying(FactUnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.FAILED);
                    assertThat(e.getMessage()).contains("No route to host");
                });
        assertThatThrownBy(() -> facts.material(FactRequest.host("ctl3", "docker/containers.json")))
                .isInstanceOfSatisfying(FactUnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_COLLECTED));
    }

    @Test
    void readsTheSameFromATarGzWithATopDirectory() throws Exception {
        snapshot();
        Path archive = dir.resolve("snap.tar.gz");
        Files.write(archive, tarGz("snap-20261120/", dir.resolve("manifest.json"), "manifest.json",
                dir.resolve("hosts/ctl1/files/etc/kolla/heat-engine/heat.conf"), "hosts/ctl1/files/etc/kolla/heat-engine/heat.conf"));
        Facts facts = new Facts(SnapshotSource.open(archive));
        assertThat(facts.get(HostFiles.file("ctl1", "/etc/kolla/heat-engine/heat.conf")).text()).contains("RegionOne");
        assertThat(facts.asOf()).hasToString("2026-11-20T03:12:00Z");
    }

    @Test
    void refusesWhatIsNotASnapshot() throws Exception {
        assertThatThrownBy(() -> SnapshotSource.open(dir)).isInstanceOf(SnapshotException.class).hasMessageContaining("no manifest.json");
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"kolla-doctor-snapshot/1\", \"created\": ");
        assertThatThrownBy(() -> SnapshotSource.open(dir)).isInstanceOf(SnapshotException.class).hasMessageContaining("truncated JSON");
        Path garbage = Files.writeString(dir.resolve("x.tar.gz"), "not gzip at all");
        assertThatThrownBy(() -> SnapshotSource.open(garbage)).isInstanceOf(SnapshotException.class).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> SnapshotSource.open(dir.resolve("nope"))).isInstanceOf(SnapshotException.class).hasMessageContaining("no such");
    }

    @Test
    void neverReadsOutsideTheSnapshot() {
        assertThatThrownBy(() -> FactRequest.host("ctl1", "files/../../../etc/shadow")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FactRequest.host("..", "docker/containers.json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonUtf8FilesStillRead() throws Exception {
        snapshot();
        Path conf = dir.resolve("hosts/ctl1/files/etc/kolla/aodh-api/aodh.conf");
        Files.createDirectories(conf.getParent());
        Files.write(conf, "[DEFAULT]\n# caf\u00e9 in Latin-1\nregion = RegionOne\n".getBytes(StandardCharsets.ISO_8859_1));
        var file = new Facts(SnapshotSource.open(dir)).get(HostFiles.file("ctl1", "/etc/kolla/aodh-api/aodh.conf"));
        assertThat(file.utf8()).isFalse();
        assertThat(file.ini().value("DEFAULT", "region")).contains("RegionOne");
    }

    private static byte[] tarGz(String prefix, Object... pathAndName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < pathAndName.length; i += 2) {
                byte[] content = Files.readAllBytes((Path) pathAndName[i]);
                TarArchiveEntry entry = new TarArchiveEntry(prefix + pathAndName[i + 1]);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
