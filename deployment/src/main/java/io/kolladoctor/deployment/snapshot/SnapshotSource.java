package io.kolladoctor.deployment.snapshot;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.FactUnavailableException.Kind;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.parse.MalformedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.kolladoctor.deployment.model.Host;
import io.kolladoctor.deployment.model.Topology;

/**
 * Facts read from a snapshot. A request maps to {@link FactRequest#snapshotPath()}; when the file is not
 * there the manifest says whether it failed to collect (and why), does not exist at the source, or was
 * never collected.
 */
public final class SnapshotSource implements FactSource {

    private final SnapshotStore store;
    private final Manifest manifest;

    public SnapshotSource(SnapshotStore store, Manifest manifest) {
        this.store = store;
        this.manifest = manifest;
    }

    /** Opens a snapshot directory or {@code .tar.gz} file. */
    public static SnapshotSource open(Path path) throws SnapshotException {
        try {
            if (Files.isDirectory(path)) {
                return fromStore(new DirectoryStore(path));
            }
            if (!Files.isRegularFile(path)) {
                throw new SnapshotException(path + ": no such snapshot directory or file");
            }
            try (InputStream in = Files.newInputStream(path)) {
                return fromStore(ArchiveStore.read(path.toString(), in));
            }
        } catch (IOException e) {
            throw new SnapshotException(path + ": cannot read snapshot: " + e.getMessage());
        }
    }

    /** Opens a {@code .tar.gz} snapshot shipped as a resource (the bundled demo). */
    public static SnapshotSource openResource(Class<?> anchor, String resource) throws SnapshotException {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new SnapshotException("resource " + resource + " is missing from the build");
            }
            return fromStore(ArchiveStore.read("bundled " + resource, in));
        } catch (IOException e) {
            throw new SnapshotException(resource + ": cannot read bundled snapshot: " + e.getMessage());
        }
    }

    /** Opens a snapshot over any store (a directory, an archive, a layered test fixture). */
    public static SnapshotSource open(SnapshotStore store) throws SnapshotException {
        try {
            return fromStore(store);
        } catch (IOException e) {
            throw new SnapshotException(store.location() + ": cannot read snapshot: " + e.getMessage());
        }
    }

    static SnapshotSource fromStore(SnapshotStore store) throws IOException, SnapshotException {
        byte[] bytes = store.read("manifest.json")
                .orElseThrow(() -> new SnapshotException(store.location() + " is not a kolla-doctor snapshot: no manifest.json"));
        try {
            Manifest manifest = Json.MAPPER.treeToValue(Json.parse(new String(bytes, StandardCharsets.UTF_8)), Manifest.class);
            if (manifest.format() == null || !manifest.format().startsWith("kolla-doctor-snapshot/")) {
                throw new SnapshotException(store.location() + "/manifest.json: unknown format '" + manifest.format()
                        + "' (expected " + Manifest.FORMAT + ")");
            }
            return new SnapshotSource(store, manifest);
        } catch (MalformedException | IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SnapshotException(store.location() + "/manifest.json: " + e.getMessage());
        }
    }

    public Manifest manifest() {
        return manifest;
    }

    @Override
    public Material fetch(FactRequest request) throws FactUnavailableException {
        String path = request.snapshotPath();
        Optional<Manifest.Entry> entry = manifest.entryFor(path);
        Optional<byte[]> bytes;
        try {
            bytes = store.read(path);
        } catch (IOException e) {
            throw new FactUnavailableException(request, Kind.FAILED, path + ": cannot read from snapshot: " + e.getMessage());
        }
        if (bytes.isPresent()) {
            Instant when = entry.map(Manifest.Entry::collected).orElse(manifest.created());
            return new Material(request, bytes.get(), store.location() + "/" + path, when);
        }
        if (entry.isEmpty()) {
            throw new FactUnavailableException(request, Kind.NOT_COLLECTED,
                    request.describe() + ": not in this snapshot (" + path + ")");
        }
        Manifest.Entry e = entry.get();
        if (e.status() == Manifest.Entry.Status.failed) {
            throw new FactUnavailableException(request, Kind.FAILED, request.describe()
                    + ": could not be collected: " + (e.error() == null ? "no reason recorded" : e.error()));
        }
        // Recorded as absent, or covered by a collected tree that does not hold it.
        throw new FactUnavailableException(request, Kind.ABSENT, request.describe() + ": does not exist at the source");
    }

    @Override
    public String describe() {
        String name = manifest.deployment() == null ? null : manifest.deployment().name();
        return "snapshot " + store.location() + (name == null ? "" : " of '" + name + "'")
                + " (collected " + manifest.created() + ")";
    }

    @Override
    public Topology topology() {
        Manifest.DeploymentInfo info = manifest.deployment();
        List<Host> extra = manifest.extraHosts().stream()
                .map(h -> new Host(h.name(), h.address() == null ? h.name() : h.address(), "root", Set.copyOf(h.groups()),
                        h.cluster() == null ? Map.of() : Map.of("magnum_cluster", h.cluster())))
                .toList();
        if (info == null) {
            return new Topology(store.location(), null, Map.of(), extra);
        }
        Map<String, List<String>> kubernetes = new LinkedHashMap<>();
        for (String context : info.kubernetesContexts()) {
            kubernetes.put(context, info.kubernetesNamespaces().getOrDefault(context, List.of("default")));
        }
        return new Topology(info.name() == null ? store.location() : info.name(), info.cloud(), kubernetes, extra);
    }

    @Override
    public Instant asOf() {
        return manifest.created() == null ? Instant.EPOCH : manifest.created();
    }
}
