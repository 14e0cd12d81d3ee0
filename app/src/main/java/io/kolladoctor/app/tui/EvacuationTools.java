package io.kolladoctor.app.tui;

import io.kolladoctor.fixes.evacuation.Bmcs;
import io.kolladoctor.fixes.evacuation.EvacuationHistory;
import io.kolladoctor.fixes.evacuation.Ipmitool;
import io.kolladoctor.fixes.evacuation.Probes;
import io.kolladoctor.fixes.evacuation.UmhaConfig;
import io.kolladoctor.fixes.evacuation.UmhaSite;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the console's evacuation wizard works with besides Nova: UMHA's settings, the BMCs, the network probes, the
 * history file and the pause between probe rounds. {@link #standard()} is what {@code kolla-doctor evacuate} uses.
 */
public record EvacuationTools(Sites sites, Bmcs bmcs, Probes probes, Path history, Duration probeInterval) {

    /** UMHA's settings; {@code sharedStorage}: what the deployment says (nova_backend_ceph) when no conf does. */
    @FunctionalInterface
    public interface Sites {
        UmhaSite load(boolean sharedStorage) throws IOException;
    }

    public static EvacuationTools standard() {
        return new EvacuationTools(ceph -> UmhaSite.load(UmhaConfig.STANDARD, ceph), new Ipmitool(), Probes.network(),
                EvacuationHistory.standardPath(System.getenv(), Path.of(System.getProperty("user.home"))),
                Duration.ofSeconds(2));
    }
}
