package io.kolladoctor.fixes.evacuation;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One plain-text mail as RFC 5322 text with CRLF line ends: From, To, Subject (RFC 2047 encoded-words when it is not
 * plain ASCII: UMHA's subject is Chinese), Date, Message-ID, MIME headers, then the UTF-8 body (8bit when the server
 * takes 8BITMIME and no line is too long, else base64). Header values cannot inject headers: addresses are checked,
 * and control characters in the subject become spaces before it is encoded. {@link #dotStuffed} is what goes after
 * DATA.
 */
public final class MailMessage {

    /** A plain addr-spec: no display name, no quoting, no comments, nothing that could end a header or a command. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    /** RFC 2047: an encoded-word is at most 75 characters; "=?UTF-8?B?" + "?=" leaves 63, 45 bytes of base64 input. */
    private static final int WORD_BYTES = 45;
    private static final int MAX_LINE = 998;

    private MailMessage() {
    }

    public static boolean isAddress(String text) {
        return text != null && text.length() <= 254 && ADDRESS.matcher(text).matches();
    }

    /** For messages: control characters shown as {@code ?}, so a bad value cannot break a line of output. */
    public static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }

    /**
     * The message, CRLF line ends, not yet dot-stuffed. {@code eightBit}: the server announced 8BITMIME.
     * @throws IllegalArgumentException when an address is not a plain mail address
     */
    public static String build(String from, List<String> to, String subject, String body, ZonedDateTime date,
                               boolean eightBit) {
        if (!isAddress(from)) {
            throw new IllegalArgumentException("not a mail address: " + printable(from));
        }
        if (to.isEmpty()) {
            throw new IllegalArgumentException("no receiver");
        }
        for (String t : to) {
            if (!isAddress(t)) {
                throw new IllegalArgumentException("not a mail address: " + printable(t));
            }
        }
        String text = crlf(body);
        boolean raw = eightBit && text.lines().allMatch(l -> l.getBytes(StandardCharsets.UTF_8).length <= MAX_LINE);
        boolean ascii = text.chars().allMatch(c -> c < 128) && text.lines().allMatch(l -> l.length() <= MAX_LINE);
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(from).append("\r\n");
        m.append("To: ").append(String.join(",\r\n ", to)).append("\r\n");
        m.append("Subject: ").append(encodeWords(subject)).append("\r\n");
        m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).format(date)).append("\r\n");
        m.append("Message-ID: <").append(UUID.randomUUID()).append(".kolla-doctor@")
                .append(from.substring(from.indexOf('@') + 1)).append(">\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: text/plain; charset=UTF-8\r\n");
        if (ascii || raw) {
            m.append("Content-Transfer-Encoding: ").append(ascii ? "7bit" : "8bit").append("\r\n\r\n").append(text);
        } else {
            m.append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        }
        if (m.charAt(m.length() - 1) != '\n') {
            m.append("\r\n");
        }
        return m.toString();
    }

    /**
     * A header value: as is when it is printable ASCII of modest length, else UTF-8 "B" encoded-words folded onto
     * continuation lines, each word whole characters (a code point is never split across words).
     */
    static String encodeWords(String value) {
        // control characters (CR, LF, NUL...) become spaces: nothing in the value can end the header
        String clean = value.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (clean.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && clean.length() <= 70 && !clean.contains("=?")) {
            return clean;
        }
        StringBuilder out = new StringBuilder();
        StringBuilder chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < clean.length(); ) {
            int c = clean.codePointAt(i);
            int n = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > WORD_BYTES) {
                word(out, chunk);
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.appendCodePoint(c);
            bytes += n;
            i += Character.charCount(c);
        }
        word(out, chunk);
        return out.toString();
    }

    private static void word(StringBuilder out, CharSequence chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            out.append("\r\n ");
        }
        out.append("=?UTF-8?B?")
                .append(Base64.getEncoder().encodeToString(chunk.toString().getBytes(StandardCharsets.UTF_8)))
                .append("?=");
    }

    /** Every line end (CRLF, CR, LF) as CRLF. */
    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    /** The DATA payload: a line starting with "." gets another (RFC 5321 4.5.2), then the terminating ".". */
    public static String dotStuffed(String message) {
        String text = crlf(message);
        StringBuilder sb = new StringBuilder(text.length() + 8);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf("\r\n", start);
            String line = end < 0 ? text.substring(start) : text.substring(start, end);
            if (line.startsWith(".")) {
                sb.append('.');
            }
            sb.append(line).append("\r\n");
            start = end < 0 ? text.length() : end + 2;
        }
        return sb.append(".\r\n").toString();
    }
}
