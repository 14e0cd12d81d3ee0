package io.kolladoctor.deployment.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    private final SecretMasker masker = SecretMasker.patterns().withKnown(List.of("Sup3rS3cretValue"));

    @Test
    void masksOsloOptionsButNotTheirNeighbours() {
        String conf = """
                [keystone_authtoken]
                auth_type = password
                username = aodh
                password = hunter2hunter2
                memcache_secret_key = abcdef123456
                token_cache_time = 300
                """;
        String masked = masker.mask(conf);
        assertThat(masked).contains("password = ********").contains("memcache_secret_key = ********")
                .contains("auth_type = password").contains("username = aodh").contains("token_cache_time = 300")
                .doesNotContain("hunter2").doesNotContain("abcdef123456");
    }

    @Test
    void masksUmhasMailPasswordShortAsItIs() {
        // UMHA's umha.conf [email] calls it sender_pwd; a short one is below the known-value masking's floor
        String masked = masker.mask("[email]\nsender_username = ops@example.org\nsender_pwd = abc\nsend_port = 25\n");
        assertThat(masked).contains("sender_pwd = ********").contains("sender_username = ops@example.org")
                .contains("send_port = 25").doesNotContain("abc\n");
    }

    @Test
    void masksUrlCredentialsJsonFieldsHeadersAndKnownValues() {
        assertThat(masker.mask("transport_url = rabbit://openstack:R4bb1tPw@10.0.0.11:5672//"))
                .isEqualTo("transport_url = rabbit://openstack:********@10.0.0.11:5672//");
        assertThat(masker.mask("connection = mysql+pymysql://nova:DbPw99@10.0.0.10/nova"))
                .doesNotContain("DbPw99");
        assertThat(masker.mask("{\"user\": \"heat\", \"password\": \"x\\\"y\"}")).isEqualTo("{\"user\": \"heat\", \"password\": \"********\"}");
        assertThat(masker.mask("X-Auth-Token: gAAAAABfoo")).isEqualTo("X-Auth-Token: ********");
        assertThat(masker.mask("export OS_PASSWORD=Adm1n")).isEqualTo("export OS_PASSWORD=********");
        assertThat(masker.mask("the log said Sup3rS3cretValue twice: Sup3rS3cretValue"))
                .isEqualTo("the log said ******** twice: ********");
        assertThat(masker.mask("keystone_admin_password: Adm1nS3cret")).isEqualTo("keystone_admin_password: ********");
    }

    @Test
    void isIdempotentAndKeepsPlainText() {
        String once = masker.mask("password = abc\nhost = ctl1");
        assertThat(masker.mask(once)).isEqualTo(once);
        assertThat(masker.mask("Listen 10.0.0.11:8042")).isEqualTo("Listen 10.0.0.11:8042");
        assertThat(masker.mask(null)).isNull();
    }

    @Test
    void masksInlineAssignmentsInMessagesAndCommandLines() {
        assertThat(masker.mask("{\"error\": \"Conflict password=hunter2hunter\"}"))
                .isEqualTo("{\"error\": \"Conflict password=" + SecretMasker.MASK + "\"}");
        assertThat(masker.mask("openstack --os-password=s3cret server list"))
                .isEqualTo("openstack --os-password=" + SecretMasker.MASK + " server list");
        assertThat(masker.mask("GET /v3/auth?token=abcdef0123&x=1")).contains("token=" + SecretMasker.MASK + "&x=1");
        String harmless = "ansible_ssh_private_key_file=/root/.ssh/id_rsa ansible_host=10.0.0.1 region_name=RegionOne";
        assertThat(masker.mask(harmless)).isEqualTo(harmless);
    }
}
