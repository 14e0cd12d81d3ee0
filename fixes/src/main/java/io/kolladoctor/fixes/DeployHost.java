package io.kolladoctor.fixes;

import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.live.KollaLocations;
import io.kolladoctor.deployment.live.LiveSource;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The deploy host as a fix sees it: the machine kolla-doctor runs on, where Kolla's configuration directory
 * ({@code --kolla-dir}, default {@code /etc/kolla}) with its overrides ({@code config/}) and the inventory are, and
 * where {@code kolla-ansible} runs. Known only when the facts are live ({@link #here()}); a snapshot or the demo was
 * collected elsewhere, so then the directory is Kolla's default, the inventory and kolla-ansible unknown, and no file
 * of it can be read.
 */
public record DeployHost(boolean here, Path kollaDir, Optional<Path> inventory, Optional<Path> kollaAnsible) {

    /** What a file of the deploy host holds: absent, its text, or why it is not known. */
    public record FileState(boolean known, boolean exists, String text, String problem) {
        static FileState absent() {
            return new FileState(true, false, null, null);
        }

        static FileState unknown(String problem) {
            return new FileState(false, false, null, problem);
        }
    }

    /** The deploy host of these facts: this machine for a live deployment, else {@link #elsewhere()}. */
    public static DeployHost of(Facts facts) {
        if (!(facts.source() instanceof LiveSource live)) {
            return elsewhere();
        }
        KollaLocations kolla = live.options().kolla();
        return new DeployHost(true, kolla.configDir().toAbsolutePath(),
                kolla.findInventory(live.options().workingDir()).map(Path::toAbsolutePath),
                onPath("kolla-ansible", System.getenv("PATH")));
    }

    /** Not this machine (a snapshot, the demo): Kolla's default directory, nothing else known. */
    public static DeployHost elsewhere() {
        return new DeployHost(false, KollaLocations.DEFAULT_CONFIG_DIR, Optional.empty(), Optional.empty());
    }

    /** The first executable {@code name} in the directories of {@code path} (a PATH value). */
    public static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }

    /** A file of the deploy host (an override under {@code kollaDir/config}). */
    public FileState read(Path file) {
        if (!here) {
            return FileState.unknown("not read: these facts were not collected on the deploy host kolla-doctor runs on");
        }
        try {
            return new FileState(true, true, Files.readString(file, StandardCharsets.UTF_8), null);
        } catch (NoSuchFileException e) {
            return FileState.absent();
        } catch (IOException | RuntimeException e) {
            return FileState.unknown(file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }
}
