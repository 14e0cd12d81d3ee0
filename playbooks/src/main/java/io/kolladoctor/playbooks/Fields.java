package io.kolladoctor.playbooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The keys of one YAML mapping, read with their positions: unknown, duplicate and non-text keys are reported where
 * they are, and each typed getter reports a value of the wrong shape at the value. Getters return null (or the
 * default) after reporting, so parsing goes on and one pass lists every problem of the file.
 */
final class Fields {

    private final MappingNode node;
    private final String where;
    private final Problems problems;
    private final Map<String, NodeTuple> byKey = new LinkedHashMap<>();

    Fields(MappingNode node, Set<String> allowed, String where, Problems problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.at(tuple.getKeyNode(), where + ": a key must be plain text");
                continue;
            }
            String name = key.getValue();
            if (byKey.containsKey(name)) {
                problems.at(key, where + ": duplicate key '" + name + "'");
            } else if (!allowed.contains(name)) {
                problems.at(key, where + ": unknown key '" + name + "' (expected one of " + new TreeSet<>(allowed) + ")");
            } else {
                byKey.put(name, tuple);
            }
        }
    }

    static MappingNode mapping(Node node, String what, Problems problems) {
        if (node instanceof MappingNode m) {
            return m;
        }
        problems.at(node, what + " must be a mapping (key: value lines), not " + shape(node));
        return null;
    }

    /** The value of the first {@code key} of a mapping, or the mapping itself when there is none (for positions). */
    static Node valueOf(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
                .map(NodeTuple::getValueNode).findFirst().orElse(mapping);
    }

    boolean has(String key) {
        return byKey.containsKey(key);
    }

    Node value(String key) {
        NodeTuple t = byKey.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** Any scalar as text (so {@code title: 2024} is the text "2024"); null with a problem if absent/empty/not a scalar. */
    String text(String key, boolean required) {
        Node value = value(key);
        if (value == null) {
            if (required) {
                problems.at(node, where + ": missing '" + key + "'");
            }
            return null;
        }
        if (!(value instanceof ScalarNode s) || s.getTag().equals(Tag.NULL) || s.getValue().isBlank()) {
            problems.at(value, where + ": '" + key + "' must be non-empty text, not " + shape(value));
            return null;
        }
        return s.getValue();
    }

    boolean bool(String key, boolean absent) {
        Node value = value(key);
        if (value == null) {
            return absent;
        }
        if (value instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return switch (s.getValue().toLowerCase()) {
                case "true", "yes", "on", "y" -> true;
                default -> false;
            };
        }
        problems.at(value, where + ": '" + key + "' must be true or false, not " + shape(value));
        return absent;
    }

    Duration duration(String key, Duration absent, boolean required) {
        String text = text(key, required);
        if (text == null) {
            return absent;
        }
        return Durations.parse(text).orElseGet(() -> {
            problems.at(value(key), where + ": '" + key + "': bad duration '" + text
                    + "' (write e.g. 30s, 5m, 1h30m; more than 0 and at most " + Durations.format(Durations.MAX) + ")");
            return absent;
        });
    }

    /** A list of scalars as text; null with a problem when absent (if required), empty, or not a list of scalars. */
    List<String> texts(String key, boolean required) {
        Node value = value(key);
        if (value == null) {
            if (required) {
                problems.at(node, where + ": missing '" + key + "'");
            }
            return null;
        }
        if (!(value instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problems.at(value, where + ": '" + key + "' must be a non-empty list, not " + shape(value));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
                problems.at(item, where + ": every item of '" + key + "' must be text, not " + shape(item));
                return null;
            }
            out.add(s.getValue());
        }
        return out;
    }

    /** The one or several exit codes a command may end with: {@code 0} or {@code [0, 1]}. */
    Set<Integer> exitCodes(String key, Set<Integer> absent) {
        Node value = value(key);
        if (value == null) {
            return absent;
        }
        List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        Set<Integer> codes = new TreeSet<>();
        for (Node item : items) {
            Integer code = item instanceof ScalarNode s && s.getTag().equals(Tag.INT) ? exitCode(s.getValue()) : null;
            if (code == null) {
                problems.at(item, where + ": '" + key + "' must be an exit code 0-255 or a list of them, not " + shape(item));
                return absent;
            }
            codes.add(code);
        }
        if (codes.isEmpty()) {
            problems.at(value, where + ": '" + key + "' must name at least one exit code");
            return absent;
        }
        return codes;
    }

    private static Integer exitCode(String text) {
        try {
            int n = Integer.parseInt(text);
            return n >= 0 && n <= 255 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** How a node looks, for messages: "a list", "a mapping", "'abc'", "nothing". */
    static String shape(Node node) {
        if (node == null) {
            return "nothing";
        }
        if (node instanceof ScalarNode s) {
            if (s.getTag().equals(Tag.NULL)) {
                return "nothing";
            }
            String v = s.getValue();
            return "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }
}
