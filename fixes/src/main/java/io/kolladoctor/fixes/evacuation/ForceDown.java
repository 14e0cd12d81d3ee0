package io.kolladoctor.fixes.evacuation;

import java.io.IOException;
import java.time.Instant;

/**
 * Tells Nova the fenced host's nova-compute is down now (API 2.11 {@code forced_down}) instead of waiting for its
 * heartbeat to age out — without it Nova refuses to evacuate with {@code ComputeServiceInUse}, which is where
 * Masakari users get stuck — waits until Nova reports it down, and disables it with a reason so nothing is scheduled
 * there when it comes back.
 */
public final class ForceDown {

    private final Nova nova;
    private final UmhaSite site;
    private final EvacuationOperator operator;

    public ForceDown(Nova nova, UmhaSite site, EvacuationOperator operator) {
        this.nova = nova;
        this.site = site;
        this.operator = operator;
    }

    /** Returns the account for the history; throws when Nova refuses or the service does not go down in time. */
    public String run(String host, String reason) throws IOException {
        NovaService service = current(host);
        StringBuilder how = new StringBuilder();
        if (service.forcedDown()) {
            how.append("already forced down");
        } else {
            nova.forceDown(host, true);
            how.append("forced down");
        }
        Instant until = Instant.now().plus(site.config().maxWaitForServiceDown());
        while (service.up()) {
            if (Instant.now().isAfter(until)) {
                throw new IOException("Nova still reports nova-compute on " + host + " up "
                        + site.config().maxWaitForServiceDown().toSeconds() + " s after force-down");
            }
            Preflight.sleep(site.config().intervalCheckNovaService());
            service = current(host);
        }
        operator.say("  Nova reports nova-compute on " + host + ": " + service.describe());
        if (service.enabled()) {
            nova.disable(host, reason);
            how.append(", disabled (\"").append(reason).append("\")");
        } else {
            how.append(", already disabled");
        }
        return how.toString();
    }

    private NovaService current(String host) throws IOException {
        return nova.computeServices().stream().filter(s -> s.host().equals(host)).findFirst()
                .orElseThrow(() -> new IOException("nova-compute on " + host + " is gone from Nova"));
    }
}
