package io.kolladoctor.playbooks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** The problems of one file as they are found; handed out in file order. */
final class Problems {

    private final String file;
    private final List<Problem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void at(Node node, String message) {
        at(node == null ? null : node.getStartMark(), message);
    }

    /** snakeyaml's marks count from 0; editors and compilers count from 1. */
    void at(Mark mark, String message) {
        found.add(mark == null ? new Problem(file, 1, 1, message)
                : new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, message));
    }

    int count() {
        return found.size();
    }

    boolean any() {
        return !found.isEmpty();
    }

    List<Problem> sorted() {
        return found.stream().sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column)).toList();
    }
}
