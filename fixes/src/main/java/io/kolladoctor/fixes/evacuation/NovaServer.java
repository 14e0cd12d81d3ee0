package io.kolladoctor.fixes.evacuation;

/**
 * An instance as {@code GET /servers/{id}} shows it to an admin. {@code volumeBacked}: booted from a volume (no
 * image), so its root disk survives the host.
 */
public record NovaServer(String id, String name, String host, String status, String vmState, String taskState,
                         boolean locked, boolean volumeBacked, String flavorId, String fault) {

    public String label() {
        return name == null || name.isBlank() ? id : name + " (" + id.substring(0, Math.min(8, id.length())) + ")";
    }
}
