package io.kolladoctor.deployment.snapshot;

import java.io.IOException;
import java.util.Optional;

/** Bytes of a snapshot by relative path: a directory, a tar.gz, or resources of the app (the demo). */
public interface SnapshotStore {

    /** The file's bytes, or empty when the snapshot has no such file. */
    Optional<byte[]> read(String relativePath) throws IOException;

    /** Where the snapshot is, for messages. */
    String location();
}
