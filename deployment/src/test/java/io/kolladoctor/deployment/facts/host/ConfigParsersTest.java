package io.kolladoctor.deployment.facts.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.deployment.parse.FuzzInputs;
import io.kolladoctor.deployment.parse.MalformedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigParsersTest {

    static final String HEAT_CONF = """
            [DEFAULT]
            debug = False
            log_dir = /var/log/kolla/heat
            transport_url = rabbit://openstack:pw@10.0.0.11:5672,openstack:pw@10.0.0.12:5672//
            region_name_for_services = RegionOne
            [keystone_authtoken]
            www_authenticate_uri = http://10.0.0.10:5000
            memcached_servers = 10.0.0.11:11211,
                10.0.0.12:11211
            [DEFAULT]
            debug = True
            """;

    static final String WSGI = """
            Listen 10.0.0.11:8042
            Listen [fe80::1]:8043
            Listen 8044 https
            <VirtualHost *:8042>
                WSGIDaemonProcess aodh processes=2 threads=1 user=aodh group=aodh display-name=%{GROUP}
            </VirtualHost>
            Listen aodh-api:8042
            Listen nonsense:99999
            """;

    @Test
    void iniKeepsLinesLastValueWinsAndJoinsContinuations() {
        IniConfig ini = IniConfig.parse(HEAT_CONF);
        assertThat(ini.option("DEFAULT", "region_name_for_services").orElseThrow().line()).isEqualTo(5);
        assertThat(ini.value("DEFAULT", "debug")).contains("True");
        assertThat(ini.value("keystone_authtoken", "memcached_servers")).contains("10.0.0.11:11211,\n10.0.0.12:11211");
        assertThat(ini.value("DEFAULT", "nope")).isEmpty();
    }

    @Test
    void apacheListenForms() {
        ApacheConfig conf = ApacheConfig.parse(WSGI);
        assertThat(conf.listens()).extracting(ApacheConfig.Listen::endpoint)
                .containsExactly("10.0.0.11:8042", "[fe80::1]:8043", "8044", "aodh-api:8042");
        assertThat(conf.listens().get(2).isWildcard()).isTrue();
        assertThat(conf.listens().get(3).line()).isEqualTo(7);
        assertThat(conf.badListenLines()).containsExactly(8);
    }

    @Test
    void fuzzedConfigsNeverThrow() {
        for (String input : FuzzInputs.around(List.of(HEAT_CONF, WSGI), 42L, 3000)) {
            IniConfig.parse(input);
            ApacheConfig.parse(input);
        }
    }

    @Test
    void fuzzedCommandOutputsParseOrFailCleanly() {
        List<String> samples = List.of(
                "{\"blockdevices\": [{\"name\": \"sdb\", \"path\": \"/dev/sdb\", \"type\": \"disk\", \"size\": \"20G\", \"partlabel\": null, \"label\": null, \"fstype\": null, \"mountpoint\": null, \"children\": [{\"name\": \"sdb1\", \"path\": \"/dev/sdb1\", \"type\": \"part\", \"size\": \"20G\", \"partlabel\": \"新加卷\", \"label\": \"新加卷\", \"fstype\": \"ntfs\", \"mountpoint\": null}]}]}",
                "[{\"ifindex\":1,\"ifname\":\"lo\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"127.0.0.1\",\"prefixlen\":8}]}]",
                "{\"partitiontable\": {\"label\": \"gpt\", \"device\": \"/dev/sdb\", \"partitions\": [{\"node\": \"/dev/sdb1\", \"start\": 2048, \"size\": 41938944, \"name\": \"KOLLA_CEPH_OSD_BOOTSTRAP_BS\"}]}}");
        for (String input : FuzzInputs.around(samples, 99L, 3000)) {
            for (Parser p : List.<Parser>of(HostCommands::parseLsblk, HostCommands::parseIpAddr, HostCommands::parseSfdisk)) {
                try {
                    p.parse(input);
                } catch (MalformedException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
            HostCommands.parseGetent(input);
        }
    }

    @FunctionalInterface
    interface Parser {
        Object parse(String text) throws MalformedException;
    }
}
