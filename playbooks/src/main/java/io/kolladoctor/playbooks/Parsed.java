package io.kolladoctor.playbooks;

import java.util.List;

/** A playbook file read: the playbook when it is valid (null otherwise) and every problem found, in file order. */
public record Parsed(Playbook playbook, List<Problem> problems) {

    public Parsed {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty() && playbook != null;
    }
}
