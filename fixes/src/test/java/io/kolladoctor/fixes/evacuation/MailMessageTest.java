package io.kolladoctor.fixes.evacuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The message text: encoded-word subjects, dot-stuffing, and fuzzed values that must never break out of a header. */
class MailMessageTest {

    static final List<String> HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
            "Content-Type", "Content-Transfer-Encoding");
    static final Pattern WORD = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");

    @Test
    void aChineseSubjectIsEncodedWordsOfWholeCharacters() {
        String subject = "UMHA高可用告警: cmp01 DONE — 计算节点疏散完成，" + "实例".repeat(20) + " 😀";
        String encoded = MailMessage.encodeWords(subject);
        assertThat(encoded).isEqualTo(encoded.strip()).doesNotContain("高");
        for (String line : encoded.split("\r\n ")) {
            assertThat(line.length()).isLessThanOrEqualTo(75);
            assertThat(line).matches(WORD.pattern());
        }
        assertThat(decode(encoded)).isEqualTo(subject);
        assertThat(MailMessage.encodeWords("plain ascii")).isEqualTo("plain ascii");
        assertThat(MailMessage.encodeWords("looks =?like?= a word")).startsWith("=?UTF-8?B?");
    }

    @Test
    void dotStuffing() {
        assertThat(MailMessage.dotStuffed("a\r\n.\r\n..b\n.c\rd")).isEqualTo("a\r\n..\r\n...b\r\n..c\r\nd\r\n.\r\n");
        assertThat(MailMessage.dotStuffed(".")).isEqualTo("..\r\n.\r\n");
        assertThat(MailMessage.dotStuffed("")).isEqualTo(".\r\n");
    }

    @Test
    void anUnannouncedEightBitBodyOrAnOverlongLineIsSentAsBase64() {
        ZonedDateTime now = ZonedDateTime.now();
        String chinese = MailMessage.build("a@example.com", List.of("b@example.com"), "s", "计算节点\n", now, false);
        assertThat(chinese).contains("Content-Transfer-Encoding: base64\r\n");
        assertThat(new String(Base64.getMimeDecoder().decode(body(chinese)), StandardCharsets.UTF_8)).isEqualTo("计算节点\r\n");
        assertThat(MailMessage.build("a@example.com", List.of("b@example.com"), "s", "计算节点\n", now, true))
                .contains("Content-Transfer-Encoding: 8bit\r\n").endsWith("\r\n\r\n计算节点\r\n");
        assertThat(MailMessage.build("a@example.com", List.of("b@example.com"), "s", "x".repeat(2000), now, true))
                .contains("Content-Transfer-Encoding: base64\r\n");
    }

    @Test
    void fuzzedValuesNeverBreakTheHeaderBlockAndTheBodyComesBackWhole() {
        Random random = new Random(20261123L);
        String[] pieces = {"\r", "\n", "\r\n", ".", "\r\n.\r\n", "Bcc: evil@example.net", "\0", "\u2028", "\u0085",
                "=?UTF-8?B?", "?=", "高可用告警", "😀", "\uD800", " ", "\t", ":", "<", ">", "\\", "\"", "x".repeat(100)};
        for (int n = 0; n < 3000; n++) {
            String subject = junk(random, pieces);
            String body = junk(random, pieces);
            String message = MailMessage.build("alerts@example.com", List.of("ops@example.com", "b@example.org"),
                    subject, body, ZonedDateTime.now(), random.nextBoolean());
            int split = message.indexOf("\r\n\r\n");
            String head = message.substring(0, split);
            List<String> names = new ArrayList<>();
            for (String line : head.split("\r\n", -1)) {
                assertThat(line).doesNotContain("\r", "\n");
                assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t');
                assertThat(line.length()).isLessThanOrEqualTo(998);
                if (!line.startsWith(" ")) {
                    names.add(line.substring(0, line.indexOf(':')));
                }
            }
            assertThat(names).containsExactlyElementsOf(HEADERS);
            String subjectValue = head.substring(head.indexOf("\r\nSubject: ") + 11, head.indexOf("\r\nDate: "));
            String expected = subject.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
            if (subjectValue.startsWith("=?")) {
                // unpaired surrogates become '?' in UTF-8: compare what UTF-8 can carry
                assertThat(decode(subjectValue)).isEqualTo(new String(expected.getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8));
            } else {
                assertThat(subjectValue).isEqualTo(expected);
            }
            // DATA ends only at the very end, and taking the stuffing out gives the message back
            String data = MailMessage.dotStuffed(message);
            assertThat(data.indexOf("\r\n.\r\n")).isEqualTo(data.length() - 5);
            String unstuffed = String.join("\r\n", data.substring(0, data.length() - 3).lines()
                    .map(l -> l.startsWith(".") ? l.substring(1) : l).toList()) + "\r\n";
            assertThat(unstuffed).isEqualTo(message);
        }
    }

    @Test
    void addressesAreRefusedUnlessPlain() {
        for (String bad : List.of("", "a", "a@", "@b.com", "a b@c.com", "a@b.com\r\nRCPT TO:<x@y.z>", "<a@b.com>",
                "a@b.com>", "a@b.com,c@d.com", "\"a\"@b.com", "a@-b.com", "a@b.com\0", "a..b@c.com", "高@b.com")) {
            assertThat(MailMessage.isAddress(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> MailMessage.build("a@b.com", List.of(bad), "s", "b", ZonedDateTime.now(), true))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(MailMessage.isAddress("fuchun.hui+ha@mail.umcloud.com")).isTrue();
        assertThat(MailMessage.isAddress("x@126.com")).isTrue();
    }

    static String junk(Random random, String[] pieces) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            if (random.nextBoolean()) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            } else {
                sb.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x80, 0x30000) : random.nextInt(0, 0x80));
            }
        }
        return sb.toString();
    }

    static String body(String message) {
        return message.substring(message.indexOf("\r\n\r\n") + 4);
    }

    /** RFC 2047 "B" words, folded: a decoder written for the test (the live tests decode with Python's email). */
    static String decode(String value) {
        Matcher m = WORD.matcher(value.replace("\r\n ", ""));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int end = 0;
        String unfolded = value.replace("\r\n ", "");
        while (m.find()) {
            assertThat(m.start()).isEqualTo(end);
            bytes.writeBytes(Base64.getDecoder().decode(m.group(1)));
            end = m.end();
        }
        assertThat(end).isEqualTo(unfolded.length());
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
