package io.kolladoctor.checks.catalog;

import io.kolladoctor.checks.Check;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Every check kolla-doctor has, by ID. One line per check. */
public final class Catalog {

    private static final List<Supplier<Check>> CHECKS = Arrays.asList(
            // checks: (keep one per line, sorted by ID)
            CephOsdBootstrapLabels::new,
            ContainersExited::new,
            HeatRegionNull::new,
            KeystoneServiceProjectMembership::new,
            NeutronStaleFloatingIps::new,
            WsgiListenAddress::new
    );

    private Catalog() {
    }

    public static List<Check> all() {
        return CHECKS.stream().map(Supplier::get).sorted(Comparator.comparing(c -> c.info().id())).toList();
    }

    public static Optional<Check> byId(String id) {
        return all().stream().filter(c -> c.info().id().equals(id)).findFirst();
    }
}
