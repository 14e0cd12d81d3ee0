package io.kolladoctor.deployment.model;

import io.kolladoctor.deployment.parse.MalformedException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code /etc/kolla/passwords.yml}. Values never leave this class for display: {@link #toString()} and
 * {@link #keys()} show names only; {@link #secretValues()} feeds the masker so that the same strings are
 * masked wherever else they appear (a config file, a log line).
 */
public final class Passwords {

    private final Map<String, String> values;

    private Passwords(Map<String, String> values) {
        this.values = values;
    }

    public static Passwords none() {
        return new Passwords(Map.of());
    }

    public static Passwords parse(String text) throws MalformedException {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            // Do not echo the YAML problem: its snippet would quote a password.
            throw new MalformedException("passwords.yml is not valid YAML");
        }
        if (loaded == null) {
            return none();
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new MalformedException("passwords.yml is not a mapping");
        }
        Map<String, String> values = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof String || v instanceof Number) {
                values.put(String.valueOf(k), String.valueOf(v));
            } else if (v instanceof Map<?, ?> nested) { // e.g. keystone ssh keys: {private_key:…, public_key:…}
                nested.forEach((nk, nv) -> values.put(k + "." + nk, String.valueOf(nv)));
            }
        });
        return new Passwords(values);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /** Every secret value, for masking. */
    public Collection<String> secretValues() {
        return values.values();
    }

    /** A password to hand to an API (creating a missing service user). Never display it. */
    public Optional<String> secret(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public String toString() {
        return "Passwords" + values.keySet();
    }
}
