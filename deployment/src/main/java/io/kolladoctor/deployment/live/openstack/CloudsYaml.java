package io.kolladoctor.deployment.live.openstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code clouds.yaml} as openstacksdk reads it: the first of {@code $OS_CLIENT_CONFIG_FILE}, {@code ./clouds.yaml},
 * {@code ~/.config/openstack/clouds.yaml} ({@code $XDG_CONFIG_HOME} honoured), {@code /etc/openstack/clouds.yaml}
 * ({@code .yml} and {@code .json} too), with {@code secure.yaml} from the same places merged over it (secrets
 * kept apart). Read with YAML 1.1 like PyYAML ({@code verify: no} is false).
 */
public final class CloudsYaml {

    private static final List<String> CLOUD_FILES = List.of("clouds.yaml", "clouds.yml", "clouds.json");
    private static final List<String> SECURE_FILES = List.of("secure.yaml", "secure.yml", "secure.json");

    private CloudsYaml() {
    }

    /** The directories openstacksdk searches, in order: the current directory, the user's, the site's. */
    public static List<Path> searchDirectories(Map<String, String> env, Path cwd, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path user = xdg != null && !xdg.isBlank() ? Path.of(xdg, "openstack") : home.resolve(".config/openstack");
        return List.of(cwd, user, Path.of("/etc/openstack"));
    }

    /** The clouds file that would be read, if any ({@code $OS_CLIENT_CONFIG_FILE} first). */
    public static Optional<Path> findClouds(Map<String, String> env, Path cwd, Path home) {
        return find(env.get("OS_CLIENT_CONFIG_FILE"), CLOUD_FILES, searchDirectories(env, cwd, home));
    }

    /** The secure file merged over it, if any ({@code $OS_CLIENT_SECURE_FILE} first). */
    public static Optional<Path> findSecure(Map<String, String> env, Path cwd, Path home) {
        return find(env.get("OS_CLIENT_SECURE_FILE"), SECURE_FILES, searchDirectories(env, cwd, home));
    }

    private static Optional<Path> find(String explicit, List<String> names, List<Path> directories) {
        if (explicit != null && !explicit.isBlank() && Files.isRegularFile(Path.of(explicit))) {
            return Optional.of(Path.of(explicit));
        }
        for (Path directory : directories) {
            for (String name : names) {
                Path candidate = directory.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Reads one cloud from a clouds file and an optional secure file. */
    public static CloudCredentials load(String cloud, Path cloudsFile, Path secureFile, Path home) throws CredentialsException {
        String clouds = read(cloudsFile);
        String secure = secureFile == null ? null : read(secureFile);
        String origin = "clouds.yaml cloud '" + cloud + "' (" + cloudsFile + (secureFile == null ? "" : " + " + secureFile) + ")";
        return parse(cloud, clouds, secure, origin, home);
    }

    /** The names of the clouds a clouds file defines (for "no cloud 'x'; it has a, b"). */
    public static List<String> cloudNames(String text, String file) throws CredentialsException {
        return new ArrayList<>(new TreeSet<>(clouds(load(text, file), file).keySet()));
    }

    /**
     * One cloud's credentials from the text of a clouds file and, optionally, a secure file merged over it.
     * Throws {@link CredentialsException} — nothing else — for any text that is not a usable clouds file.
     */
    public static CloudCredentials parse(String cloud, String cloudsText, String secureText, String origin, Path home)
            throws CredentialsException {
        Map<String, Object> clouds = clouds(load(cloudsText, "clouds.yaml"), "clouds.yaml");
        Object entry = clouds.get(cloud);
        if (entry == null) {
            throw new CredentialsException("no cloud '" + cloud + "' in " + origin.replaceFirst("^clouds.yaml cloud '[^']*' ", "")
                    + "; it defines: " + (clouds.isEmpty() ? "none" : String.join(", ", new TreeSet<>(clouds.keySet()))));
        }
        Map<String, Object> config = mapping(entry, "cloud '" + cloud + "'");
        if (secureText != null) {
            Object secureEntry = clouds(load(secureText, "secure.yaml"), "secure.yaml").get(cloud);
            if (secureEntry != null) {
                config = merge(config, mapping(secureEntry, "secure.yaml cloud '" + cloud + "'"));
            }
        }
        return credentials(cloud, origin, config, home);
    }

    private static CloudCredentials credentials(String cloud, String origin, Map<String, Object> config, Path home)
            throws CredentialsException {
        Object authValue = config.get("auth");
        Map<String, Object> auth = authValue == null ? Map.of() : mapping(authValue, "auth of cloud '" + cloud + "'");
        String apiVersion = scalar(config, "identity_api_version");
        if (apiVersion != null && apiVersion.startsWith("2")) {
            throw new CredentialsException(origin + ": identity_api_version " + apiVersion + " (Keystone v2) is not supported; use v3");
        }
        Object verifyValue = config.containsKey("verify") ? config.get("verify") : null;
        boolean verify = true;
        String cacert = scalar(config, "cacert");
        if (verifyValue instanceof Boolean b) {
            verify = b;
        } else if (verifyValue instanceof String s && !s.isBlank()) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            if (v.equals("false") || v.equals("no") || v.equals("0")) {
                verify = false;
            } else if (!(v.equals("true") || v.equals("yes") || v.equals("1")) && cacert == null) {
                cacert = s.trim(); // requests' verify=<CA bundle path>
            }
        }
        if (Boolean.TRUE.equals(config.get("insecure")) || "true".equalsIgnoreCase(scalar(config, "insecure"))) {
            verify = false;
        }
        String region = scalar(config, "region_name");
        if (region == null && config.get("regions") instanceof List<?> regions && !regions.isEmpty()) {
            Object first = regions.get(0);
            region = first instanceof Map<?, ?> m && m.get("name") != null ? String.valueOf(m.get("name"))
                    : first instanceof Map<?, ?> ? null : String.valueOf(first);
        }
        String iface = scalar(config, "interface");
        if (iface == null) {
            iface = scalar(config, "endpoint_type");
        }
        String defaultDomain = scalar(config, "default_domain");
        return OpenStackCredentials.withDefaultDomain(new CloudCredentials(cloud, origin,
                scalar(auth, "auth_url"), scalar(config, "auth_type"),
                scalar(auth, "username"), scalar(auth, "user_id"), scalar(auth, "password"),
                scalar(auth, "user_domain_name"), scalar(auth, "user_domain_id"),
                first(scalar(auth, "project_name"), scalar(auth, "tenant_name")),
                first(scalar(auth, "project_id"), scalar(auth, "tenant_id")),
                scalar(auth, "project_domain_name"), scalar(auth, "project_domain_id"),
                scalar(auth, "domain_name"), scalar(auth, "domain_id"), scalar(auth, "system_scope"),
                scalar(auth, "application_credential_id"), scalar(auth, "application_credential_name"),
                scalar(auth, "application_credential_secret"),
                region, iface, cacert == null ? null : OpenStackCredentials.expandHome(cacert, home), verify),
                defaultDomain);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static Object load(String text, String what) throws CredentialsException {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            options.setCodePointLimit(4 * 1024 * 1024);
            options.setNestingDepthLimit(50);
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            throw new CredentialsException(what + ": invalid YAML at line "
                    + (e.getProblemMark() == null ? "?" : String.valueOf(e.getProblemMark().getLine() + 1)) + ": " + e.getProblem());
        } catch (YAMLException | IllegalArgumentException | StackOverflowError e) {
            throw new CredentialsException(what + ": invalid YAML: " + firstLine(e.getMessage()));
        }
    }

    private static Map<String, Object> clouds(Object document, String what) throws CredentialsException {
        if (document == null) {
            return Map.of();
        }
        Map<String, Object> root = mapping(document, what);
        Object clouds = root.get("clouds");
        return clouds == null ? Map.of() : mapping(clouds, what + " 'clouds'");
    }

    private static Map<String, Object> mapping(Object value, String what) throws CredentialsException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new CredentialsException(what + " is not a mapping (found " + describe(value) + ")");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    /** A scalar setting as text; a list or mapping where a scalar belongs is an error. */
    private static String scalar(Map<String, Object> map, String key) throws CredentialsException {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new CredentialsException("'" + key + "' must be a single value, found " + describe(value));
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }

    /** Deep merge, the second one winning (openstacksdk merges secure.yaml over clouds.yaml this way). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        over.forEach((k, v) -> {
            Object existing = merged.get(k);
            if (existing instanceof Map<?, ?> a && v instanceof Map<?, ?> b) {
                Map<String, Object> left = new LinkedHashMap<>();
                a.forEach((x, y) -> left.put(String.valueOf(x), y));
                Map<String, Object> right = new LinkedHashMap<>();
                b.forEach((x, y) -> right.put(String.valueOf(x), y));
                merged.put(k, merge(left, right));
            } else {
                merged.put(k, v);
            }
        });
        return merged;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean"
                : value instanceof Number ? "a number" : value.getClass().getSimpleName(); // never the value: it may be a secret
    }

    private static String read(Path file) throws CredentialsException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CredentialsException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
