package io.kolladoctor.fixes.evacuation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site's UMHA files read together from one directory. */
class UmhaSiteTest {

    @Test
    void relativeFileNamesAreTakenFromTheConfsDirectory(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("umha.conf"), """
                [DEFAULT]
                has_IPMI = true
                ipmi_info = ipmi_info
                node_storage_ip_info = storage/ips
                on_share_storage = false
                """);
        Files.writeString(tmp.resolve("ipmi_info"), "cmp01:10.2.0.11:admin:Sup3r:Secr3t!\ncmp02:10.2.0.12:admin:0ther-s3cret\n");
        Files.createDirectories(tmp.resolve("storage"));
        Files.writeString(tmp.resolve("storage/ips"), "cmp01:10.1.0.11\ncmp02:10.1.0.12\n");
        UmhaSite site = UmhaSite.load(tmp.resolve("umha.conf"), true);
        assertThat(site.problems()).isEmpty();
        assertThat(site.source()).isEqualTo(tmp.resolve("umha.conf").toString());
        assertThat(site.config().onShareStorage()).isFalse();
        assertThat(site.bmcs()).containsOnlyKeys("cmp01", "cmp02");
        assertThat(site.bmcs().get("cmp01").password()).isEqualTo("Sup3r:Secr3t!");
        assertThat(site.storageIps()).containsEntry("cmp02", "10.1.0.12").hasSize(2);
        assertThat(site.secrets()).containsExactlyInAnyOrder("Sup3r:Secr3t!", "0ther-s3cret");
    }

    @Test
    void theMailPasswordIsASecretForTheMasker(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("umha.conf"), "[DEFAULT]\nhas_IPMI = false\n[email]\nenable_send_mail = true\n"
                + "send_server = smtp.example.com\nsender_username = alerts@example.com\nsender_pwd = M4il-s3cret\n"
                + "receiver_list = ops@example.com\n");
        UmhaSite site = UmhaSite.load(tmp.resolve("umha.conf"), true);
        assertThat(site.problems()).isEmpty();
        assertThat(site.secrets()).containsExactly("M4il-s3cret");
        assertThat(site.toString()).doesNotContain("M4il-s3cret");
    }

    @Test
    void absoluteFileNamesAreUsedAsTheyAre(@TempDir Path tmp) throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("ipmi"), "cmp01:10.2.0.11:admin:Sup3r-Secr3t\n");
        Path conf = Files.createDirectories(tmp.resolve("etc")).resolve("umha.conf");
        Files.writeString(conf, "[DEFAULT]\nipmi_info = " + elsewhere.resolve("ipmi") + "\n");
        UmhaSite site = UmhaSite.load(conf, true);
        assertThat(site.bmcs()).containsOnlyKeys("cmp01");
        // node_storage_ip_info is optional: its absence is no problem
        assertThat(site.problems()).isEmpty();
        assertThat(site.storageIps()).isEmpty();
    }

    @Test
    void withoutIpmiTheBmcListIsNotRead(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("umha.conf"), "[DEFAULT]\nhas_IPMI = false\nipmi_info = ipmi_info\n");
        Files.writeString(tmp.resolve("ipmi_info"), "cmp01:10.2.0.11:admin:Sup3r-Secr3t\n");
        UmhaSite site = UmhaSite.load(tmp.resolve("umha.conf"), true);
        assertThat(site.config().hasIpmi()).isFalse();
        assertThat(site.bmcs()).isEmpty();
        assertThat(site.problems()).isEmpty();
    }

    @Test
    void aMissingIpmiInfoIsReported(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("umha.conf"), "[DEFAULT]\nipmi_info = ipmi_info\n[valve]\npanic_ratio = 2\n");
        UmhaSite site = UmhaSite.load(tmp.resolve("umha.conf"), false);
        assertThat(site.bmcs()).isEmpty();
        assertThat(site.problems()).anySatisfy(p -> assertThat(p).contains("has_IPMI = true")
                .contains(tmp.resolve("ipmi_info").toString()).contains("power states are unknown"));
        assertThat(site.problems()).anySatisfy(p -> assertThat(p).startsWith("line 4: [valve] panic_ratio"));
        assertThat(site.config().valve().panicRatio()).isEqualTo(0.6);
    }

    @Test
    void noConfMeansDefaultsWithTheDeploymentsSharedStorage(@TempDir Path tmp) throws Exception {
        UmhaSite site = UmhaSite.load(tmp.resolve("absent.conf"), false);
        assertThat(site.config()).isEqualTo(UmhaConfig.defaults(false));
        assertThat(site.source()).isEqualTo("defaults");
        assertThat(site.problems()).singleElement().satisfies(p -> assertThat(p).contains("no UMHA configuration"));
        assertThat(UmhaSite.load(null, true).config().onShareStorage()).isTrue();
    }

    @Test
    void bmcProblemLinesAndToStringNeverShowThePassword(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("umha.conf"), "[DEFAULT]\nipmi_info = ipmi_info\n");
        Files.writeString(tmp.resolve("ipmi_info"), "cmp01:10.2.0.11:admin:Sup3r-Secr3t\ncmp02:not an ip:admin:Oth3r-Secr3t\n");
        UmhaSite site = UmhaSite.load(tmp.resolve("umha.conf"), true);
        assertThat(site.problems()).singleElement().satisfies(p -> assertThat(p).doesNotContain("Oth3r-Secr3t"));
        BmcAccess bmc = site.bmcs().get("cmp01");
        assertThat(bmc.toString()).doesNotContain("Sup3r-Secr3t").contains("cmp01").contains("10.2.0.11")
                .contains("admin");
        assertThat(site.toString()).doesNotContain("Sup3r-Secr3t");
        assertThat(bmc.where()).isEqualTo("10.2.0.11");
        assertThat(new BmcAccess("h", "127.0.1.21", 6230, "u", "p4ssw0rd").where()).isEqualTo("127.0.1.21:6230");
        assertThat(Ipmitool.display(bmc, "chassis", "power", "status")).doesNotContain("Sup3r-Secr3t")
                .isEqualTo("ipmitool -I lanplus -C 3 -H 10.2.0.11 -p 623 -U admin -E chassis power status");
    }
}
