package io.kolladoctor.deployment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.parse.FuzzInputs;
import io.kolladoctor.deployment.parse.MalformedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalsTest {

    static final String GLOBALS = """
            ---
            kolla_base_distro: "centos"
            openstack_release: "rocky"
            network_interface: "ens3"
            enable_heat: no
            enable_magnum: "yes"
            enable_ceph: yes
            enable_aodh: "False"
            """;

    @Test
    void readsYaml11BooleansQuotedOrNot() throws Exception {
        Globals g = Globals.parse(GLOBALS);
        assertThat(g.enabled("heat")).isFalse();   // unquoted no: a YAML 1.1 boolean
        assertThat(g.enabled("magnum")).isTrue();  // quoted "yes": Ansible's | bool
        assertThat(g.enabled("ceph")).isTrue();
        assertThat(g.enabled("aodh")).isFalse();
    }

    @Test
    void fallsBackToKollaDefaultsAndResolvesReferences() throws Exception {
        Globals g = Globals.parse(GLOBALS);
        assertThat(g.string("openstack_region_name")).isEqualTo("RegionOne");
        assertThat(g.string("api_interface")).isEqualTo("ens3"); // "{{ network_interface }}"
        assertThat(g.enabled("nova")).isTrue();                  // "{{ enable_openstack_core | bool }}"
        assertThat(g.string("ceph_osd_store_type")).isEqualTo("bluestore");
        assertThat(g.whereSet("enable_magnum")).isEqualTo("globals.yml line 6");
        assertThat(g.whereSet("ceph_osd_store_type")).isEqualTo("Kolla default");
    }

    @Test
    void emptyFileMeansDefaultsAndBadYamlNamesTheLine() throws Exception {
        assertThat(Globals.parse("").enabled("keystone")).isTrue();
        assertThatThrownBy(() -> Globals.parse("enable_heat: yes\n  bad: [\n"))
                .isInstanceOf(MalformedException.class).hasMessageContaining("line");
        assertThatThrownBy(() -> Globals.parse("- a list\n- not a mapping\n"))
                .isInstanceOf(MalformedException.class).hasMessageContaining("mapping");
    }

    @Test
    void fuzzedGlobalsParseOrFailCleanly() {
        for (String input : FuzzInputs.around(List.of(GLOBALS), 7L, 2000)) {
            try {
                Globals g = Globals.parse(input);
                g.enabled("heat");
                g.string("api_interface");
            } catch (MalformedException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
