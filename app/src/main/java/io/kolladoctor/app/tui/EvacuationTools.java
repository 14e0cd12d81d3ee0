package io.kolladoctor.app.tui;

import io.kolladoctor.app.cli.EvacuationOptions;
import io.kolladoctor.fixes.evacuation.Bmcs;
import io.kolladoctor.fixes.evacuation.EvacuationHistory;
import io.kolladoctor.fixes.evacuation.Ipmitool;
import io.kolladoctor.fixes.evacuation.Probes;
import io.kolladoctor.fixes.evacuation.UmhaSite;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the console's evacuation wizard works with besides Nova: UMHA's settings, the BMCs, the network probes, the
 * history file and the pause between probe rounds (unless {@code --probe-interval} says). {@link #standard()} is what {@code kolla-doctor evacuate} uses.
 */
public record EvacuationTools(Sites sites, Bmcs bmcs, Probes probes, Path history, Duration probeInterval) {

    /**
     * UMHA's settings from {@code conf} (UMHA's own place unless {@code --umha-conf} says otherwise);
     * {@code sharedStorage}: what the deployment says (nova_backend_ceph) when no conf does.
     */
    @FunctionalInterface
    public interface Sites {
        UmhaSite load(Path conf, boolean sharedStorage) throws IOException;
    }

    public static EvacuationTools standard() {
        return new EvacuationTools(UmhaSite::load, new Ipmitool(), Probes.network(),
                EvacuationHistory.standardPath(System.getenv(), Path.of(System.getProperty("user.home"))),
                EvacuationOptions.DEFAULT_PROBE_INTERVAL);
    }
}
