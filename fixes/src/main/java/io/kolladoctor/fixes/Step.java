package io.kolladoctor.fixes;

/**
 * One step of a fix plan, stated exactly before anything runs: what it does ({@code action}: the API call
 * with its target, or the command), where ({@code target}: a host or an API endpoint), its risk, and how to
 * undo it ({@code undo}, null when it cannot be undone).
 */
public record Step(String action, String target, Risk risk, String undo) {

    public boolean isReversible() {
        return undo != null;
    }
}
