package io.kolladoctor.deployment.snapshot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A snapshot packed as {@code .tar.gz}, read into memory once (snapshots are a few MiB). Entries may sit
 * under one top directory ({@code snap/manifest.json}), as {@code tar czf snap.tar.gz snap} makes them.
 */
public final class ArchiveStore implements SnapshotStore {

    /** Refuse archives that would not fit comfortably in memory (a tar bomb, or the wrong file). */
    private static final long MAX_TOTAL_BYTES = 512L * 1024 * 1024;

    private final String location;
    private final Map<String, byte[]> files;

    private ArchiveStore(String location, Map<String, byte[]> files) {
        this.location = location;
        this.files = files;
    }

    public static ArchiveStore read(String location, InputStream gzipped) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(gzipped)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                byte[] bytes = tar.readAllBytes();
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new IOException("archive holds more than " + MAX_TOTAL_BYTES / 1024 / 1024 + " MiB: not a snapshot");
                }
                files.put(normalize(entry.getName()), bytes);
            }
        } catch (IllegalArgumentException e) {
            // commons-compress reports a corrupt header this way.
            throw new IOException("corrupt tar archive: " + e.getMessage(), e);
        }
        return new ArchiveStore(location, stripTopDirectory(files));
    }

    private static String normalize(String name) {
        String n = name.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        return n;
    }

    private static Map<String, byte[]> stripTopDirectory(Map<String, byte[]> files) {
        if (files.containsKey("manifest.json")) {
            return files;
        }
        String prefix = files.keySet().stream()
                .filter(n -> n.endsWith("/manifest.json") && n.indexOf('/') == n.length() - "/manifest.json".length())
                .map(n -> n.substring(0, n.length() - "manifest.json".length()))
                .findFirst().orElse(null);
        if (prefix == null) {
            return files;
        }
        Map<String, byte[]> stripped = new HashMap<>();
        files.forEach((name, bytes) -> {
            if (name.startsWith(prefix)) {
                stripped.put(name.substring(prefix.length()), bytes);
            }
        });
        return stripped;
    }

    @Override
    public Optional<byte[]> read(String relativePath) {
        return Optional.ofNullable(files.get(relativePath));
    }

    @Override
    public String location() {
        return location;
    }
}
