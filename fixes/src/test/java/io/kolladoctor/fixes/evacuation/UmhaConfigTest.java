package io.kolladoctor.fixes.evacuation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** umha.conf under UMHA's names: the seed's sample, defaults, values refused with their line, and garbage. */
class UmhaConfigTest {

    /** Defaults unlike every value of the sample, so each value read is seen to come from the file. */
    static final UmhaConfig OTHER = new UmhaConfig(false, Path.of("/nowhere/ipmi"), Path.of("/nowhere/storage"), 9,
            true, false, 9, Duration.ofSeconds(99), true, false, Duration.ofSeconds(99), Duration.ofSeconds(99),
            Duration.ofSeconds(99), Duration.ofSeconds(99), Duration.ofHours(99),
            new UmhaConfig.Valve(1, 1.0, 1, 1.0, 1, 1.0, 1, 1),
            new UmhaConfig.Mail(false, "other.example", 1, false, "o@other.example", "", List.of(), "other"));

    static String sample() throws Exception {
        try (InputStream in = UmhaConfigTest.class.getResourceAsStream("/evacuation/umha.conf")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSeedsSampleParsesToItsValues() throws Exception {
        List<String> problems = new ArrayList<>();
        UmhaConfig c = UmhaConfig.parse(sample(), OTHER, problems);
        assertThat(problems).isEmpty();
        assertThat(c.hasIpmi()).isTrue();
        assertThat(c.ipmiInfo()).isEqualTo(Path.of("/etc/umha/ipmi_info"));
        assertThat(c.nodeStorageIpInfo()).isEqualTo(Path.of("/etc/umha/node_storage_ip_info"));
        assertThat(c.pingCount()).isEqualTo(3);
        assertThat(c.allowEvacuateLocalVm()).isFalse();
        assertThat(c.onShareStorage()).isTrue();
        assertThat(c.ipmiCheckMaxCount()).isEqualTo(3);
        assertThat(c.ipmiCheckInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.forceEvacuateWhenIpmiUnknown()).isFalse();
        assertThat(c.reallyEvacuate()).isTrue();
        assertThat(c.intervalCheckNovaService()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxWaitForServiceDown()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.beforeCheckVmStatus()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.evacuateTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.sendInterval()).isEqualTo(Duration.ofHours(3));
        assertThat(c.valve()).isEqualTo(new UmhaConfig.Valve(6, 0.6, 6, 0.6, 6, 0.6, 3, 5));
        assertThat(c.mail()).isEqualTo(new UmhaConfig.Mail(true, "smtp.126.com", 25, true, "alerts@example.com",
                "CHANGE-ME", List.of("ops@example.com"), "UMHA高可用告警"));
    }

    @Test
    void theDefaultsAreUmhasSampleExceptSharedStorageWhichTheCallerDecides() throws Exception {
        List<String> problems = new ArrayList<>();
        UmhaConfig fromSample = UmhaConfig.parse(sample(), UmhaConfig.defaults(true), problems);
        // except the mail: without a umha.conf nothing is mailed, and there is no server to mail through
        assertThat(fromSample).isEqualTo(new UmhaConfig(true, fromSample.ipmiInfo(), fromSample.nodeStorageIpInfo(), 3,
                false, true, 3, Duration.ofSeconds(10), false, true, Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofHours(3), UmhaConfig.defaults(true).valve(),
                fromSample.mail()));
        assertThat(fromSample).usingRecursiveComparison().ignoringFields("mail").isEqualTo(UmhaConfig.defaults(true));
        assertThat(UmhaConfig.defaults(true).mail().enabled()).isFalse();
        assertThat(UmhaConfig.defaults(true).mail()).isEqualTo(UmhaConfig.Mail.NONE);
        UmhaConfig.Mail d = UmhaConfig.Mail.NONE;
        assertThat(List.of(d.port(), d.needAuth(), d.subject()))
                .isEqualTo(List.of(fromSample.mail().port(), fromSample.mail().needAuth(), fromSample.mail().subject()));
        assertThat(UmhaConfig.defaults(false).onShareStorage()).isFalse();
        assertThat(UmhaConfig.defaults(false).allowEvacuateLocalVm()).isFalse();
        assertThat(UmhaConfig.defaults(false).forceEvacuateWhenIpmiUnknown()).isFalse();
    }

    @Test
    void absentOptionsKeepTheDefaults() {
        List<String> problems = new ArrayList<>();
        assertThat(UmhaConfig.parse("", OTHER, problems)).isEqualTo(OTHER);
        assertThat(UmhaConfig.parse("[DEFAULT]\n# ping_count = 1\n[valve]\n", OTHER, problems)).isEqualTo(OTHER);
        assertThat(problems).isEmpty();
    }

    @Test
    void anOptionInTheWrongSectionIsNotRead() {
        List<String> problems = new ArrayList<>();
        UmhaConfig c = UmhaConfig.parse("[valve]\nping_count = 2\n[DEFAULT]\nstorage_number = 2\n", OTHER, problems);
        assertThat(c.pingCount()).isEqualTo(9);
        assertThat(c.valve().storageNumber()).isEqualTo(1);
    }

    @Test
    void badValuesKeepTheDefaultAndNameTheirLine() {
        List<String> problems = new ArrayList<>();
        UmhaConfig d = UmhaConfig.defaults(true);
        UmhaConfig c = UmhaConfig.parse("""
                [DEFAULT]
                ping_count = three
                has_IPMI = maybe
                ipmi_check_interval = -5
                ipmi_check_max_count = 0
                [valve]
                storage_ratio = 0
                power_off_ratio = 1.5
                panic_ratio = NaN
                storage_number = -1
                error_count = 2.5
                [time]
                evacuate_timeout = 999999999999999999999
                """, d, problems);
        assertThat(c).isEqualTo(d);
        assertThat(problems).hasSize(10);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("line 2: [DEFAULT] ping_count = three"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("line 3: [DEFAULT] has_IPMI"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("line 4: ").contains("seconds"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("line 5: ").contains("at least 1"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("line 7: [valve] storage_ratio = 0")
                .contains("using 0.6"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("line 8: [valve] power_off_ratio = 1.5"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("line 9: [valve] panic_ratio = NaN"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("line 10: [valve] storage_number = -1"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("line 11: [valve] error_count = 2.5"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("line 13: [time] evacuate_timeout"));
    }

    @Test
    void aFileNameThisSystemCannotHoldIsRefusedNotThrown() {
        List<String> problems = new ArrayList<>();
        UmhaConfig d = UmhaConfig.defaults(true);
        UmhaConfig c = UmhaConfig.parse("[DEFAULT]\nipmi_info = /etc/umha/ipmi\uD800info\n"
                + "node_storage_ip_info = /etc/umha/a\0b\n", d, problems);
        assertThat(c.ipmiInfo()).isEqualTo(d.ipmiInfo());
        assertThat(c.nodeStorageIpInfo()).isEqualTo(d.nodeStorageIpInfo());
        assertThat(problems).extracting(p -> p.substring(0, 7)).containsExactlyInAnyOrder("line 2:", "line 3:");
    }

    @Test
    void theMailSectionIsReadAndItsPasswordNeverShown() {
        List<String> problems = new ArrayList<>();
        UmhaConfig c = UmhaConfig.parse("""
                [email]
                enable_send_mail = yes
                send_server = mail.example.com
                send_port = 465
                need_auth = true
                sender_username = alerts@example.com
                sender_pwd =  Pw-not-for-eyes\s
                receiver_list = ops@example.com, not an address ,oncall@example.org,,<x@y.z>
                mail_subject = UMHA高可用告警
                """, UmhaConfig.defaults(false), problems);
        UmhaConfig.Mail mail = c.mail();
        assertThat(mail.enabled()).isTrue();
        assertThat(mail.server()).isEqualTo("mail.example.com");
        assertThat(mail.port()).isEqualTo(465);
        assertThat(mail.password()).isEqualTo("Pw-not-for-eyes");
        assertThat(mail.receivers()).containsExactly("ops@example.com", "oncall@example.org");
        assertThat(mail.unusable()).isEmpty();
        assertThat(problems).containsExactly(
                "line 8: [email] receiver_list: not an address is not a mail address; left out",
                "line 8: [email] receiver_list: <x@y.z> is not a mail address; left out");
        assertThat(c.toString()).doesNotContain("Pw-not-for-eyes").contains("password=********");
        assertThat(mail.toString()).doesNotContain("Pw-not-for-eyes");
    }

    @Test
    void anUnusableMailSectionIsSaidWithoutThePassword() {
        List<String> problems = new ArrayList<>();
        UmhaConfig c = UmhaConfig.parse("""
                [email]
                enable_send_mail = true
                send_server = smtp.example.com:25
                send_port = 0
                sender_username = just-a-name
                sender_pwd = Pw-not-for-eyes
                receiver_list = ops@example.com
                """, UmhaConfig.defaults(false), problems);
        assertThat(c.mail().server()).isEmpty();
        assertThat(c.mail().port()).isEqualTo(25);
        assertThat(c.mail().unusable()).isPresent();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("line 3: [email] send_server = smtp.example.com:25"))
                .anySatisfy(p -> assertThat(p).startsWith("line 4: [email] send_port = 0 is not a port"))
                .anySatisfy(p -> assertThat(p).isEqualTo("enable_send_mail = true but [email] send_server is not set: no mail"))
                .allSatisfy(p -> assertThat(p).doesNotContain("Pw-not-for-eyes"));
        UmhaConfig.Mail noName = new UmhaConfig.Mail(true, "smtp.example.com", 25, true, "just-a-name", "pw",
                List.of("ops@example.com"), "s");
        assertThat(noName.unusable()).contains("[email] sender_username is not a mail address (it is the sender, as in UMHA)");
        assertThat(new UmhaConfig.Mail(true, "smtp.example.com", 25, true, "a@example.com", "", List.of("o@example.com"),
                "s").unusable()).contains("[email] need_auth = true but sender_pwd is empty");
    }

    @Test
    void theLastOfARepeatedOptionWinsAsInOslo() {
        List<String> problems = new ArrayList<>();
        UmhaConfig c = UmhaConfig.parse("[DEFAULT]\nping_count = 2\nping_count: 5\n", OTHER, problems);
        assertThat(c.pingCount()).isEqualTo(5);
        assertThat(problems).isEmpty();
    }

    @Test
    void booleansTakeOsloSpellings() {
        List<String> problems = new ArrayList<>();
        UmhaConfig c = UmhaConfig.parse("[DEFAULT]\nhas_IPMI = False\non_share_storage = YES\n"
                + "allow_evacuate_local_vm = 1\nreally_evacuate = off\n", UmhaConfig.defaults(false), problems);
        assertThat(problems).isEmpty();
        assertThat(c.hasIpmi()).isFalse();
        assertThat(c.onShareStorage()).isTrue();
        assertThat(c.allowEvacuateLocalVm()).isTrue();
        assertThat(c.reallyEvacuate()).isFalse();
    }

    @Test
    void fuzzNeverThrowsAndAlwaysYieldsSaneValues() {
        Random random = new Random(20250314L);
        String[] keys = {"has_IPMI", "ipmi_info", "node_storage_ip_info", "ping_count", "allow_evacuate_local_vm",
                "on_share_storage", "ipmi_check_max_count", "ipmi_check_interval", "force_evacuate_when_ipmi_unknown",
                "really_evacuate", "interval_check_nova_service", "max_second_wait_for_service_down",
                "seconds_before_check_vm_status", "evacuate_timeout", "send_interval_hours", "storage_number",
                "storage_ratio", "power_off_number", "power_off_ratio", "panic_number", "panic_ratio", "error_count",
                "continue_count", "enable_send_mail", "send_server", "send_port", "need_auth", "sender_username",
                "sender_pwd", "receiver_list", "mail_subject"};
        String[] sections = {"[DEFAULT]", "[valve]", "[time]", "[email]", "[", "]", "[valve", "[[DEFAULT]]", ""};
        String[] values = {"0", "-1", "1", "0.0", "1e309", "-0.0", "NaN", "Infinity", "9223372036854775808",
                "2147483648", "99999999999999999999999", "0x10", "+3", " 7 ", "٣", "３", "1,5", "0.6.1", "", "\0",
                "true", "tRuE", "💥", "é", "\u202e1", "/etc/umha/ipmi_info", "../x", "0.0000001", "1.0000001"};
        for (int n = 0; n < 4000; n++) {
            StringBuilder text = new StringBuilder();
            int lines = random.nextInt(30);
            for (int l = 0; l < lines; l++) {
                switch (random.nextInt(6)) {
                    case 0 -> text.append(sections[random.nextInt(sections.length)]);
                    case 1, 2 -> text.append(random.nextBoolean() ? " " : "").append(keys[random.nextInt(keys.length)])
                            .append(random.nextBoolean() ? " = " : ":").append(values[random.nextInt(values.length)]);
                    case 3 -> text.append(keys[random.nextInt(keys.length)]).append(" = ").append(junk(random, 12));
                    case 4 -> text.append(junk(random, 60));
                    default -> text.append(random.nextBoolean() ? "#" : "\t").append(junk(random, 8));
                }
                text.append(switch (random.nextInt(4)) {
                    case 0 -> "\r\n";
                    case 1 -> "\r";
                    default -> "\n";
                });
            }
            List<String> problems = new ArrayList<>();
            UmhaConfig c = UmhaConfig.parse(text.toString(), UmhaConfig.defaults(n % 2 == 0), problems);
            assertThat(c.pingCount()).isGreaterThanOrEqualTo(1);
            assertThat(c.ipmiCheckMaxCount()).isGreaterThanOrEqualTo(1);
            UmhaConfig.Valve v = c.valve();
            assertThat(List.of(v.storageNumber(), v.powerOffNumber(), v.panicNumber(), v.errorCount(), v.continueCount()))
                    .allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(1));
            assertThat(List.of(v.storageRatio(), v.powerOffRatio(), v.panicRatio()))
                    .allSatisfy(r -> assertThat(r).isGreaterThan(0.0).isLessThanOrEqualTo(1.0));
            assertThat(List.of(c.ipmiCheckInterval(), c.intervalCheckNovaService(), c.maxWaitForServiceDown(),
                    c.beforeCheckVmStatus(), c.evacuateTimeout(), c.sendInterval()))
                    .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofDays(366)));
            assertThat(c.ipmiInfo().toString()).isNotBlank();
            assertThat(c.nodeStorageIpInfo().toString()).isNotBlank();
            assertThat(problems).allSatisfy(p -> assertThat(p).matches("(?s)(line |enable_send_mail = true but ).*"));
            UmhaConfig.Mail mail = c.mail();
            assertThat(mail.port()).isBetween(1, 65_535);
            assertThat(mail.receivers()).allSatisfy(r -> assertThat(MailMessage.isAddress(r)).isTrue());
            assertThat(mail.server() + mail.subject() + mail.username()).doesNotContain("\r", "\n", "\0");
            assertThat(mail.enabled() && mail.unusable().isPresent())
                    .isEqualTo(problems.stream().anyMatch(p -> p.startsWith("enable_send_mail")));
        }
    }

    /** Random characters: ASCII, control and binary bytes, unicode beyond the BMP, the INI syntax's own signs. */
    static String junk(Random random, int max) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> sb.append((char) random.nextInt(32));
                case 1 -> sb.append("=:[]#;\\\"' ".charAt(random.nextInt(10)));
                case 2 -> sb.appendCodePoint(random.nextInt(0x80, 0x110000));
                case 3 -> sb.append(Long.toString(random.nextLong()));
                default -> sb.append((char) (' ' + random.nextInt(95)));
            }
        }
        return sb.toString();
    }
}
