package io.kolladoctor.deployment.live.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The part of OpenSSH's client configuration ({@code ~/.ssh/config}, {@code /etc/ssh/ssh_config}; ssh_config(5))
 * that decides where and as whom kolla-doctor connects: {@code Host}, {@code Match all|host|originalhost},
 * {@code Include}, {@code HostName}, {@code User}, {@code Port}, {@code IdentityFile}, {@code ProxyJump},
 * {@code ProxyCommand} (recognised so that it is refused clearly), {@code UserKnownHostsFile},
 * {@code StrictHostKeyChecking} and {@code ConnectTimeout}. As in OpenSSH the first value obtained wins, except
 * {@code IdentityFile}, which accumulates. Any other keyword is ignored; a {@code Match} with a criterion that cannot
 * be evaluated here ({@code exec}, {@code user}, …) is treated as not matching. Parsing never fails: a line that makes
 * no sense is skipped, as is an unreadable included file.
 */
final class SshConfig {

    /** Reads an {@code Include}d file; returns null when there is none (or it cannot be read). */
    @FunctionalInterface
    interface Includes {
        List<String> texts(String pattern);

        Includes NONE = pattern -> List.of();
    }

    private sealed interface Entry {
    }

    private record Option(String keyword, List<String> args) implements Entry {
    }

    private record HostHeader(List<String> patterns) implements Entry {
    }

    /** {@code criteria}: pairs of (criterion, pattern list); null pattern list for {@code all}. */
    private record MatchHeader(List<String[]> criteria, boolean evaluable) implements Entry {
    }

    private record Include(List<Entry> entries) implements Entry {
    }

    private static final int MAX_INCLUDE_DEPTH = 16;
    private static final int MAX_LINE = 16 * 1024;

    private final List<Entry> entries;

    private SshConfig(List<Entry> entries) {
        this.entries = entries;
    }

    static SshConfig empty() {
        return new SshConfig(List.of());
    }

    /** Parses one configuration text; {@code includes} reads what its {@code Include} lines name. */
    static SshConfig parse(String text, Includes includes) {
        return new SshConfig(parseEntries(text, includes, 0));
    }

    /**
     * The user's then the system's configuration, as ssh reads them. Missing or unreadable files count as empty;
     * relative {@code Include}s resolve against {@code ~/.ssh} (user file) or {@code /etc/ssh} (system file).
     */
    static SshConfig load(List<Path> files, Path home) {
        List<Entry> all = new ArrayList<>();
        for (Path file : files) {
            String text = readSmallFile(file);
            if (text != null) {
                Path base = file.getParent() == null ? home.resolve(".ssh") : file.getParent();
                all.add(new Include(parseEntries(text, fileIncludes(base, home), 0)));
            }
        }
        return new SshConfig(all);
    }

    /** What the configuration says for {@code host} (the name as given, e.g. an inventory's ansible_host). */
    Resolved resolve(String host, String localUser, Path home) {
        Resolution r = new Resolution(host);
        walk(entries, r);
        return r.finish(host, localUser, home);
    }

    /**
     * The settings for one host. Null or empty means the configuration does not say. {@code proxyJump} is
     * {@code "none"} when explicitly disabled; {@code proxyCommand} is set only when it came first.
     */
    record Resolved(String hostName, String user, Integer port, List<String> identityFiles, String proxyJump,
                    String proxyCommand, List<String> userKnownHostsFiles, String strictHostKeyChecking,
                    Integer connectTimeoutSeconds) {
    }

    // ---------------------------------------------------------------------------------------------- parsing

    private static List<Entry> parseEntries(String text, Includes includes, int depth) {
        List<Entry> parsed = new ArrayList<>();
        for (String raw : text.split("\\R", -1)) {
            if (raw.length() > MAX_LINE) {
                continue;
            }
            List<String> words = words(raw.strip());
            if (words.isEmpty()) {
                continue;
            }
            String keyword = words.get(0).toLowerCase(Locale.ROOT);
            List<String> args = words.subList(1, words.size());
            switch (keyword) {
                case "host" -> parsed.add(new HostHeader(List.copyOf(args)));
                case "match" -> parsed.add(match(args));
                case "include" -> {
                    if (depth < MAX_INCLUDE_DEPTH) {
                        List<Entry> included = new ArrayList<>();
                        for (String pattern : args) {
                            for (String t : includes.texts(pattern)) {
                                included.addAll(parseEntries(t, includes, depth + 1));
                            }
                        }
                        parsed.add(new Include(included));
                    }
                }
                default -> {
                    if (!args.isEmpty()) {
                        parsed.add(new Option(keyword, List.copyOf(args)));
                    }
                }
            }
        }
        return parsed;
    }

    private static MatchHeader match(List<String> args) {
        List<String[]> criteria = new ArrayList<>();
        boolean evaluable = !args.isEmpty();
        for (int i = 0; i < args.size(); i++) {
            String criterion = args.get(i).toLowerCase(Locale.ROOT);
            switch (criterion) {
                case "all" -> criteria.add(new String[] {"all", null});
                case "host", "originalhost" -> {
                    if (i + 1 < args.size()) {
                        criteria.add(new String[] {criterion, args.get(++i)});
                    } else {
                        evaluable = false;
                    }
                }
                default -> {
                    evaluable = false;
                    i++; // skip its argument
                }
            }
        }
        return new MatchHeader(criteria, evaluable);
    }

    /**
     * A line split into keyword and arguments: the keyword ends at whitespace or {@code =}; one {@code =} with
     * optional whitespace around it may separate it from the arguments; arguments are separated by whitespace,
     * double or single quotes group (a backslash escapes the quote or a backslash inside), and a word starting with
     * {@code #} starts a comment.
     */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return words;
        }
        int i = 0;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '=') {
            i++;
        }
        if (i == 0) {
            return words;
        }
        words.add(s.substring(0, i));
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        StringBuilder current = null;
        char quote = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == quote || s.charAt(i + 1) == '\\')) {
                    current.append(s.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                if (current == null) {
                    current = new StringBuilder();
                }
            } else if (Character.isWhitespace(c)) {
                if (current != null) {
                    words.add(current.toString());
                    current = null;
                }
            } else if (c == '#' && current == null) {
                break;
            } else {
                if (current == null) {
                    current = new StringBuilder();
                }
                current.append(c);
            }
        }
        if (current != null) {
            words.add(current.toString());
        }
        return words;
    }

    private static Includes fileIncludes(Path base, Path home) {
        return pattern -> {
            String expanded = pattern.startsWith("~/") ? home + pattern.substring(1) : pattern;
            Path path = expanded.startsWith("/") ? Path.of(expanded) : base.resolve(expanded);
            List<String> texts = new ArrayList<>();
            for (Path p : glob(path)) {
                String text = readSmallFile(p);
                if (text != null) {
                    texts.add(text);
                }
            }
            return texts;
        };
    }

    /** Expands {@code *} and {@code ?} segment by segment, in name order. */
    private static List<Path> glob(Path path) {
        List<Path> current = new ArrayList<>(List.of(path.getRoot() == null ? Path.of("") : path.getRoot()));
        for (Path segment : path) {
            String name = segment.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (name.indexOf('*') < 0 && name.indexOf('?') < 0) {
                    next.add(dir.resolve(name));
                    continue;
                }
                try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, name)) {
                    List<Path> matched = new ArrayList<>();
                    listing.forEach(matched::add);
                    matched.sort(null);
                    next.addAll(matched);
                } catch (IOException | RuntimeException e) {
                    // an unreadable directory includes nothing, as with ssh
                }
            }
            current = next;
        }
        return current;
    }

    private static String readSmallFile(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 1024 * 1024) {
                return null;
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------- resolution

    private static final class Resolution {
        final String originalHost;
        boolean active = true;
        String hostName;
        String user;
        Integer port;
        final List<String> identityFiles = new ArrayList<>();
        String proxy; // "jump:<spec>" or "command:<cmd>"
        List<String> knownHosts;
        String strict;
        Integer connectTimeout;

        Resolution(String originalHost) {
            this.originalHost = originalHost;
        }

        void apply(Option o) {
            String first = o.args().get(0);
            switch (o.keyword()) {
                case "hostname" -> {
                    if (hostName == null) {
                        hostName = first;
                    }
                }
                case "user" -> {
                    if (user == null) {
                        user = first;
                    }
                }
                case "port" -> {
                    if (port == null) {
                        port = parsePort(first);
                    }
                }
                case "identityfile" -> identityFiles.add(first);
                case "proxyjump" -> {
                    if (proxy == null) {
                        proxy = "jump:" + first;
                    }
                }
                case "proxycommand" -> {
                    if (proxy == null) {
                        proxy = "command:" + String.join(" ", o.args());
                    }
                }
                case "userknownhostsfile" -> {
                    if (knownHosts == null) {
                        knownHosts = List.copyOf(o.args());
                    }
                }
                case "stricthostkeychecking" -> {
                    if (strict == null) {
                        strict = first.toLowerCase(Locale.ROOT);
                    }
                }
                case "connecttimeout" -> {
                    if (connectTimeout == null) {
                        connectTimeout = parsePositive(first);
                    }
                }
                default -> {
                }
            }
        }

        Resolved finish(String host, String localUser, Path home) {
            String name = hostName == null ? host : expand(hostName, host, null, null, localUser, home, false);
            String remoteUser = user == null ? null : expand(user, host, name, null, localUser, home, false);
            String effectiveUser = remoteUser == null ? localUser : remoteUser;
            List<String> ids = identityFiles.stream()
                    .filter(f -> !f.equalsIgnoreCase("none"))
                    .map(f -> expand(f, host, name, effectiveUser, localUser, home, true)).toList();
            List<String> kh = knownHosts == null ? List.of() : knownHosts.stream()
                    .filter(f -> !f.equalsIgnoreCase("none"))
                    .map(f -> expand(f, host, name, effectiveUser, localUser, home, true)).toList();
            String jump = proxy != null && proxy.startsWith("jump:") ? proxy.substring(5) : null;
            String command = proxy != null && proxy.startsWith("command:") && !proxy.substring(8).equalsIgnoreCase("none")
                    ? proxy.substring(8) : null;
            return new Resolved(name, remoteUser, port, ids, jump, command, kh, strict, connectTimeout);
        }
    }

    private static void walk(List<Entry> entries, Resolution r) {
        for (Entry e : entries) {
            switch (e) {
                case HostHeader h -> r.active = hostMatches(h.patterns(), r.originalHost);
                case MatchHeader m -> r.active = m.evaluable() && matchMatches(m, r);
                case Include i -> {
                    boolean saved = r.active;
                    if (saved) {
                        walk(i.entries(), r);
                    }
                    r.active = saved;
                }
                case Option o -> {
                    if (r.active) {
                        r.apply(o);
                    }
                }
            }
        }
    }

    private static boolean matchMatches(MatchHeader m, Resolution r) {
        for (String[] c : m.criteria()) {
            boolean ok = switch (c[0]) {
                case "all" -> true;
                case "host" -> patternListMatches(c[1], r.hostName == null ? r.originalHost : r.hostName);
                default -> patternListMatches(c[1], r.originalHost);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code Host a b !c}: some positive pattern matches and no negated one does (a comma is no separator here). */
    static boolean hostMatches(List<String> patterns, String host) {
        return matches(patterns, host, false);
    }

    private static boolean matches(List<String> patterns, String host, boolean commaLists) {
        boolean matched = false;
        for (String p : patterns) {
            for (String one : commaLists ? p.split(",") : new String[] {p}) {
                if (one.isEmpty()) {
                    continue;
                }
                if (one.startsWith("!")) {
                    if (glob(one.substring(1), host)) {
                        return false;
                    }
                } else if (glob(one, host)) {
                    matched = true;
                }
            }
        }
        return matched;
    }

    /** {@code Match host a,!b}: a comma-separated pattern list. */
    private static boolean patternListMatches(String list, String host) {
        return matches(List.of(list), host, true);
    }

    /** OpenSSH's match_pattern: {@code *} and {@code ?}, case-insensitive for host names. */
    static boolean glob(String pattern, String text) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String t = text.toLowerCase(Locale.ROOT);
        int pi = 0;
        int ti = 0;
        int star = -1;
        int mark = 0;
        while (ti < t.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    private static final Pattern TOKEN = Pattern.compile("%.");

    /** ssh_config TOKENS: %% %h %n %r %u %d, and ~ at the start of a path. */
    static String expand(String value, String originalHost, String hostName, String remoteUser, String localUser,
                         Path home, boolean path) {
        String v = value;
        if (path && (v.equals("~") || v.startsWith("~/"))) {
            v = home + v.substring(1);
        }
        StringBuilder sb = new StringBuilder();
        var m = TOKEN.matcher(v);
        int last = 0;
        while (m.find()) {
            sb.append(v, last, m.start());
            char t = m.group().charAt(1);
            String replacement = switch (t) {
                case '%' -> "%";
                case 'h' -> hostName == null ? originalHost : hostName;
                case 'n' -> originalHost;
                case 'r' -> remoteUser == null ? m.group() : remoteUser;
                case 'u' -> localUser;
                case 'd' -> home.toString();
                default -> m.group();
            };
            sb.append(replacement);
            last = m.end();
        }
        sb.append(v.substring(last));
        return sb.toString();
    }

    private static Integer parsePort(String s) {
        Integer n = parsePositive(s);
        return n != null && n <= 65535 ? n : null;
    }

    private static Integer parsePositive(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int n = Integer.parseInt(s);
        return n > 0 ? n : null;
    }
}
