package io.kolladoctor.fixes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sets options in an oslo.config style INI file (a Kolla override such as {@code /etc/kolla/config/heat.conf}) the way
 * an operator would with an editor: every other line — sections, options, comments, blank lines — stays as it is.
 * An option already in the section gets the new value on its (last, the one oslo reads) line, continuation lines of its
 * old value dropped; a missing option goes right below the section's first header; a missing section is appended; a
 * missing file is created. Applying it twice changes nothing the second time.
 */
public final class IniMerge {

    /** Appended to the file's path for the copy of what it replaced. */
    public static final String BACKUP_SUFFIX = ".kolla-doctor.bak";

    private IniMerge() {
    }

    /** What {@link #apply} did. */
    public record Result(boolean changed, boolean created, String detail) {
    }

    /** The text with the options set; {@code text} null for a file that does not exist. Unchanged when already so. */
    public static String merge(String text, String section, Map<String, String> options) {
        List<String> lines = text == null || text.isEmpty() ? new ArrayList<>()
                : new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast(); // the text ended with a newline
        }
        boolean changed = false;
        for (Map.Entry<String, String> option : options.entrySet()) {
            changed |= set(lines, section, option.getKey(), option.getValue());
        }
        return changed || text == null ? String.join("\n", lines) + "\n" : text;
    }

    /** Sets one option in {@code lines}; false when it already had that value. */
    private static boolean set(List<String> lines, String section, String key, String value) {
        String wanted = key + " = " + value;
        Pattern optionLine = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:](.*)$");
        int header = -1;
        int last = -1;
        String current = null;
        for (int i = 0; i < lines.size(); i++) {
            String name = sectionName(lines.get(i));
            if (name != null) {
                current = name;
                if (name.equals(section) && header < 0) {
                    header = i;
                }
            } else if (section.equals(current) && optionLine.matcher(lines.get(i)).matches()) {
                last = i;
            }
        }
        if (last >= 0) {
            var m = optionLine.matcher(lines.get(last));
            boolean continued = last + 1 < lines.size() && isContinuation(lines.get(last + 1));
            if (m.matches() && m.group(1).strip().equals(value) && !continued) {
                return false;
            }
            String crlf = lines.get(last).endsWith("\r") ? "\r" : "";
            lines.set(last, wanted + crlf);
            while (last + 1 < lines.size() && isContinuation(lines.get(last + 1))) {
                lines.remove(last + 1);
            }
        } else if (header >= 0) {
            lines.add(header + 1, wanted + (lines.get(header).endsWith("\r") ? "\r" : ""));
        } else {
            if (!lines.isEmpty() && !lines.getLast().isBlank()) {
                lines.add("");
            }
            lines.add("[" + section + "]");
            lines.add(wanted);
        }
        return true;
    }

    /** The section a header line opens, or null. */
    private static String sectionName(String line) {
        String s = line.strip();
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1).strip() : null;
    }

    private static boolean isContinuation(String line) {
        String s = line.strip();
        return !s.isEmpty() && Character.isWhitespace(line.charAt(0)) && !s.startsWith("#") && !s.startsWith(";");
    }

    /**
     * Merges into the file: writes a sibling temporary file with the old file's mode (and owner, when allowed) and
     * moves it over the file, after copying the old one to {@code file + BACKUP_SUFFIX}. Creates the directory and
     * the file when absent. Writes nothing when the options are already so.
     */
    public static Result apply(Path file, String section, Map<String, String> options) throws IOException {
        boolean exists = Files.exists(file);
        String before = exists ? Files.readString(file, StandardCharsets.UTF_8) : null;
        String after = merge(before, section, options);
        if (after.equals(before)) {
            return new Result(false, false, "already so in " + file + ": not written");
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path backup = Path.of(file + BACKUP_SUFFIX);
        if (exists) {
            Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".kolla-doctor.tmp");
        try {
            Files.writeString(temp, after, StandardCharsets.UTF_8);
            if (exists) {
                keepOwnership(file, temp);
            } else {
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return exists ? new Result(true, false, "written " + file + " (previous file saved as " + backup + ")")
                : new Result(true, true, "created " + file);
    }

    private static void keepOwnership(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        PosixFileAttributes attributes = view.readAttributes();
        Files.setPosixFilePermissions(to, attributes.permissions());
        try {
            Files.getFileAttributeView(to, PosixFileAttributeView.class).setOwner(attributes.owner());
            Files.getFileAttributeView(to, PosixFileAttributeView.class).setGroup(attributes.group());
        } catch (IOException | UnsupportedOperationException e) {
            // not root: the file is ours, as an editor run by this user would leave it
        }
    }
}
