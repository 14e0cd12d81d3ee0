package io.kolladoctor.deployment.facts.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code Listen} directives of an Apache httpd configuration (Kolla's {@code wsgi-<service>.conf}). */
public final class ApacheConfig {

    /**
     * One {@code Listen [address:]port [protocol]}. {@code address} is null for a bare port, which means
     * every address; IPv6 addresses keep their brackets off ({@code ::}).
     */
    public record Listen(String address, int port, int line, String text) {

        public boolean isWildcard() {
            return address == null || address.equals("0.0.0.0") || address.equals("::") || address.equals("*");
        }

        /** {@code address:port} as Apache would print it. */
        public String endpoint() {
            if (address == null) {
                return Integer.toString(port);
            }
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    private static final Pattern LISTEN = Pattern.compile("(?i)^\\s*Listen\\s+(\\S+)(?:\\s+\\S+)?\\s*$");
    private static final Pattern V6 = Pattern.compile("^\\[([0-9A-Fa-f:.]+)]:(\\d+)$");
    private static final Pattern HOST_PORT = Pattern.compile("^([^:\\[\\]]+):(\\d+)$");
    private static final Pattern PORT = Pattern.compile("^(\\d+)$");

    private final List<Listen> listens;
    private final List<Integer> badListenLines;

    private ApacheConfig(List<Listen> listens, List<Integer> badListenLines) {
        this.listens = listens;
        this.badListenLines = badListenLines;
    }

    public static ApacheConfig parse(String text) {
        List<Listen> listens = new ArrayList<>();
        List<Integer> bad = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LISTEN.matcher(lines[i]);
            if (!m.matches()) {
                if (lines[i].strip().toLowerCase(Locale.ROOT).startsWith("listen")) {
                    bad.add(i + 1);
                }
                continue;
            }
            String arg = m.group(1);
            Listen listen = listen(arg, i + 1, lines[i].strip());
            if (listen == null) {
                bad.add(i + 1);
            } else {
                listens.add(listen);
            }
        }
        return new ApacheConfig(List.copyOf(listens), List.copyOf(bad));
    }

    private static Listen listen(String arg, int line, String text) {
        Matcher m;
        if ((m = V6.matcher(arg)).matches()) {
            return port(m.group(2)) < 0 ? null : new Listen(m.group(1), port(m.group(2)), line, text);
        }
        if ((m = HOST_PORT.matcher(arg)).matches()) {
            return port(m.group(2)) < 0 ? null : new Listen(m.group(1), port(m.group(2)), line, text);
        }
        if ((m = PORT.matcher(arg)).matches()) {
            return port(m.group(1)) < 0 ? null : new Listen(null, port(m.group(1)), line, text);
        }
        return null;
    }

    private static int port(String digits) {
        if (digits.length() > 5) {
            return -1;
        }
        int p = Integer.parseInt(digits);
        return p >= 1 && p <= 65535 ? p : -1;
    }

    public List<Listen> listens() {
        return listens;
    }

    /** Lines that start with Listen but do not parse: Apache itself would refuse them. */
    public List<Integer> badListenLines() {
        return badListenLines;
    }
}
