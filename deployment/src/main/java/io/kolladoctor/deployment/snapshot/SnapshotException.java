package io.kolladoctor.deployment.snapshot;

/** A snapshot that cannot be opened at all (not there, no manifest, corrupt archive). */
public class SnapshotException extends Exception {
    public SnapshotException(String message) {
        super(message);
    }
}
