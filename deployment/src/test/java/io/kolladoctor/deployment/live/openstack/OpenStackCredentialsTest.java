package io.kolladoctor.deployment.live.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenStackCredentialsTest {

    @TempDir
    Path tmp;
    Path cwd;
    Path home;
    Path openrc;

    static final Map<String, String> OS_VARS = Map.of(
            "OS_AUTH_URL", "http://192.0.2.5:5000/v3/", "OS_USERNAME", "ops", "OS_PASSWORD", "EnvPassw0rd",
            "OS_PROJECT_NAME", "ops", "OS_USER_DOMAIN_ID", "default", "OS_PROJECT_DOMAIN_ID", "default",
            "OS_REGION_NAME", "RegionTwo", "OS_ENDPOINT_TYPE", "adminURL", "OS_INSECURE", "true");

    @BeforeEach
    void files() throws Exception {
        cwd = Files.createDirectories(tmp.resolve("cwd"));
        home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve(".config/openstack"));
        Files.writeString(home.resolve(".config/openstack/clouds.yaml"), CloudsYamlTest.CLOUDS);
        openrc = Files.writeString(tmp.resolve("admin-openrc.sh"), OpenRcTest.KOLLA_ADMIN_OPENRC);
    }

    private CloudCredentials locate(String option, Map<String, String> env) throws CredentialsException {
        return OpenStackCredentials.locate(new OpenStackCredentials.Lookup(option, env, cwd, home, openrc));
    }

    @Test
    void theOptionBeatsOsCloudWhichBeatsOsVariablesWhichBeatKollasOpenrc() throws Exception {
        Map<String, String> everything = new java.util.HashMap<>(OS_VARS);
        everything.put("OS_CLOUD", "lab");
        assertThat(locate("insecure-one", everything).cloud()).isEqualTo("insecure-one");
        CloudCredentials fromOsCloud = locate(null, everything);
        assertThat(fromOsCloud.cloud()).isEqualTo("lab");
        assertThat(fromOsCloud.origin()).contains("clouds.yaml").contains(home.resolve(".config/openstack/clouds.yaml").toString());

        CloudCredentials fromEnv = locate(null, OS_VARS);
        assertThat(fromEnv.cloud()).isEqualTo(OpenStackCredentials.ENV_CLOUD);
        assertThat(fromEnv.identityV3().toString()).isEqualTo("http://192.0.2.5:5000/v3");
        assertThat(fromEnv.interfaceName()).isEqualTo("admin");
        assertThat(fromEnv.region()).isEqualTo("RegionTwo");
        assertThat(fromEnv.verify()).as("OS_INSECURE=true said so").isFalse();

        CloudCredentials fromKolla = locate(null, Map.of());
        assertThat(fromKolla.cloud()).isEqualTo(OpenStackCredentials.KOLLA_CLOUD);
        assertThat(fromKolla.origin()).isEqualTo(openrc.toString());
        assertThat(fromKolla.interfaceName()).isEqualTo("internal");
        assertThat(fromKolla.password()).isEqualTo("Xq3v9LmPz0aHRt2kWc7e");
    }

    @Test
    void nothingFoundListsEveryPlaceLookedAt() throws Exception {
        Files.delete(openrc);
        assertThatThrownBy(() -> locate(null, Map.of())).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("no --os-cloud, no OS_CLOUD, no OS_AUTH_URL")
                .hasMessageContaining(openrc.toString())
                .hasMessageContaining(cwd.toString()).hasMessageContaining("/etc/openstack");
    }

    @Test
    void anOsCloudWithoutCloudsYamlSaysWhereItLooked() throws Exception {
        Files.delete(home.resolve(".config/openstack/clouds.yaml"));
        assertThatThrownBy(() -> locate(null, Map.of("OS_CLOUD", "lab"))).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("OS_CLOUD=lab but no clouds.yaml in " + cwd);
    }

    @Test
    void anOpenrcThatNeedsTheShellNamesTheFile() throws Exception {
        Files.writeString(openrc, "export OS_AUTH_URL=http://k:5000\nexport OS_PASSWORD=$(cat /root/pw)\n");
        assertThatThrownBy(() -> locate(null, Map.of())).isInstanceOf(CredentialsException.class)
                .hasMessageStartingWith(openrc + ": line 2: OS_PASSWORD");
    }

    @Test
    void keystoneV2VariablesAreRefused() {
        assertThatThrownBy(() -> OpenStackCredentials.fromVariables(Map.of("OS_AUTH_URL", "http://k:5000/v2.0",
                "OS_IDENTITY_API_VERSION", "2.0"), "envvars", "env", home))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("Keystone v2");
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        CloudCredentials c = OpenStackCredentials.fromVariables(Map.of("OS_AUTH_URL", "http://k:5000"), "envvars", "env", home);
        assertThat(c.missing()).containsExactly("username or user_id", "password");
        assertThat(OpenStackCredentials.fromVariables(Map.of("OS_AUTH_URL", "http://k:5000", "OS_AUTH_TYPE", "token"),
                "envvars", "env", home).missing()).anyMatch(m -> m.contains("auth_type"));
        assertThatThrownBy(() -> OpenStackCredentials.fromVariables(Map.of("OS_AUTH_URL", "ftp://k"), "e", "env", home).identityV3())
                .isInstanceOf(CredentialsException.class).hasMessageContaining("not an http(s) URL");
    }
}
