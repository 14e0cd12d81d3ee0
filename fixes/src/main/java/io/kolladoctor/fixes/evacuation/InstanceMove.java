package io.kolladoctor.fixes.evacuation;

import java.util.List;

/**
 * What the plan does with one instance of the failed host: {@code EVACUATE} (its disk survives: on a volume or on
 * shared storage), {@code REBUILD} (local disk: rebuilt from its image on the target, disk contents lost), or
 * {@code STAY} (not movable, and why). {@code target} is the chosen host, or null for Nova's scheduler;
 * {@code notes} say what else happens (state reset, capacity not checkable) and, for STAY, why each host was refused.
 */
public record InstanceMove(NovaServer server, Disposition disposition, String target, String reason,
                           List<String> notes) {

    public enum Disposition { EVACUATE, REBUILD, STAY }

    public InstanceMove {
        notes = List.copyOf(notes);
    }

    public boolean moves() {
        return disposition != Disposition.STAY;
    }
}
