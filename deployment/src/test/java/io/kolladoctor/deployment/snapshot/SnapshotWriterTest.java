package io.kolladoctor.deployment.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.FactUnavailableException.Kind;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.model.Topology;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What collect writes reads back as the same material, failures and absences, with secrets masked. */
class SnapshotWriterTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final FactRequest CONF = FactRequest.hostFile("ctl1", "/etc/kolla/heat-engine/heat.conf");
    static final FactRequest USERS = FactRequest.cloud("prod", "identity/users.json");
    static final FactRequest GONE = FactRequest.hostFile("ctl1", "/etc/os-collect-config.conf");
    static final FactRequest DOWN = FactRequest.host("cmp9", "docker/containers.json");
    static final FactRequest PASSWORDS = FactRequest.deployment("passwords.yml");
    static final FactRequest GBK = FactRequest.hostFile("ctl1", "/etc/gbk.conf");
    static final byte[] GBK_BYTES = {(byte) 0xd0, (byte) 0xc2, (byte) 0xbc, (byte) 0xd3};

    /** A source answering from a table, as a live one would. */
    static final class TableSource implements FactSource {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public Material fetch(FactRequest r) throws FactUnavailableException {
            asked.incrementAndGet();
            if (r.equals(CONF)) {
                return material(r, "[DEFAULT]\nregion_name_for_services = RegionOne\n[keystone_authtoken]\npassword = hunter2hunter\n");
            }
            if (r.equals(USERS)) {
                return material(r, "{\"users\": [{\"name\": \"aodh\", \"password\": \"s3cr3tpass\"}]}");
            }
            if (r.equals(PASSWORDS)) {
                return material(r, "database_password: Zx81kq0PLmN3vB5\n");
            }
            if (r.equals(GBK)) {
                return new Material(r, GBK_BYTES, "ctl1", NOW);
            }
            if (r.equals(GONE)) {
                throw new FactUnavailableException(r, Kind.ABSENT, "no such file");
            }
            throw new FactUnavailableException(r, Kind.FAILED, "cmp9 (ssh root@10.0.0.9): connect timed out after 10 s; "
                    + "password=hunter2hunter");
        }

        static Material material(FactRequest r, String text) {
            return new Material(r, text.getBytes(StandardCharsets.UTF_8), "live " + r.describe(), NOW);
        }

        @Override
        public String describe() {
            return "table";
        }

        @Override
        public Topology topology() {
            return new Topology("prod", "prod", Map.of(), List.of());
        }

        @Override
        public Instant asOf() {
            return NOW;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"snap", "snap.tar.gz"})
    void roundTrip(String name, @TempDir Path tmp) throws Exception {
        RecordingSource recording = new RecordingSource(new TableSource(), (o, n) -> { });
        for (FactRequest r : List.of(CONF, USERS, GONE, DOWN, PASSWORDS, GBK)) {
            try {
                recording.fetch(r);
            } catch (FactUnavailableException ignored) {
                // recorded
            }
        }
        SecretMasker masker = SecretMasker.patterns().withKnown(List.of("Zx81kq0PLmN3vB5", "hunter2hunter"));
        Path target = tmp.resolve(name);
        SnapshotWriter.Summary summary = SnapshotWriter.write(target, new Manifest.Origin("collect", "test", null, null),
                new Manifest.DeploymentInfo("prod", "prod", List.of(), Map.of()), List.of(), recording.outcomes(),
                masker, NOW);
        assertThat(summary.files()).isEqualTo(4);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.absent()).isEqualTo(1);

        SnapshotSource snapshot = SnapshotSource.open(target);
        assertThat(snapshot.fetch(CONF).text()).contains("region_name_for_services = RegionOne")
                .contains("password = " + SecretMasker.MASK).doesNotContain("hunter2hunter");
        assertThat(snapshot.fetch(USERS).text()).contains("\"aodh\"").doesNotContain("s3cr3tpass");
        assertThat(snapshot.fetch(PASSWORDS).text()).isEqualTo("database_password: '" + SecretMasker.MASK + "'\n");
        assertThat(snapshot.fetch(GBK).bytes()).isEqualTo(GBK_BYTES);
        assertThatThrownBy(() -> snapshot.fetch(GONE)).isInstanceOfSatisfying(FactUnavailableException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.ABSENT));
        assertThatThrownBy(() -> snapshot.fetch(DOWN)).isInstanceOfSatisfying(FactUnavailableException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.FAILED);
            assertThat(e.getMessage()).contains("connect timed out after 10 s").doesNotContain("hunter2hunter");
        });
        assertThat(snapshot.topology().cloud()).isEqualTo("prod");
    }

    @Test
    void noSecretAnywhereInTheWrittenFiles(@TempDir Path tmp) throws Exception {
        RecordingSource recording = new RecordingSource(new TableSource(), (o, n) -> { });
        for (FactRequest r : List.of(CONF, USERS, DOWN, PASSWORDS)) {
            try {
                recording.fetch(r);
            } catch (FactUnavailableException ignored) {
                // recorded
            }
        }
        Path dir = tmp.resolve("snap");
        SnapshotWriter.write(dir, null, null, List.of(), recording.outcomes(),
                SecretMasker.patterns().withKnown(List.of("Zx81kq0PLmN3vB5", "hunter2hunter")), NOW);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString())
                        .doesNotContain("hunter2hunter", "Zx81kq0PLmN3vB5", "s3cr3tpass");
            }
        }
    }

    @Test
    void refusesToOverwriteANonEmptyDirectory(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("precious.txt"), "keep me");
        assertThatThrownBy(() -> SnapshotWriter.write(tmp, null, null, List.of(), Map.of(), SecretMasker.patterns(), NOW))
                .isInstanceOf(IOException.class).hasMessageContaining("not an empty directory");
        assertThat(Files.readString(tmp.resolve("precious.txt"))).isEqualTo("keep me");
    }
}
