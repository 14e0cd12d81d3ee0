package io.kolladoctor.deployment;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where kolla-doctor keeps what it writes (log, audit log, evacuation history, playbook journals):
 * {@code $XDG_STATE_HOME/kolla-doctor}, by default {@code ~/.local/state/kolla-doctor} (XDG Base Directory).
 */
public final class StateDirectory {

    private StateDirectory() {
    }

    public static Path of(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/state");
        return base.resolve("kolla-doctor");
    }

    /** This process's: from its environment and {@code user.home}. */
    public static Path current() {
        return of(System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
