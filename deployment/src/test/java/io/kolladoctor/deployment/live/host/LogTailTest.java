package io.kolladoctor.deployment.live.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogTailTest {

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "2026-11-20 03:12:00.000 7 ERROR nova line " + i + "\n")
                .collect(Collectors.joining());
    }

    private static String trim(String end) {
        return new String(LogTail.trim(end.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void aShortLogIsKeptWhole() {
        assertThat(trim(lines(1, 5))).isEqualTo(lines(1, 5));
        assertThat(trim("")).isEmpty();
        assertThat(trim("no newline at the end")).isEqualTo("no newline at the end");
    }

    @Test
    void theLast200LinesAreKept() {
        assertThat(trim(lines(1, 500))).isEqualTo(lines(301, 500));
        String unterminated = lines(1, 300) + "partial last line";
        assertThat(trim(unterminated)).isEqualTo(lines(102, 300) + "partial last line");
    }

    @Test
    void aWindowThatStartsInsideALineDropsThatLine() {
        byte[] longLine = new byte[LogTail.WINDOW];
        Arrays.fill(longLine, (byte) 'x');
        String end = "tail of a line cut by the window\n" + new String(longLine, 0, LogTail.WINDOW - 10, StandardCharsets.UTF_8) + "\nlast\n";
        assertThat(end.length()).isGreaterThan(LogTail.WINDOW);
        String window = end.substring(end.length() - LogTail.readLength());
        assertThat(window).startsWith("ndow\n"); // the end of the cut line
        String kept = trim(window);
        assertThat(kept).doesNotContain("ndow").startsWith("xxx").endsWith("\nlast\n");
    }

    @Test
    void aWindowThatStartsOnALineKeepsIt() {
        String body = "first whole line\n" + "y".repeat(LogTail.WINDOW - 17 - 5) + "\nend\n";
        String end = "\n" + body; // the extra leading byte is the previous line's newline
        assertThat(end.length()).isEqualTo(LogTail.readLength());
        assertThat(trim(end)).startsWith("first whole line\n").isEqualTo(body);
    }
}
