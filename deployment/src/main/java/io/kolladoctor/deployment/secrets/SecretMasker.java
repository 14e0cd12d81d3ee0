package io.kolladoctor.deployment.secrets;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Masks secrets in any text before it reaches a screen, a log, JSON, a snapshot or the audit log:
 * values of secret-looking settings ({@code password = …}, {@code memcache_secret_key: …},
 * {@code X-Auth-Token: …}, {@code "password": "…"}), credentials inside URLs
 * ({@code rabbit://openstack:PW@host}), and every known secret value (from passwords.yml, the lab) wherever it
 * appears. Idempotent: masking masked text changes nothing.
 */
public final class SecretMasker {

    public static final String MASK = "********";

    /** A setting whose value is secret: the name mentions a password, secret, token, credential or key. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(pass(word|wd|phrase)?|pwd|secret|token|credential|api_?key|private_?key|^key|_key)$|(?i).*(password|secret).*");
    /** …but not settings that merely talk about one (a file holding a key, a token's lifetime). */
    private static final Pattern HARMLESS_NAME = Pattern.compile(
            "(?i).*(_file|_path|_dir|_type|_length|_time|_timeout|_expiration|_provider|_driver|_url|_uri|_format|_algorithm|_size|_name|_id)$");

    /** {@code name = value}, {@code name: value}, {@code export NAME=value}, one per line. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?m)^(\\s*(?:export\\s+)?)([\\w.\\-]+)(\\s*[=:]\\s*)(\\S[^\\r\\n]*?)(\\s*)$");
    /** {@code "name": "value"} in JSON. */
    private static final Pattern JSON_FIELD = Pattern.compile("\"([\\w.\\-]+)\"(\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** {@code name=value} inside a line: messages, query strings, command lines ({@code --os-password=x}). */
    private static final Pattern INLINE = Pattern.compile("(?<![\\w.\\-])([\\w.\\-]+)=([^\\s&,;\"'<>]+)");
    /** {@code scheme://user:password@host}. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("\\b([a-z][a-z0-9+.\\-]*://[^:/@\\s]*:)([^@\\s/]+)(@)");
    /** Known secrets shorter than this are not masked by value: "yes" would mask half a config. */
    private static final int MIN_KNOWN_LENGTH = 6;

    private final List<String> known;

    private SecretMasker(List<String> known) {
        this.known = known;
    }

    /** Masks by pattern only. */
    public static SecretMasker patterns() {
        return new SecretMasker(List.of());
    }

    /** Also masks these exact values wherever they appear. */
    public SecretMasker withKnown(Collection<String> secrets) {
        List<String> all = Stream.concat(known.stream(), secrets.stream())
                .filter(s -> s != null && s.length() >= MIN_KNOWN_LENGTH && !s.equals(MASK))
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        return new SecretMasker(all);
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : known) {
            out = out.replace(secret, MASK);
        }
        out = URL_CREDENTIALS.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        out = replaceValues(ASSIGNMENT, out, 2, 4);
        out = replaceValues(JSON_FIELD, out, 1, 3);
        out = replaceValues(INLINE, out, 1, 2);
        return out;
    }

    private static String replaceValues(Pattern pattern, String text, int nameGroup, int valueGroup) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(nameGroup);
            String value = m.group(valueGroup);
            String replacement = m.group();
            if (isSecretName(name) && !value.isEmpty() && !isMasked(value) && !isStructural(value)) {
                int start = m.start(valueGroup) - m.start();
                int end = m.end(valueGroup) - m.start();
                replacement = replacement.substring(0, start) + MASK + replacement.substring(end);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_NAME.matcher(n).matches() && !HARMLESS_NAME.matcher(n).matches();
    }

    /** Already masked, bare or quoted (a masked passwords.yml quotes its masks to stay valid YAML). */
    private static boolean isMasked(String value) {
        String v = value.strip();
        return v.equals(MASK) || v.equals("'" + MASK + "'") || v.equals("\"" + MASK + "\"");
    }

    /** A YAML block opener or an empty/null value carries no secret. */
    private static boolean isStructural(String value) {
        String v = value.strip();
        return v.equals("|") || v.equals(">") || v.equals("null") || v.equals("~") || v.equals("{") || v.equals("[")
                || v.equals("\"\"") || v.equals("''");
    }
}
