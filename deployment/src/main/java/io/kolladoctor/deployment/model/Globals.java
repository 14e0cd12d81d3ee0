package io.kolladoctor.deployment.model;

import io.kolladoctor.deployment.parse.MalformedException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code /etc/kolla/globals.yml} over {@link KollaDefaults}, read with YAML 1.1 semantics as Ansible
 * reads it ({@code yes}/{@code no} are booleans). Simple {@code {{ other_var }}} references are resolved,
 * which covers Kolla's defaults such as {@code api_interface: "{{ network_interface }}"}.
 */
public final class Globals {

    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([A-Za-z_]\\w*)\\s*(?:\\|\\s*bool\\s*)?}}");

    private final Map<String, Object> values;
    private final Map<String, Integer> lines;

    private Globals(Map<String, Object> values, Map<String, Integer> lines) {
        this.values = values;
        this.lines = lines;
    }

    /** Only Kolla's defaults, as on a deployment whose globals.yml is empty. */
    public static Globals defaults() {
        return new Globals(Map.of(), Map.of());
    }

    public static Globals parse(String text) throws MalformedException {
        Object loaded;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            options.setCodePointLimit(16 * 1024 * 1024);
            loaded = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            throw new MalformedException("invalid YAML at line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new MalformedException("invalid YAML: " + e.getMessage());
        }
        if (loaded == null) {
            return defaults();
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new MalformedException("expected a mapping of settings, found " + loaded.getClass().getSimpleName());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((k, v) -> values.put(String.valueOf(k), v));
        return new Globals(values, lineNumbers(text));
    }

    private static Map<String, Integer> lineNumbers(String text) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        Pattern key = Pattern.compile("^([A-Za-z_][\\w]*)\\s*:");
        String[] all = text.split("\\R", -1);
        for (int i = 0; i < all.length; i++) {
            Matcher m = key.matcher(all[i]);
            if (m.find()) {
                lines.put(m.group(1), i + 1);
            }
        }
        return lines;
    }

    /** The raw value: the operator's when set, otherwise Kolla's default, references resolved. */
    public Optional<Object> value(String key) {
        return Optional.ofNullable(resolve(key, 0));
    }

    private Object resolve(String key, int depth) {
        Object value = values.containsKey(key) ? values.get(key) : KollaDefaults.VALUES.get(key);
        if (depth < 5 && value instanceof String s) {
            Matcher m = REFERENCE.matcher(s);
            if (m.matches()) {
                return resolve(m.group(1), depth + 1);
            }
        }
        return value;
    }

    public String string(String key) {
        return value(key).map(String::valueOf).orElse(null);
    }

    /** Ansible's {@code | bool}: true for booleans true and the strings yes/true/on/1 (quoted "yes" is common in globals.yml). */
    public boolean bool(String key) {
        return value(key).map(Globals::truthy).orElse(false);
    }

    static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.intValue() == 1;
        }
        String s = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        return s.equals("yes") || s.equals("true") || s.equals("on") || s.equals("1") || s.equals("y");
    }

    /** {@code enable_<service>}, e.g. {@code enabled("heat")}. */
    public boolean enabled(String service) {
        return bool("enable_" + service);
    }

    /** Whether the operator set the key (rather than leaving Kolla's default). */
    public boolean isSet(String key) {
        return values.containsKey(key);
    }

    /** Where a value comes from, for evidence: {@code globals.yml line 12} or {@code Kolla default}. */
    public String whereSet(String key) {
        Integer line = lines.get(key);
        if (values.containsKey(key)) {
            return line == null ? "globals.yml" : "globals.yml line " + line;
        }
        return "Kolla default";
    }
}
