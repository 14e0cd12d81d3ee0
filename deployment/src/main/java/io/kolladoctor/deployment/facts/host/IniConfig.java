package io.kolladoctor.deployment.facts.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An oslo.config style INI file ({@code nova.conf}, {@code heat.conf}): sections, {@code key = value}
 * options with their line numbers, repeated keys kept in order (oslo's MultiStrOpt), indented
 * continuation lines joined. Never throws: a line it cannot read is kept in {@link #unparsed()}.
 */
public final class IniConfig {

    /** One option: its section, key, value and 1-based line. */
    public record Option(String section, String key, String value, int line) {
    }

    private final Map<String, List<Option>> sections = new LinkedHashMap<>();
    private final Map<String, Integer> sectionLines = new LinkedHashMap<>();
    private final List<Integer> unparsed = new ArrayList<>();

    private IniConfig() {
    }

    public static IniConfig parse(String text) {
        IniConfig ini = new IniConfig();
        String section = "";
        Option last = null;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                ini.sectionLines.putIfAbsent(section, i + 1);
                ini.sections.computeIfAbsent(section, s -> new ArrayList<>());
                last = null;
                continue;
            }
            if (last != null && Character.isWhitespace(raw.charAt(0))) {
                List<Option> options = ini.sections.get(last.section());
                Option joined = new Option(last.section(), last.key(), last.value() + "\n" + line, last.line());
                options.set(options.size() - 1, joined);
                last = joined;
                continue;
            }
            int sep = separator(line);
            if (sep <= 0) {
                ini.unparsed.add(i + 1);
                continue;
            }
            last = new Option(section, line.substring(0, sep).strip(), line.substring(sep + 1).strip(), i + 1);
            ini.sections.computeIfAbsent(section, s -> new ArrayList<>()).add(last);
        }
        return ini;
    }

    private static int separator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    /** The last value of an option (oslo takes the last), if set. */
    public Optional<Option> option(String section, String key) {
        List<Option> options = sections.getOrDefault(section, List.of());
        for (int i = options.size() - 1; i >= 0; i--) {
            if (options.get(i).key().equals(key)) {
                return Optional.of(options.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<String> value(String section, String key) {
        return option(section, key).map(Option::value);
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    public Optional<Integer> sectionLine(String section) {
        return Optional.ofNullable(sectionLines.get(section));
    }

    public List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    public List<Option> options(String section) {
        return List.copyOf(sections.getOrDefault(section, List.of()));
    }

    /** Line numbers of lines that are neither sections, options, comments nor continuations. */
    public List<Integer> unparsed() {
        return List.copyOf(unparsed);
    }
}
