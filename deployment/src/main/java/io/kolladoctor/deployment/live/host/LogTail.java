package io.kolladoctor.deployment.live.host;

import java.util.Arrays;

/**
 * The bounded tail of a log, the same bytes whether read locally or with {@code tail -c} over SSH: at most the last
 * {@link #WINDOW} bytes of the file, cut to whole lines, and of those the last {@link #LINES} lines.
 */
final class LogTail {

    /** Lines kept (docs/snapshot.md: a collector keeps the last 200). */
    static final int LINES = 200;
    /** Bytes read from the end of the file; a longer tail keeps fewer lines. */
    static final int WINDOW = 256 * 1024;

    private LogTail() {
    }

    /** How many bytes to read from the end: one more than the window tells whether the window starts a line. */
    static int readLength() {
        return WINDOW + 1;
    }

    /**
     * {@code end}: the last {@link #readLength()} bytes of the file (all of it when shorter). When the file was longer
     * than the window, the first (partial) line is dropped: the extra leading byte is a newline exactly when the window
     * starts on a line boundary, so dropping through the first newline never loses a whole line.
     */
    static byte[] trim(byte[] end) {
        int start = 0;
        if (end.length > WINDOW) {
            int nl = indexOf(end, 0);
            start = nl < 0 ? end.length : nl + 1;
        }
        int lines = 0;
        int from = end.length;
        // a final newline ends the last line; it does not start a new one
        int scan = end.length - 1;
        if (scan >= start && end[scan] == '\n') {
            scan--;
        }
        for (; scan >= start; scan--) {
            if (end[scan] == '\n') {
                lines++;
                if (lines == LINES) {
                    from = scan + 1;
                    break;
                }
            }
        }
        if (lines < LINES) {
            from = start;
        }
        return Arrays.copyOfRange(end, from, end.length);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
