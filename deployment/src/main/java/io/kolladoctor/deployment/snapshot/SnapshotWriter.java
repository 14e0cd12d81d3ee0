package io.kolladoctor.deployment.snapshot;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.secrets.PasswordsFileMasking;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes what a {@link RecordingSource} saw as a snapshot (docs/snapshot.md): each material at its request's
 * snapshot path, secrets masked, and {@code manifest.json} with one entry per request — ok, absent, or failed with
 * the reason — so the snapshot says what could not be collected. A directory, or a {@code .tar.gz} whose entries
 * sit under one top directory as {@code tar czf} makes them.
 */
public final class SnapshotWriter {

    private SnapshotWriter() {
    }

    /** What was written: files, failed and absent entries. */
    public record Summary(Path target, int files, int failed, int absent, long bytes) {
    }

    public static Summary write(Path target, Manifest.Origin origin, Manifest.DeploymentInfo deployment,
                                List<Manifest.ExtraHost> extraHosts, Map<FactRequest, RecordingSource.Outcome> outcomes,
                                SecretMasker masker, Instant created) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Manifest.Entry> entries = new ArrayList<>();
        int failed = 0;
        int absent = 0;
        List<RecordingSource.Outcome> sorted = outcomes.values().stream()
                .sorted(Comparator.comparing(o -> o.request().snapshotPath())).toList();
        for (RecordingSource.Outcome outcome : sorted) {
            FactRequest request = outcome.request();
            String path = request.snapshotPath();
            if (outcome.material() != null) {
                Material m = outcome.material();
                files.put(path, masked(request, m, masker));
                entries.add(new Manifest.Entry(path, Manifest.Entry.Status.ok, masker.mask(m.origin()), m.collectedAt(), null));
                continue;
            }
            FactUnavailableException e = outcome.failure();
            switch (e.kind()) {
                case ABSENT -> {
                    absent++;
                    entries.add(new Manifest.Entry(path, Manifest.Entry.Status.absent, null, created, null));
                }
                case FAILED, MALFORMED -> {
                    failed++;
                    entries.add(new Manifest.Entry(path, Manifest.Entry.Status.failed, null, created,
                            masker.mask(e.getMessage())));
                }
                case NOT_COLLECTED -> {
                    // nothing asked the source for it: nothing to record
                }
            }
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, created, origin, deployment, extraHosts, entries);
        files.put("manifest.json", Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        long bytes = files.values().stream().mapToLong(b -> b.length).sum();
        if (target.getFileName().toString().endsWith(".tar.gz") || target.getFileName().toString().endsWith(".tgz")) {
            writeArchive(target, files);
        } else {
            writeDirectory(target, files);
        }
        return new Summary(target, files.size() - 1, failed, absent, bytes);
    }

    /** Text is masked; passwords.yml entirely; bytes that are not UTF-8 text are kept as they are. */
    private static byte[] masked(FactRequest request, Material material, SecretMasker masker) {
        if (!material.isUtf8()) {
            return material.bytes();
        }
        String text = material.text();
        if (request.scope() == FactRequest.Scope.DEPLOYMENT && request.name().equals("passwords.yml")) {
            text = PasswordsFileMasking.mask(text);
        }
        return masker.mask(text).getBytes(StandardCharsets.UTF_8);
    }

    private static void writeDirectory(Path dir, Map<String, byte[]> files) throws IOException {
        if (Files.exists(dir)) {
            try (var listing = Files.list(dir)) {
                if (!Files.isDirectory(dir) || listing.findAny().isPresent()) {
                    throw new IOException(dir + " exists and is not an empty directory; not overwriting it");
                }
            }
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey()).normalize();
            if (!path.startsWith(dir.normalize())) {
                throw new IOException("refusing to write outside " + dir + ": " + file.getKey());
            }
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
    }

    private static void writeArchive(Path archive, Map<String, byte[]> files) throws IOException {
        String name = archive.getFileName().toString();
        String top = name.substring(0, name.endsWith(".tgz") ? name.length() - 4 : name.length() - 7);
        Path parent = archive.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, name, ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    TarArchiveEntry entry = new TarArchiveEntry(top + "/" + file.getKey());
                    entry.setSize(file.getValue().length);
                    entry.setMode(0600);
                    tar.putArchiveEntry(entry);
                    tar.write(file.getValue());
                    tar.closeArchiveEntry();
                }
            }
            Files.move(partial, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
