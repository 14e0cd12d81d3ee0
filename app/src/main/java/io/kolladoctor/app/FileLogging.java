package io.kolladoctor.app;

import io.kolladoctor.deployment.secrets.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends every log record to {@code $XDG_STATE_HOME/kolla-doctor/kolla-doctor.log} (default
 * {@code ~/.local/state/…}), masked, and none to the terminal: output on stdout/stderr is for the operator,
 * and under the console any stray line would tear the screen.
 */
public final class FileLogging {

    private static final SecretMasker MASKER = SecretMasker.patterns();
    private static Path logFile;

    private FileLogging() {
    }

    public static synchronized void install() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.setLevel(Level.INFO);
        try {
            Path dir = stateDirectory();
            Files.createDirectories(dir);
            logFile = dir.resolve("kolla-doctor.log");
            FileHandler handler = new FileHandler(logFile.toString(), 5 * 1024 * 1024, 2, true);
            handler.setFormatter(new SimpleFormatter() {
                @Override
                public String format(LogRecord record) {
                    return MASKER.mask(super.format(record));
                }
            });
            root.addHandler(handler);
        } catch (IOException | RuntimeException e) {
            logFile = null; // a read-only home: no log rather than log lines on the screen
        }
    }

    public static Path logFile() {
        return logFile;
    }

    static Path stateDirectory() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("kolla-doctor");
    }
}
