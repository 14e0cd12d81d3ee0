package io.kolladoctor.deployment.live.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.parse.FuzzInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudsYamlTest {

    static final Path HOME = Path.of("/home/ops");

    /** The shape of a Kolla operator's clouds.yaml (Kolla-Ansible's post-deploy writes the same keys). */
    static final String CLOUDS = """
            clouds:
              kolla-admin:
                auth:
                  auth_url: https://10.0.0.10:5000
                  username: admin
                  project_name: admin
                  user_domain_name: Default
                  project_domain_name: Default
                region_name: RegionOne
                interface: internal
                identity_api_version: 3
                cacert: ~/kolla/ca/root.crt
              lab:
                auth:
                  auth_url: http://172.29.0.11:5000/v3
                  username: admin
                  password: Hj5Kq2Lw9Zr4
                  project_name: admin
                  user_domain_name: Default
                  project_domain_name: Default
                region_name: RegionOne
                interface: public
                identity_api_version: 3
              insecure-one:
                auth: {auth_url: "https://k:5000", username: ops, password: pw123456, project_id: 0123abcd}
                endpoint_type: publicURL
                verify: no
                regions: [RegionTwo, RegionThree]
              cafile-in-verify:
                auth: {auth_url: "https://k:5000", application_credential_id: ac1, application_credential_secret: s3cr3tValue}
                auth_type: v3applicationcredential
                verify: /etc/ssl/private-ca.pem
            """;

    static final String SECURE = """
            clouds:
              kolla-admin:
                auth:
                  password: SecurePw9876
            """;

    @Test
    void readsACloudWithItsRegionInterfaceAndCacert() throws Exception {
        CloudCredentials c = CloudsYaml.parse("kolla-admin", CLOUDS, SECURE, "clouds.yaml cloud 'kolla-admin'", HOME);
        assertThat(c.cloud()).isEqualTo("kolla-admin");
        assertThat(c.identityV3().toString()).isEqualTo("https://10.0.0.10:5000/v3");
        assertThat(c.password()).as("secure.yaml merged over clouds.yaml").isEqualTo("SecurePw9876");
        assertThat(c.region()).isEqualTo("RegionOne");
        assertThat(c.interfaceName()).isEqualTo("internal");
        assertThat(c.cacert()).isEqualTo(HOME.resolve("kolla/ca/root.crt"));
        assertThat(c.verify()).isTrue();
        assertThat(c.missing()).isEmpty();
        assertThat(c.toString()).doesNotContain("SecurePw9876").contains("********");
    }

    @Test
    void verificationIsOffOnlyWhenTheFileSaysSo() throws Exception {
        assertThat(CloudsYaml.parse("lab", CLOUDS, null, "o", HOME).verify()).isTrue();
        CloudCredentials insecure = CloudsYaml.parse("insecure-one", CLOUDS, null, "o", HOME);
        assertThat(insecure.verify()).as("YAML 1.1 'no' like PyYAML").isFalse();
        assertThat(insecure.interfaceName()).as("endpoint_type publicURL").isEqualTo("public");
        assertThat(insecure.region()).isEqualTo("RegionTwo");
        assertThat(insecure.userDomainId()).as("OpenStackClient's default domain").isEqualTo("default");
        CloudCredentials caInVerify = CloudsYaml.parse("cafile-in-verify", CLOUDS, null, "o", HOME);
        assertThat(caInVerify.verify()).isTrue();
        assertThat(caInVerify.cacert()).as("requests' verify=<bundle>").isEqualTo(Path.of("/etc/ssl/private-ca.pem"));
        assertThat(caInVerify.authType()).isEqualTo("v3applicationcredential");
        assertThat(caInVerify.missing()).isEmpty();
    }

    @Test
    void anUnknownCloudNamesTheOnesThatExist() {
        assertThatThrownBy(() -> CloudsYaml.parse("prod", CLOUDS, null, "clouds.yaml cloud 'prod' (/etc/openstack/clouds.yaml)", HOME))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("no cloud 'prod'")
                .hasMessageContaining("cafile-in-verify, insecure-one, kolla-admin, lab");
    }

    @Test
    void keystoneV2AndBadShapesAreRefusedClearly() {
        assertThatThrownBy(() -> CloudsYaml.parse("x", "clouds: {x: {auth: {auth_url: 'http://k:5000/v2.0'}, identity_api_version: 2}}", null, "o", HOME))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("Keystone v2");
        assertThatThrownBy(() -> CloudsYaml.parse("x", "clouds: {x: {auth: [a, b]}}", null, "o", HOME))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("not a mapping");
        assertThatThrownBy(() -> CloudsYaml.parse("x", "clouds: {x: {auth: {password: {nested: secretvalue}}}}", null, "o", HOME))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("'password' must be a single value")
                .hasMessageNotContaining("secretvalue");
        assertThatThrownBy(() -> CloudsYaml.parse("x", "clouds:\n  x: [\n", null, "o", HOME))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("invalid YAML");
    }

    @Test
    void searchPathIsOpenstacksdksAndTheFirstFileWins(@TempDir Path tmp) throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("work"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path user = Files.createDirectories(home.resolve(".config/openstack"));
        Files.writeString(user.resolve("clouds.yaml"), CLOUDS);
        Map<String, String> env = Map.of();
        assertThat(CloudsYaml.findClouds(env, cwd, home)).contains(user.resolve("clouds.yaml"));
        Files.writeString(cwd.resolve("clouds.yml"), CLOUDS);
        assertThat(CloudsYaml.findClouds(env, cwd, home)).as("current directory first").contains(cwd.resolve("clouds.yml"));
        Path explicit = Files.writeString(tmp.resolve("mine.yaml"), CLOUDS);
        assertThat(CloudsYaml.findClouds(Map.of("OS_CLIENT_CONFIG_FILE", explicit.toString()), cwd, home)).contains(explicit);
        Path xdg = Files.createDirectories(tmp.resolve("xdg/openstack"));
        Files.writeString(xdg.resolve("secure.yaml"), SECURE);
        assertThat(CloudsYaml.findSecure(Map.of("XDG_CONFIG_HOME", tmp.resolve("xdg").toString()), tmp.resolve("nowhere"), home))
                .contains(xdg.resolve("secure.yaml"));
        assertThat(CloudsYaml.searchDirectories(env, cwd, home)).containsExactly(cwd, user, Path.of("/etc/openstack"));
    }

    @Test
    void fuzzedCloudsFilesEitherParseOrFailWithCredentialsException() {
        List<String> inputs = FuzzInputs.around(List.of(CLOUDS, SECURE), 777L, 3000);
        int parsed = 0;
        for (String input : inputs) {
            for (String cloud : List.of("lab", "kolla-admin")) {
                try {
                    CloudCredentials c = CloudsYaml.parse(cloud, input, SECURE, "fuzz", HOME);
                    c.missing();
                    try {
                        c.identityV3();
                    } catch (CredentialsException fine) {
                        assertThat(fine.getMessage()).isNotBlank();
                    }
                    parsed++;
                } catch (CredentialsException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
            try {
                CloudsYaml.parse("kolla-admin", CLOUDS, input, "fuzz", HOME);
            } catch (CredentialsException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(parsed).isGreaterThan(100);
    }
}
