package io.kolladoctor.deployment.live.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Bounded reading of command and socket streams. */
final class Streams {

    /** stderr kept for messages. */
    static final int STDERR_LIMIT = 64 * 1024;

    private Streams() {
    }

    /** Thrown when a stream holds more than its bound. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    /** Everything up to EOF, refusing more than {@code max} bytes. */
    static byte[] readBounded(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > max) {
                throw new TooLarge(max);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Drains a stream on a virtual thread, keeping its first {@link #STDERR_LIMIT} bytes. */
    static final class Collector {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread thread;

        Collector(InputStream in, String name) {
            thread = Thread.ofVirtual().name("kd-stderr-" + name).start(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        synchronized (kept) {
                            int room = STDERR_LIMIT - kept.size();
                            if (room > 0) {
                                kept.write(buffer, 0, Math.min(room, n));
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // the stream ended with the command or the connection
                }
            });
        }

        /** Waits up to {@code millis} for the stream to end, then returns what it held. */
        String text(long millis) {
            try {
                thread.join(Math.max(1, millis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text();
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** The first non-blank line of a command's stderr, for messages. */
    static String firstLine(String stderr) {
        return stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
