package io.kolladoctor.fixes.catalog;

import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.snapshot.DirectoryStore;
import io.kolladoctor.deployment.snapshot.SnapshotSource;
import io.kolladoctor.deployment.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checks' own fixture cases (checks/src/test/resources/fixtures/CHECK/CASE over _base) as facts for a fix's plan. */
final class CheckFixtures {

    static final Path ROOT = Path.of("../checks/src/test/resources/fixtures");

    private CheckFixtures() {
    }

    /** {@code overlay} (a snapshot tree, or null) over the case over {@code _base}. */
    static Facts facts(String checkId, String caseName, Path overlay) throws Exception {
        List<SnapshotStore> stores = new ArrayList<>();
        if (overlay != null) {
            stores.add(new DirectoryStore(overlay));
        }
        stores.add(new DirectoryStore(ROOT.resolve(checkId).resolve(caseName)));
        stores.add(new DirectoryStore(ROOT.resolve("_base")));
        return new Facts(SnapshotSource.open(new Layers(stores)));
    }

    /** The first store that has a file answers for it (a case over _base). */
    private record Layers(List<SnapshotStore> stores) implements SnapshotStore {
        @Override
        public Optional<byte[]> read(String relativePath) throws IOException {
            for (SnapshotStore store : stores) {
                Optional<byte[]> own = store.read(relativePath);
                if (own.isPresent()) {
                    return own;
                }
            }
            return Optional.empty();
        }

        @Override
        public String location() {
            return stores.getFirst().location();
        }
    }
}
