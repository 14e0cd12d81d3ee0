package io.kolladoctor.deployment.model;

import io.kolladoctor.deployment.parse.MalformedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Ansible's INI inventory format as Kolla ships it: {@code [group]} host lines with
 * {@code key=value} vars, {@code [group:children]}, {@code [group:vars]}, comments, and host ranges
 * such as {@code compute[01:20]} or {@code storage[a:c]}.
 */
public final class InventoryParser {

    private static final Pattern SECTION = Pattern.compile("^\\[([^\\]:]+)(?::(children|vars))?]\\s*$");
    private static final Pattern RANGE = Pattern.compile("\\[([0-9]+|[a-z]):([0-9]+|[a-z])]");
    private static final Pattern VAR = Pattern.compile("([A-Za-z_][\\w.]*)=(\"[^\"]*\"|'[^']*'|\\S*)");
    private static final int MAX_RANGE = 10_000;

    private InventoryParser() {
    }

    public static Inventory parse(String text) throws MalformedException {
        Map<String, Set<String>> directHosts = new LinkedHashMap<>();
        Map<String, Set<String>> children = new LinkedHashMap<>();
        Map<String, Map<String, String>> hostVars = new LinkedHashMap<>();
        Map<String, Map<String, String>> groupVars = new LinkedHashMap<>();
        String group = "ungrouped";
        String kind = "hosts";
        int lineNo = 0;
        for (String raw : text.split("\\R", -1)) {
            lineNo++;
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                group = section.group(1).strip();
                kind = section.group(2) == null ? "hosts" : section.group(2);
                if (kind.equals("hosts")) {
                    directHosts.computeIfAbsent(group, g -> new LinkedHashSet<>());
                }
                continue;
            }
            if (line.startsWith("[")) {
                throw new MalformedException("line " + lineNo + ": not a section header: " + line);
            }
            switch (kind) {
                case "children" -> children.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(line.split("\\s+")[0]);
                case "vars" -> {
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        throw new MalformedException("line " + lineNo + ": expected key=value in [" + group + ":vars]: " + line);
                    }
                    groupVars.computeIfAbsent(group, g -> new LinkedHashMap<>())
                            .put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
                }
                default -> {
                    String[] parts = line.split("\\s+", 2);
                    Map<String, String> vars = parts.length > 1 ? vars(parts[1]) : Map.of();
                    for (String name : expand(parts[0], lineNo)) {
                        directHosts.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(name);
                        hostVars.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(vars);
                    }
                }
            }
        }
        return new Inventory(directHosts, children, hostVars, groupVars);
    }

    private static String stripComment(String line) {
        String trimmed = line.stripLeading();
        return trimmed.startsWith("#") || trimmed.startsWith(";") ? "" : line;
    }

    private static Map<String, String> vars(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = VAR.matcher(text);
        while (m.find()) {
            vars.put(m.group(1), unquote(m.group(2)));
        }
        return vars;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Expands Ansible host ranges: {@code node[01:03]} → node01, node02, node03. */
    static List<String> expand(String pattern, int lineNo) throws MalformedException {
        Matcher m = RANGE.matcher(pattern);
        if (!m.find()) {
            return List.of(pattern);
        }
        String head = pattern.substring(0, m.start());
        String tail = pattern.substring(m.end());
        String from = m.group(1);
        String to = m.group(2);
        List<String> names = new ArrayList<>();
        if (Character.isDigit(from.charAt(0)) && Character.isDigit(to.charAt(0))) {
            if (from.length() > 6 || to.length() > 6) {
                throw new MalformedException("line " + lineNo + ": host range too large: " + pattern);
            }
            int a = Integer.parseInt(from);
            int b = Integer.parseInt(to);
            if (b < a || b - a > MAX_RANGE) {
                throw new MalformedException("line " + lineNo + ": bad host range " + from + ":" + to);
            }
            int width = from.startsWith("0") ? from.length() : 0;
            for (int i = a; i <= b; i++) {
                String number = width > 0 ? String.format("%0" + width + "d", i) : Integer.toString(i);
                for (String rest : expand(tail, lineNo)) {
                    names.add(head + number + rest);
                }
            }
        } else if (Character.isLetter(from.charAt(0)) && Character.isLetter(to.charAt(0)) && from.charAt(0) <= to.charAt(0)) {
            for (char c = from.charAt(0); c <= to.charAt(0); c++) {
                for (String rest : expand(tail, lineNo)) {
                    names.add(head + c + rest);
                }
            }
        } else {
            throw new MalformedException("line " + lineNo + ": bad host range " + from + ":" + to);
        }
        return names;
    }
}
