package io.kolladoctor.checks.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.deployment.facts.host.ApacheConfig;
import io.kolladoctor.deployment.facts.kubernetes.KubeService;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenSupportTest {

    private static final List<KubeService> SERVICES = List.of(
            new KubeService("kolla", "aodh-api", "10.233.12.34", "ClusterIP"),
            new KubeService("kolla", "memcached", "None", "ClusterIP"));

    @Test
    void ipLiteralsAreComparedAsAddressesAndNamesAreNeverLookedUp() {
        assertThat(IpAddresses.isLiteral("10.0.0.11")).isTrue();
        assertThat(IpAddresses.isLiteral("fe80::5054:ff:fe0a:b00")).isTrue();
        assertThat(IpAddresses.isLiteral("aodh-api")).isFalse();
        assertThat(IpAddresses.isLiteral("300.1.1.1")).isFalse();
        assertThat(IpAddresses.normalize("::1")).isEqualTo(IpAddresses.normalize("0:0:0:0:0:0:0:1"));
        assertThat(IpAddresses.isLoopback("127.0.1.1")).isTrue();
        assertThat(IpAddresses.isLoopback("10.0.0.11")).isFalse();
    }

    @Test
    void serviceNamesResolveInEveryDnsSpellingOfTheirNamespaceOnly() {
        for (String name : List.of("aodh-api", "aodh-api.kolla", "aodh-api.kolla.svc", "aodh-api.kolla.svc.cluster.local.")) {
            assertThat(KubeNames.service(name, "kolla", SERVICES)).as(name).map(KubeService::clusterIp).contains("10.233.12.34");
        }
        assertThat(KubeNames.service("aodh-api.openstack", "kolla", SERVICES)).isEmpty();
        assertThat(KubeNames.service("keystone-public", "kolla", SERVICES)).isEmpty();
        assertThat(KubeNames.isHeadless(SERVICES.get(1))).isTrue();
    }

    @Test
    void onlyServiceDirectoriesOfEtcKollaHoldApacheConfigs() {
        assertThat(ApacheConfigFiles.isKollaApacheConfig("/etc/kolla/aodh-api/wsgi-aodh.conf")).isTrue();
        assertThat(ApacheConfigFiles.isKollaApacheConfig("/etc/kolla/cinder-api/cinder-wsgi.conf")).isTrue();
        assertThat(ApacheConfigFiles.isKollaApacheConfig("/etc/kolla/horizon/horizon.conf")).isTrue();
        assertThat(ApacheConfigFiles.isKollaApacheConfig("/etc/kolla/heat-api/wsgi-heat-api.conf")).isTrue();
        assertThat(ApacheConfigFiles.isKollaApacheConfig("/etc/kolla/fluentd/input/04-openstack-wsgi.conf")).isFalse();
        assertThat(ApacheConfigFiles.isKollaApacheConfig("/etc/kolla/config/cinder/cinder-wsgi.conf")).isFalse();
        assertThat(ApacheConfigFiles.isKollaApacheConfig("/etc/kolla/keystone/keystone.conf")).isFalse();
        assertThat(ApacheConfigFiles.kollaContainer("/etc/kolla/placement-api/placement-api-wsgi.conf")).contains("placement_api");
    }

    @Test
    void aWildcardClaimOverlapsEveryAddressOfItsPort() {
        ApacheConfig a = ApacheConfig.parse("Listen 8042\n");
        ApacheConfig b = ApacheConfig.parse("Listen 10.0.0.11:8042\nListen 10.0.0.11:8041\n");
        PortClaims claims = new PortClaims();
        claims.add("a", a.listens().get(0), Set.of());
        claims.add("b", b.listens().get(0), Set.of("10.0.0.11"));
        claims.add("b", b.listens().get(1), Set.of("10.0.0.11"));
        assertThat(claims.conflicts()).containsOnlyKeys(8042);
        PortClaims apart = new PortClaims();
        apart.add("b", b.listens().get(0), Set.of("10.0.0.11"));
        apart.add("c", b.listens().get(0), Set.of("10.0.2.11"));
        assertThat(apart.conflicts()).isEmpty();
    }
}
