package io.kolladoctor.deployment.secrets;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks Kolla's passwords.yml as a whole: every value in it is a secret (or, like a Ceph FSID, close enough that a
 * snapshot has no business carrying it). The result stays valid YAML — each value becomes the quoted string
 * {@code '********'} (a bare {@code ********} would be a YAML alias) and each line of a block scalar (SSH keys)
 * becomes {@code ********} — so a snapshot's passwords.yml still parses and the key names stay visible.
 */
public final class PasswordsFileMasking {

    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)([\\w.\\-]+):(\\s*)(.*)$");
    private static final String QUOTED_MASK = "'" + SecretMasker.MASK + "'";

    private PasswordsFileMasking() {
    }

    public static String mask(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int blockIndent = -1; // inside a block scalar: lines indented deeper than its key
        for (String line : text.split("\n", -1)) {
            int indent = line.length() - line.stripLeading().length();
            if (blockIndent >= 0 && (line.isBlank() || indent > blockIndent)) {
                out.append(line.isBlank() ? line : " ".repeat(indent) + SecretMasker.MASK).append('\n');
                continue;
            }
            blockIndent = -1;
            Matcher m = KEY_LINE.matcher(line);
            if (line.equals("---") || line.equals("...")) { // document markers
                out.append(line).append('\n');
                continue;
            }
            if (line.stripLeading().startsWith("#") || !m.matches()) {
                out.append(line.stripLeading().startsWith("#") || line.isBlank() ? line : SecretMasker.MASK).append('\n');
                continue;
            }
            String value = m.group(4).strip();
            if (value.startsWith("|") || value.startsWith(">")) {
                blockIndent = indent;
                out.append(line).append('\n');
            } else if (value.isEmpty() || value.equals("null") || value.equals("~") || value.startsWith("#")) {
                out.append(line).append('\n');
            } else {
                out.append(m.group(1)).append(m.group(2)).append(": ").append(QUOTED_MASK).append('\n');
            }
        }
        out.setLength(out.length() - 1); // the split's last piece had no newline of its own
        return out.toString();
    }
}
