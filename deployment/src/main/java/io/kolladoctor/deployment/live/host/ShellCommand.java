package io.kolladoctor.deployment.live.host;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A command run on a host, as an argument vector (never a shell snippet built from input). On a host it runs as
 * {@code [sudo -n] timeout -s KILL N env LC_ALL=C.UTF-8 ARGV…}: {@code timeout} kills the command and its process
 * group when the deadline passes even if the SSH channel is gone (sshj's {@code join(timeout)} does not), and inside
 * {@code sudo} so that it may kill what runs as root; C.UTF-8 keeps messages English (they are classified) while
 * lsblk and sfdisk still print non-ASCII labels as UTF-8 rather than {@code \x} escapes.
 */
record ShellCommand(List<String> argv) {

    static final String LOCALE = "C.UTF-8";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    ShellCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    static ShellCommand of(String... argv) {
        return new ShellCommand(List.of(argv));
    }

    /** The command proper, as an operator would type it: {@code lsblk -J -o NAME,…}. */
    String display() {
        return join(argv);
    }

    /** The full argument vector with the deadline (and sudo) around the command. */
    List<String> wrapped(int timeoutSeconds, boolean sudo) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 s");
        }
        List<String> full = new ArrayList<>();
        if (sudo) {
            full.addAll(List.of("sudo", "-n"));
        }
        full.addAll(List.of("timeout", "-s", "KILL", Integer.toString(timeoutSeconds), "env", "LC_ALL=" + LOCALE));
        full.addAll(argv);
        return full;
    }

    /** The line an SSH exec request carries (the remote login shell splits it back into {@link #wrapped}). */
    String line(int timeoutSeconds, boolean sudo) {
        return join(wrapped(timeoutSeconds, sudo));
    }

    static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String word : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(quote(word));
        }
        return sb.toString();
    }

    /** POSIX shell quoting: plain words as they are, anything else in single quotes. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
