package io.kolladoctor.checks;

import io.kolladoctor.checks.sweep.Sweep;
import io.kolladoctor.checks.sweep.SweepResult;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.snapshot.DirectoryStore;
import io.kolladoctor.deployment.snapshot.SnapshotSource;
import io.kolladoctor.deployment.snapshot.SnapshotStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Fact fixtures for check tests, risu-style: {@code src/test/resources/fixtures/<check-id>/<case>/} is a
 * snapshot root holding only what the case is about; anything it lacks is read from
 * {@code fixtures/_base/} (a small healthy multinode deployment with its manifest). Read through the real
 * {@link SnapshotSource}, so fixtures are exactly snapshot files.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static Facts facts(String checkId, String caseName) {
        Path root = root();
        Path dir = root.resolve(checkId).resolve(caseName);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no fixture " + dir);
        }
        SnapshotStore layered = new Layered(new DirectoryStore(dir), new DirectoryStore(root.resolve("_base")));
        try {
            return new Facts(SnapshotSource.open(layered));
        } catch (Exception e) {
            throw new IllegalStateException("fixture " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Runs one check on a fixture through a real sweep (masking and error handling included). */
    public static List<Finding> run(Check check, String caseName) {
        SweepResult result = new Sweep(Duration.ofSeconds(20)).run(facts(check.info().id(), caseName), List.of(check));
        return result.findings();
    }

    private static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/_base").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case's own file when it has one, else the base's. */
    private record Layered(SnapshotStore top, SnapshotStore base) implements SnapshotStore {
        @Override
        public Optional<byte[]> read(String relativePath) throws IOException {
            Optional<byte[]> own = top.read(relativePath);
            return own.isPresent() ? own : base.read(relativePath);
        }

        @Override
        public String location() {
            return top.location();
        }
    }
}
