package io.kolladoctor.fixes;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.fixes.catalog.CephOsdBootstrapLabelsRelabel;
import io.kolladoctor.fixes.catalog.ContainersExitedStart;
import io.kolladoctor.fixes.catalog.HeatRegionNullSetRegion;
import io.kolladoctor.fixes.catalog.KeystoneServiceProjectGrant;
import io.kolladoctor.fixes.catalog.NeutronStaleFloatingIpsRelease;
import io.kolladoctor.fixes.catalog.WsgiListenAddressRebind;
import io.kolladoctor.fixes.catalog.WsgiListenAddressRebindConfigmap;
import java.util.List;
import java.util.Optional;

/** Every fix, and which one acts on a finding. */
public final class Fixes {

    private static final List<Fix> ALL = List.of(
            new ContainersExitedStart(), new KeystoneServiceProjectGrant(), new NeutronStaleFloatingIpsRelease(),
            new WsgiListenAddressRebind(), new WsgiListenAddressRebindConfigmap(), new CephOsdBootstrapLabelsRelabel(), new HeatRegionNullSetRegion());

    private Fixes() {
    }

    public static List<Fix> all() {
        return ALL;
    }

    public static Optional<Fix> byId(String id) {
        return ALL.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public static List<Fix> forCheck(String checkId) {
        return ALL.stream().filter(f -> f.checkId().equals(checkId)).toList();
    }

    /**
     * A finding's subject as plans name it: {@code host/name} ({@code host:/path} for a file), or {@code name} for
     * cloud-wide subjects.
     */
    public static String subjectOf(Finding finding) {
        String host = finding.subject().host();
        String name = finding.subject().name();
        return host == null ? name : host + (name.startsWith("/") ? ":" : "/") + name;
    }
}
