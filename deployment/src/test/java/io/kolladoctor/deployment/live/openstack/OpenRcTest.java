package io.kolladoctor.deployment.live.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.parse.FuzzInputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenRcTest {

    /** Kolla-Ansible's post-deploy admin-openrc.sh as rendered on a deployment (password made up). */
    static final String KOLLA_ADMIN_OPENRC = """
            # Ansible managed

            # Clear any old environment that may conflict.
            for key in $( set | awk '{FS="="}  /^OS_/ {print $1}' ); do unset $key ; done
            export OS_PROJECT_DOMAIN_NAME='Default'
            export OS_USER_DOMAIN_NAME='Default'
            export OS_PROJECT_NAME='admin'
            export OS_TENANT_NAME='admin'
            export OS_USERNAME='admin'
            export OS_PASSWORD='Xq3v9LmPz0aHRt2kWc7e'
            export OS_AUTH_URL='http://10.0.0.10:5000'
            export OS_INTERFACE='internal'
            export OS_ENDPOINT_TYPE='internalURL'
            export OS_CACERT='/etc/kolla/certificates/ca/root.crt'
            export OS_IDENTITY_API_VERSION='3'
            export OS_REGION_NAME='RegionOne'
            export OS_AUTH_PLUGIN='password'
            """;

    @Test
    void readsKollasAdminOpenrcWithoutRunningItsShellLoop() throws Exception {
        Map<String, String> v = OpenRc.parse(KOLLA_ADMIN_OPENRC);
        assertThat(v).containsEntry("OS_PASSWORD", "Xq3v9LmPz0aHRt2kWc7e")
                .containsEntry("OS_AUTH_URL", "http://10.0.0.10:5000")
                .containsEntry("OS_INTERFACE", "internal")
                .containsEntry("OS_CACERT", "/etc/kolla/certificates/ca/root.crt")
                .doesNotContainKey("key");
        CloudCredentials c = OpenStackCredentials.fromVariables(v, "kolla-admin", "admin-openrc.sh", Path.of("/root"));
        assertThat(c.authUrl()).isEqualTo("http://10.0.0.10:5000");
        assertThat(c.identityV3().toString()).isEqualTo("http://10.0.0.10:5000/v3");
        assertThat(c.interfaceName()).isEqualTo("internal");
        assertThat(c.region()).isEqualTo("RegionOne");
        assertThat(c.cacert()).isEqualTo(Path.of("/etc/kolla/certificates/ca/root.crt"));
        assertThat(c.verify()).isTrue();
        assertThat(c.userDomainName()).isEqualTo("Default");
        assertThat(c.missing()).isEmpty();
        assertThat(c.toString()).doesNotContain("Xq3v9LmPz0aHRt2kWc7e");
    }

    @Test
    void shellQuotingIsUndoneLikeBashWould() throws Exception {
        Map<String, String> v = OpenRc.parse("""
                export OS_PASSWORD="p\\"a\\$s\\\\w'd"   # double quotes: \\" \\$ \\\\ escaped
                OS_USERNAME=ad\\ min
                export OS_PROJECT_NAME='it''s'"  here" OS_REGION_NAME=Region\\
                One
                export OS_AUTH_URL=http://h:5000/v3; export OS_INTERFACE=public # trailing comment
                OS_CLOUD_X=ignored echo not-an-assignment
                export -n OS_DEBUG
                """);
        assertThat(v).containsEntry("OS_PASSWORD", "p\"a$s\\w'd")
                .containsEntry("OS_USERNAME", "ad min")
                .containsEntry("OS_PROJECT_NAME", "its  here")
                .containsEntry("OS_REGION_NAME", "RegionOne")
                .containsEntry("OS_AUTH_URL", "http://h:5000/v3")
                .containsEntry("OS_INTERFACE", "public")
                .doesNotContainKey("OS_CLOUD_X");
    }

    @Test
    void laterAssignmentsWin() throws Exception {
        assertThat(OpenRc.parse("export OS_REGION_NAME=One\nexport OS_REGION_NAME=Two\n")).containsEntry("OS_REGION_NAME", "Two");
    }

    @Test
    void anOsValueThatNeedsTheShellIsRefusedWithItsLine() {
        assertThatThrownBy(() -> OpenRc.parse("# devstack style\nread -sr OS_PASSWORD_INPUT\nexport OS_PASSWORD=$OS_PASSWORD_INPUT\n"))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("line 3").hasMessageContaining("OS_PASSWORD").hasMessageContaining("does not run");
        assertThatThrownBy(() -> OpenRc.parse("export OS_AUTH_URL=\"http://$(hostname):5000\"\n"))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("OS_AUTH_URL");
        assertThatThrownBy(() -> OpenRc.parse("export OS_PASSWORD=`cat /root/pw`\n"))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("OS_PASSWORD");
    }

    @Test
    void expansionsOutsideOsVariablesAreSkippedNotRun() throws Exception {
        assertThat(OpenRc.parse("export PATH=$PATH:/opt/bin\nexport OS_USERNAME='admin'\n"))
                .containsEntry("OS_USERNAME", "admin").doesNotContainKey("PATH");
        assertThat(OpenRc.parse("export OS_PASSWORD='$not_expanded_in_single_quotes'\n"))
                .containsEntry("OS_PASSWORD", "$not_expanded_in_single_quotes");
    }

    @Test
    void unterminatedQuotesAreReported() {
        assertThatThrownBy(() -> OpenRc.parse("export OS_PASSWORD='abc\n")).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("line 1").hasMessageContaining("single quote");
        assertThatThrownBy(() -> OpenRc.parse("\n\nexport OS_PASSWORD=\"abc\n")).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("line 3").hasMessageContaining("double quote");
    }

    @Test
    void fuzzedOpenrcFilesEitherParseOrFailWithCredentialsException() {
        List<String> inputs = FuzzInputs.around(List.of(KOLLA_ADMIN_OPENRC, "export OS_PASSWORD=\"a\\\"b\" OS_X='y'; A=b c\n"), 4242L, 3000);
        int parsed = 0;
        for (String input : inputs) {
            try {
                Map<String, String> v = OpenRc.parse(input);
                OpenStackCredentials.fromVariables(v, "kolla-admin", "fuzz", Path.of("/root")).missing();
                parsed++;
            } catch (CredentialsException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(parsed).as("some mutated inputs still parse").isGreaterThan(100);
    }
}
