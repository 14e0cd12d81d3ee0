package io.kolladoctor.fixes.evacuation;

/** A {@code nova-compute} service as {@code GET /os-services} shows it. */
public record NovaService(String id, String host, String zone, boolean up, boolean enabled, boolean forcedDown,
                          String disabledReason, String updatedAt) {

    /** Where an instance may be sent: up, enabled, not forced down. */
    public boolean usable() {
        return up && enabled && !forcedDown;
    }

    /** {@code up, enabled} / {@code down (forced), disabled: reason}. */
    public String describe() {
        return (up ? "up" : "down") + (forcedDown ? " (forced)" : "") + ", "
                + (enabled ? "enabled" : "disabled" + (disabledReason == null || disabledReason.isBlank() ? "" : ": " + disabledReason));
    }
}
