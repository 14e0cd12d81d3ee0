package io.kolladoctor.playbooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a playbook from YAML text with snakeyaml's node API, which keeps every node's line and column, so each problem
 * names its place ({@code file:line:column: message}). One pass reports every problem it can: unknown and duplicate
 * keys, missing fields, unknown step kinds, check and fix IDs not in the catalog, gotos to no step, duplicate step
 * ids, bad durations. Whatever the input, the outcome is a {@link Parsed}: never an exception.
 */
public final class PlaybookParser {

    private static final Set<String> TOP = Set.of("name", "title", "description", "steps");
    private static final Map<String, Set<String>> KEYS = Map.of(
            "note", Set.of("note", "then"),
            "check", Set.of("check", "subject", "on_pass", "on_warn", "on_fail"),
            "fix", Set.of("fix", "subject", "on_fail"),
            "command", Set.of("command", "host", "group", "sudo", "expect", "timeout", "safe", "on_fail"),
            "confirm", Set.of("confirm", "on_yes", "on_no"),
            "wait", Set.of("wait", "subject", "timeout", "interval", "on_timeout"),
            "choose", Set.of("choose", "options"),
            "evacuate", Set.of("evacuate", "umha_conf", "cleanup", "on_fail"));
    private static final Set<String> COMMON = Set.of("id", "title");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration DEFAULT_WAIT_INTERVAL = Duration.ofSeconds(10);

    private final Vocabulary vocabulary;

    public PlaybookParser(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** {@code file} is only for messages and the playbook's origin. */
    public Parsed parse(String text, String file) {
        Problems problems = new Problems(file);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setAllowRecursiveKeys(false);
            root = new Yaml(options).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            problems.at(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(),
                    "not valid YAML: " + (e.getProblem() != null ? e.getProblem() : e.getMessage()));
            return new Parsed(null, problems.sorted());
        } catch (YAMLException | IllegalArgumentException | IllegalStateException e) {
            // snakeyaml's limits (nesting depth, aliases, size) and unreadable characters come without a mark
            problems.at((Node) null, "not valid YAML: " + firstLine(e.getMessage()));
            return new Parsed(null, problems.sorted());
        }
        if (root == null) {
            problems.at((Node) null, "empty file: a playbook needs name, title and steps");
            return new Parsed(null, problems.sorted());
        }
        MappingNode top = Fields.mapping(root, "a playbook", problems);
        if (top == null) {
            return new Parsed(null, problems.sorted());
        }
        Fields fields = new Fields(top, TOP, "playbook", problems);
        String name = fields.text("name", true);
        if (name != null && !NAME.matcher(name).matches()) {
            problems.at(fields.value("name"), "playbook: 'name' must be lowercase letters, digits and '-' (it is what "
                    + "'playbook run NAME' takes), not '" + name + "'");
        }
        String title = fields.text("title", true);
        String description = fields.has("description") ? fields.text("description", false) : "";
        List<PlaybookStep> steps = steps(fields, problems);
        if (problems.any()) {
            return new Parsed(null, problems.sorted());
        }
        return new Parsed(new Playbook(name, title, description == null ? "" : description, steps, file, sha256(text)),
                List.of());
    }

    private List<PlaybookStep> steps(Fields fields, Problems problems) {
        Node value = fields.value("steps");
        if (value == null) {
            fields.text("steps", true);
            return List.of();
        }
        if (!(value instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problems.at(value, "playbook: 'steps' must be a non-empty list of steps, not " + Fields.shape(value));
            return List.of();
        }
        List<PlaybookStep> steps = new ArrayList<>();
        Map<String, Node> ids = new LinkedHashMap<>();
        List<Target> gotos = new ArrayList<>();
        int n = 0;
        for (Node item : seq.getValue()) {
            n++;
            MappingNode m = Fields.mapping(item, "step " + n, problems);
            if (m == null) {
                continue;
            }
            // ids are registered before the step is read, so gotos to a step with other problems are not reported too
            Node idNode = Fields.valueOf(m, "id");
            if (idNode instanceof ScalarNode id && !id.getValue().isBlank()) {
                if (ids.containsKey(id.getValue())) {
                    problems.at(idNode, "step " + n + ": duplicate step id '" + id.getValue() + "' (first at line "
                            + (ids.get(id.getValue()).getStartMark().getLine() + 1) + ")");
                } else {
                    ids.put(id.getValue(), idNode);
                }
            }
            PlaybookStep step = new StepReader(m, n, problems, gotos).read();
            if (step == null) {
                continue;
            }
            steps.add(step);
        }
        for (Target target : gotos) {
            if (target.flow() instanceof Flow.Goto g && !ids.containsKey(g.stepId())) {
                problems.at(target.node(), "goto '" + g.stepId() + "': no step has that id (steps: " + ids.keySet() + ")");
            }
        }
        return steps;
    }

    /** A goto as written, kept with its node until every step id is known. */
    record Target(Flow flow, Node node) {
    }

    /** Reads one step mapping; null when it has problems (all reported). */
    private final class StepReader {
        private final MappingNode node;
        private final String where;
        private final Problems problems;
        private final List<Target> gotos;
        private Fields fields;

        StepReader(MappingNode node, int n, Problems problems, List<Target> gotos) {
            this.node = node;
            this.where = "step " + n;
            this.problems = problems;
            this.gotos = gotos;
        }

        PlaybookStep read() {
            List<String> kinds = node.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode s && KEYS.containsKey(s.getValue()))
                    .map(t -> ((ScalarNode) t.getKeyNode()).getValue()).distinct().toList();
            if (kinds.size() != 1) {
                problems.at(node, where + ": " + (kinds.isEmpty() ? "unknown step kind: a step needs exactly one of "
                        : "a step has exactly one kind, not " + kinds + "; one of ") + PlaybookStep.KINDS);
                new Fields(node, all(), where, problems); // still report unknown/duplicate keys
                return null;
            }
            String kind = kinds.getFirst();
            Set<String> allowed = new java.util.HashSet<>(KEYS.get(kind));
            allowed.addAll(COMMON);
            int before = problems.count();
            fields = new Fields(node, allowed, where + " (" + kind + ")", problems);
            String id = fields.text("id", true);
            if (id != null && !STEP_ID.matcher(id).matches()) {
                problems.at(fields.value("id"), where + ": step id '" + id + "' must be letters, digits, '_', '.', '-'");
            }
            String title = fields.has("title") ? fields.text("title", false) : null;
            PlaybookStep step = switch (kind) {
                case "note" -> new PlaybookStep.Note(id, title, fields.text("note", true), flow("then", Flow.NEXT));
                case "check" -> new PlaybookStep.Check(id, title, checkId("check"), subject(),
                        flow("on_pass", Flow.NEXT), flow("on_warn", Flow.NEXT), flow("on_fail", Flow.STOP));
                case "fix" -> new PlaybookStep.Fix(id, title, fixId(), subject(), flow("on_fail", Flow.STOP));
                case "command" -> command(id, title);
                case "confirm" -> new PlaybookStep.Confirm(id, title, fields.text("confirm", true),
                        flow("on_yes", Flow.NEXT), flow("on_no", Flow.STOP));
                case "wait" -> new PlaybookStep.Wait(id, title, checkId("wait"), subject(),
                        fields.duration("timeout", null, true),
                        fields.duration("interval", DEFAULT_WAIT_INTERVAL, false), flow("on_timeout", Flow.STOP));
                case "evacuate" -> new PlaybookStep.Evacuate(id, title, fields.text("evacuate", true),
                        fields.has("umha_conf") ? fields.text("umha_conf", false) : null, fields.bool("cleanup", false),
                        flow("on_fail", Flow.STOP));
                default -> choose(id, title);
            };
            return problems.count() == before ? step : null;
        }

        private Set<String> all() {
            Set<String> every = new java.util.HashSet<>(COMMON);
            KEYS.values().forEach(every::addAll);
            return every;
        }

        private String subject() {
            return fields.has("subject") ? fields.text("subject", false) : null;
        }

        private String checkId(String key) {
            String id = fields.text(key, true);
            if (id != null && !vocabulary.checks().contains(id)) {
                problems.at(fields.value(key), where + ": unknown check '" + id + "' (checks: "
                        + new java.util.TreeSet<>(vocabulary.checks()) + ")");
            }
            return id;
        }

        private String fixId() {
            String id = fields.text("fix", true);
            if (id != null && !vocabulary.fixes().contains(id)) {
                problems.at(fields.value("fix"), where + ": unknown fix '" + id + "' (fixes: "
                        + new java.util.TreeSet<>(vocabulary.fixes()) + ")");
            }
            return id;
        }

        private PlaybookStep command(String id, String title) {
            List<String> argv = fields.texts("command", true);
            String host = fields.has("host") ? fields.text("host", false) : null;
            String group = fields.has("group") ? fields.text("group", false) : null;
            if (fields.has("host") == fields.has("group")) {
                problems.at(node, where + ": a command step needs exactly one of 'host' (a host of the inventory) or "
                        + "'group' (every host of an inventory group)");
            }
            return new PlaybookStep.Command(id, title, host, group, argv == null ? List.of() : argv,
                    fields.bool("sudo", false), fields.exitCodes("expect", Set.of(0)),
                    fields.duration("timeout", DEFAULT_COMMAND_TIMEOUT, false), fields.bool("safe", false),
                    flow("on_fail", Flow.STOP));
        }

        private PlaybookStep choose(String id, String title) {
            String question = fields.text("choose", true);
            Node value = fields.value("options");
            List<PlaybookStep.Option> options = new ArrayList<>();
            if (value == null) {
                problems.at(node, where + ": missing 'options'");
            } else if (!(value instanceof SequenceNode seq)) {
                problems.at(value, where + ": 'options' must be a list of options (label, then), not " + Fields.shape(value));
            } else if (seq.getValue().size() < 2) {
                problems.at(value, where + ": 'options' needs at least two options to choose from, not "
                        + seq.getValue().size());
            } else {
                int n = 0;
                for (Node item : seq.getValue()) {
                    n++;
                    MappingNode m = Fields.mapping(item, where + " option " + n, problems);
                    if (m != null) {
                        Fields option = new Fields(m, Set.of("label", "then"), where + " option " + n, problems);
                        options.add(new PlaybookStep.Option(option.text("label", true), flow(option, "then", Flow.NEXT)));
                    }
                }
            }
            return new PlaybookStep.Choose(id, title, question, options);
        }

        private Flow flow(String key, Flow absent) {
            return flow(fields, key, absent);
        }

        private Flow flow(Fields from, String key, Flow absent) {
            if (!from.has(key)) {
                return absent;
            }
            String text = from.text(key, false);
            if (text == null) {
                return absent;
            }
            String t = text.strip();
            Flow flow = switch (t) {
                case "next" -> Flow.NEXT;
                case "stop" -> Flow.STOP;
                case "end" -> Flow.END;
                default -> t.startsWith("goto ") && !t.substring(5).isBlank() ? new Flow.Goto(t.substring(5).strip()) : null;
            };
            if (flow == null) {
                problems.at(from.value(key), where + ": '" + key + "' must be next, end, stop or 'goto STEP-ID', not '" + text + "'");
                return absent;
            }
            gotos.add(new Target(flow, from.value(key)));
            return flow;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.strip().lines().findFirst().orElse("unreadable");
    }
}
