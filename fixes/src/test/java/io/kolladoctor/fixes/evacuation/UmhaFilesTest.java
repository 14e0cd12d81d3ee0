package io.kolladoctor.fixes.evacuation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** UMHA's ipmi_info and node_storage_ip_info: the seed's examples, comments, colons in passwords, bad lines. */
class UmhaFilesTest {

    @Test
    void ipmiInfoReadsTheSeedsExampleWithCommentsAndBlankLines() {
        List<String> problems = new ArrayList<>();
        Map<String, BmcAccess> bmcs = UmhaFiles.ipmiInfo("""
                # hostname:ip:username:password
                node-1.domain.tld:172.31.11.56:admin:admin

                   # indented comment
                node-3.domain.tld:172.31.11.168:root:root123\r
                """, problems);
        assertThat(problems).isEmpty();
        assertThat(bmcs).containsOnlyKeys("node-1.domain.tld", "node-3.domain.tld");
        assertThat(bmcs.get("node-1.domain.tld"))
                .isEqualTo(new BmcAccess("node-1.domain.tld", "172.31.11.56", 623, "admin", "admin"));
        assertThat(bmcs.get("node-3.domain.tld").password()).isEqualTo("root123");
        assertThat(bmcs.get("node-3.domain.tld").user()).isEqualTo("root");
    }

    @Test
    void aPasswordWithColonsIsKeptWhole() {
        List<String> problems = new ArrayList<>();
        Map<String, BmcAccess> bmcs = UmhaFiles.ipmiInfo("cmp01:10.2.0.11:admin:p4ss:w0rd::x\n", problems);
        assertThat(problems).isEmpty();
        assertThat(bmcs.get("cmp01").password()).isEqualTo("p4ss:w0rd::x");
        assertThat(bmcs.get("cmp01").address()).isEqualTo("10.2.0.11");
    }

    @Test
    void aHostListedTwiceKeepsItsFirstEntryAndSaysSo() {
        List<String> problems = new ArrayList<>();
        Map<String, BmcAccess> bmcs = UmhaFiles.ipmiInfo("cmp01:10.2.0.11:admin:first-secret\n"
                + "cmp01:10.2.0.99:root:second-secret\n", problems);
        assertThat(bmcs.get("cmp01").address()).isEqualTo("10.2.0.11");
        assertThat(problems).singleElement().satisfies(p -> assertThat(p).contains("line 2").contains("cmp01")
                .doesNotContain("second-secret").doesNotContain("first-secret"));
    }

    @Test
    void malformedLinesAreReportedByNumberWithoutTheirText() {
        List<String> problems = new ArrayList<>();
        Map<String, BmcAccess> bmcs = UmhaFiles.ipmiInfo("""
                cmp01:10.2.0.11:admin:hunter2hunter
                cmp02:10.2.0.12:hunter3hunter
                cmp03:fe80::1:admin:hunter4hunter
                :10.2.0.14:admin:hunter5hunter
                cmp05:10.2.0.15::hunter6hunter
                cmp06:10.2.0.16:admin:
                cmp07 10.2.0.17 admin hunter7hunter
                cmp08:10.2.0.18:admin:hunter8hunter
                """, problems);
        assertThat(bmcs).containsOnlyKeys("cmp01", "cmp08");
        assertThat(problems).extracting(p -> p.replaceAll(":.*", ""))
                .containsExactly("ipmi_info line 2", "ipmi_info line 3", "ipmi_info line 4", "ipmi_info line 5",
                        "ipmi_info line 6", "ipmi_info line 7");
        assertThat(problems).allSatisfy(p -> assertThat(p).doesNotContainPattern("hunter\\d").doesNotContain("10.2.0.1")
                .doesNotContain("cmp0"));
    }

    @Test
    void storageIpsReadHostAndAddress() {
        List<String> problems = new ArrayList<>();
        Map<String, String> ips = UmhaFiles.storageIps("""
                # hostname:storage_ip
                node-1.domain.tld:192.168.0.6

                node-3.domain.tld: 192.168.0.10
                node-3.domain.tld:192.168.0.99
                bad line
                node-4.domain.tld:192.168.0.11:admin:hunter2hunter
                """, problems);
        assertThat(ips).containsExactly(Map.entry("node-1.domain.tld", "192.168.0.6"),
                Map.entry("node-3.domain.tld", "192.168.0.10"));
        assertThat(problems).extracting(p -> p.replaceAll(":.*", ""))
                .containsExactly("node_storage_ip_info line 6", "node_storage_ip_info line 7");
        // an ipmi_info line pasted into the wrong file does not put its password on the screen
        assertThat(problems).allSatisfy(p -> assertThat(p).doesNotContain("hunter2hunter"));
    }

    @Test
    void anAddressIsADottedIpv4OrAHostName() {
        assertThat(UmhaFiles.isAddress(" 10.0.0.1 ")).isTrue();
        assertThat(UmhaFiles.isAddress("bmc-cmp01.lab")).isTrue();
        assertThat(UmhaFiles.isAddress("")).isFalse();
        assertThat(UmhaFiles.isAddress("-x")).isFalse();
        assertThat(UmhaFiles.isAddress("10.0.0.1/24")).isFalse();
        assertThat(UmhaFiles.isAddress("a".repeat(254))).isFalse();
    }

    @Test
    void fuzzNeverThrowsAndNeverEchoesAnIpmiLine() {
        Random random = new Random(623L);
        for (int n = 0; n < 4000; n++) {
            StringBuilder text = new StringBuilder();
            int lines = random.nextInt(20);
            for (int l = 0; l < lines; l++) {
                switch (random.nextInt(4)) {
                    case 0 -> text.append("cmp").append(random.nextInt(5)).append(':').append("10.2.0.")
                            .append(random.nextInt(300)).append(':').append(UmhaConfigTest.junk(random, 6)).append(':')
                            .append("SECRET!").append(UmhaConfigTest.junk(random, 10));
                    case 1 -> text.append(UmhaConfigTest.junk(random, 80));
                    case 2 -> text.append("cmp").append(random.nextInt(5)).append(":".repeat(random.nextInt(4))).append("SECRET!")
                            .append(UmhaConfigTest.junk(random, 20));
                    default -> text.append(random.nextBoolean() ? "# " : "").append("host").append(':')
                            .append(UmhaConfigTest.junk(random, 15));
                }
                text.append(random.nextBoolean() ? "\n" : "\r\n");
            }
            List<String> problems = new ArrayList<>();
            Map<String, BmcAccess> bmcs = UmhaFiles.ipmiInfo(text.toString(), problems);
            Map<String, String> ips = UmhaFiles.storageIps(text.toString(), problems);
            assertThat(problems).allSatisfy(p -> assertThat(p).doesNotContain("SECRET!"));
            assertThat(bmcs.values()).allSatisfy(b -> {
                assertThat(b.host()).isNotBlank().doesNotContain(":");
                assertThat(UmhaFiles.isAddress(b.address())).isTrue();
                assertThat(b.user()).isNotBlank();
                assertThat(b.password()).isNotEmpty();
                assertThat(b.toString()).doesNotContain("SECRET!");
            });
            assertThat(ips.values()).allSatisfy(ip -> assertThat(UmhaFiles.isAddress(ip)).isTrue());
        }
    }
}
