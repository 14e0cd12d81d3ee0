package io.kolladoctor.deployment.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a Kolla controller keeps what kolla-doctor reads first: the configuration directory ({@code /etc/kolla}:
 * globals.yml, passwords.yml, admin-openrc.sh) and the Kolla-Ansible inventory. Kolla-Ansible has no fixed place
 * for the inventory (operators copy {@code multinode} or {@code all-in-one} where they like), so an explicit path
 * wins, then the usual spots next to the configuration and in the working directory.
 */
public record KollaLocations(Path configDir, Path inventory) {

    public static final Path DEFAULT_CONFIG_DIR = Path.of("/etc/kolla");
    private static final List<String> INVENTORY_NAMES = List.of("multinode", "inventory", "all-in-one");

    /** {@code inventory} null: searched for. */
    public static KollaLocations of(Path configDir, Path inventory) {
        Path dir = configDir == null ? DEFAULT_CONFIG_DIR : configDir;
        return new KollaLocations(dir, inventory);
    }

    /** The candidates in the order they are tried, for error messages and for {@link #findInventory}. */
    public List<Path> inventoryCandidates(Path workingDir) {
        if (inventory != null) {
            return List.of(inventory);
        }
        List<Path> candidates = new ArrayList<>();
        INVENTORY_NAMES.forEach(n -> candidates.add(configDir.resolve(n)));
        INVENTORY_NAMES.forEach(n -> candidates.add(workingDir.resolve(n)));
        return candidates;
    }

    public Optional<Path> findInventory(Path workingDir) {
        return inventoryCandidates(workingDir).stream().filter(Files::isRegularFile).findFirst();
    }

    public Path globals() {
        return configDir.resolve("globals.yml");
    }

    public Path passwords() {
        return configDir.resolve("passwords.yml");
    }

    public Path adminOpenrc() {
        return configDir.resolve("admin-openrc.sh");
    }
}
