package io.kolladoctor.deployment.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.deployment.model.Passwords;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class PasswordsFileMaskingTest {

    /** The shapes of Kolla's passwords.yml: flat secrets, empty ones, nested SSH key pairs with block scalars. */
    static final String KOLLA_PASSWORDS = """
            ---
            # Kolla passwords
            ceph_cluster_fsid: 7f4b2c1e-5a3d-4e6f-9b8a-1c2d3e4f5a6b
            database_password: Zx81kq0PLmN3vB5
            docker_registry_password:
            keystone_admin_password: 'quoted secret'
            rabbitmq_password: "dq"
            keystone_ssh_key:
              private_key: |
                -----BEGIN OPENSSH PRIVATE KEY-----
                b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
                -----END OPENSSH PRIVATE KEY-----
              public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
            nova_ssh_key:
              private_key: |-
                ABCDEF0123456789secretline
            octavia_ca_password: ~
            """;

    @Test
    void everyValueIsMaskedAndTheFileStaysValidYaml() {
        String masked = PasswordsFileMasking.mask(KOLLA_PASSWORDS);

        for (String secret : new String[] {"Zx81kq0PLmN3vB5", "quoted secret", "dq", "b3BlbnNzaC1rZXkt", "AAAAC3Nza",
                "7f4b2c1e", "ABCDEF0123456789secretline", "BEGIN OPENSSH"}) {
            assertThat(masked).doesNotContain(secret);
        }
        Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(masked);
        assertThat(yaml).containsEntry("database_password", SecretMasker.MASK)
                .containsEntry("docker_registry_password", null)
                .containsEntry("octavia_ca_password", null);
        assertThat(yaml.get("keystone_ssh_key")).isInstanceOf(Map.class);
        assertThat(masked).contains("# Kolla passwords");
    }

    @Test
    void maskedFileStillParsesAsPasswords() throws Exception {
        Passwords passwords = Passwords.parse(PasswordsFileMasking.mask(KOLLA_PASSWORDS));
        assertThat(passwords.secretValues()).isNotEmpty().allMatch(v -> v.replace(SecretMasker.MASK, "").isBlank());
    }

    @Test
    void arbitraryInputNeverThrowsAndKeepsLineCount() {
        Random random = new Random(42);
        String alphabet = "ab:_- \t|>#'\"\n\n{}[]~\u00e9\u4e2d";
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(200);
            for (int j = 0; j < n; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = s.toString();
            String out = PasswordsFileMasking.mask(input);
            assertThat(out.split("\n", -1)).hasSameSizeAs(input.split("\n", -1));
        }
    }
}
