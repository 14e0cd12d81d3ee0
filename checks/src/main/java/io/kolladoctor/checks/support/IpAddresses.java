package io.kolladoctor.checks.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IP address literals as text, compared the way the kernel would: {@code ::1} and {@code 0:0:0:0:0:0:0:1} are
 * one address. Only literals are ever parsed (a name is never looked up: checks do no I/O).
 */
public final class IpAddresses {

    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpAddresses() {
    }

    /** An IPv4 or IPv6 literal (not a host name). */
    public static boolean isLiteral(String text) {
        return text != null && (V4.matcher(text).matches() || V6.matcher(text).matches() && canonical(text) != null);
    }

    /** One spelling per address: IPv4 as is, IPv6 in Java's full form; a name is returned lower-cased, unchanged. */
    public static String normalize(String text) {
        if (text == null || V4.matcher(text).matches()) {
            return text;
        }
        String canonical = V6.matcher(text).matches() ? canonical(text) : null;
        return canonical != null ? canonical : text.toLowerCase(Locale.ROOT);
    }

    /** 127.0.0.0/8 or ::1: every host and pod has them, on lo. */
    public static boolean isLoopback(String text) {
        String n = normalize(text);
        return n != null && (n.startsWith("127.") && V4.matcher(n).matches() || n.equals(normalize("::1")));
    }

    private static String canonical(String v6) {
        try {
            return InetAddress.getByName(v6.startsWith("[") ? v6 : "[" + v6 + "]").getHostAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
