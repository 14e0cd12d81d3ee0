package io.kolladoctor.fixes;

/**
 * One step of a fix plan, stated exactly before anything runs: why ({@code purpose}), what ({@code operation}), its
 * risk, and how to undo it ({@code undo}, null when it cannot be undone).
 */
public record Step(String purpose, Operation operation, Risk risk, String undo) {

    public boolean isReversible() {
        return undo != null;
    }
}
