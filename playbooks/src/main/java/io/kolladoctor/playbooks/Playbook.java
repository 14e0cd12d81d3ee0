package io.kolladoctor.playbooks;

import java.util.List;
import java.util.Optional;

/**
 * A runbook: its name (what {@code playbook run NAME} takes), a one-line title, a description and its steps in
 * order. {@code origin} says where it was read from (a file path, or {@code bundled:NAME.yaml}); {@code digest}
 * is the SHA-256 of its text, written into the journal so a resume can tell the playbook changed since.
 */
public record Playbook(String name, String title, String description, List<PlaybookStep> steps, String origin,
                       String digest) {

    public Playbook {
        steps = List.copyOf(steps);
    }

    public Optional<Integer> indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
