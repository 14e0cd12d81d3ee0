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
    /** Held so the level set on it survives (java.util.logging keeps loggers only weakly). */
    private static final Logger SSHJ = Logger.getLogger("net.schmizz");

    private FileLogging() {
    }

    public static synchronized void install() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.setLevel(Level.INFO);
        // sshj logs every connect and disconnect at INFO: one line per host per sweep says nothing an operator needs
        SSHJ.setLevel(Level.WARNING);
        try {
            Path dir = stateDirectory();
            Files.createDirectories(dir);
            logFile = dir.resolve("kolla-doctor.log");
            // count 1: the file keeps its name (with a count above 1 FileHandler appends ".0"); past 5 MiB it starts over
            FileHandler handler = new FileHandler(logFile.toString().replace("%", "%%"), 5 * 1024 * 1024, 1, true);
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
        return io.kolladoctor.deployment.StateDirectory.current();
    }
}
