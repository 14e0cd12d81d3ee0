package io.kolladoctor.deployment.live.openstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variables an openrc file such as Kolla's {@code /etc/kolla/admin-openrc.sh} exports, read without running a
 * shell: {@code export NAME=value} and {@code NAME=value} with single quotes, double quotes (backslash escapes)
 * and bare words, comments, several assignments on a line and {@code ;}-separated commands. Lines that are not
 * assignments (Kolla's {@code for key in $( set | … ); do unset $key; done}) are skipped. An {@code OS_*} value
 * that needs the shell ({@code $VAR}, {@code $(…)}, backquotes) is refused: kolla-doctor does not execute it.
 */
public final class OpenRc {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private OpenRc() {
    }

    /** One shell word: its value after quote removal and whether it asked for an expansion. */
    private record Word(String value, boolean expands, int line) {
    }

    /** The assignments in the text, later ones winning, as the shell would leave them. */
    public static Map<String, String> parse(String text) throws CredentialsException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (List<Word> command : commands(text)) {
            int start = 0;
            boolean exported = false;
            if (!command.isEmpty() && !command.get(0).expands() && command.get(0).value().equals("export")) {
                start = 1;
                exported = true;
            }
            List<Word> assignments = new ArrayList<>();
            boolean onlyAssignments = true;
            for (int i = start; i < command.size(); i++) {
                Word word = command.get(i);
                int eq = word.value().indexOf('=');
                if (eq > 0 && NAME.matcher(word.value().substring(0, eq)).matches()) {
                    assignments.add(word);
                } else if (!(exported && (word.value().startsWith("-") || NAME.matcher(word.value()).matches()))) {
                    onlyAssignments = false; // `A=b cmd`: A is only set for cmd; not ours to read
                }
            }
            for (Word word : assignments) {
                String name = word.value().substring(0, word.value().indexOf('='));
                if (word.expands() && name.startsWith("OS_")) {
                    // refused even in an odd command: a value the shell computes is not one to guess
                    throw new CredentialsException("line " + word.line() + ": " + name
                            + " needs the shell to expand it ($…, `…`), which kolla-doctor does not run;"
                            + " set " + name + " in the environment or use clouds.yaml");
                }
            }
            if (!onlyAssignments) {
                continue;
            }
            for (Word word : assignments) {
                int eq = word.value().indexOf('=');
                if (!word.expands()) {
                    variables.put(word.value().substring(0, eq), word.value().substring(eq + 1));
                }
            }
        }
        return variables;
    }

    /** Splits the text into commands (newline, {@code ;}, {@code &&}, {@code ||} outside quotes) of words. */
    private static List<List<Word>> commands(String text) throws CredentialsException {
        List<List<Word>> commands = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        StringBuilder word = null;
        boolean expands = false;
        int line = 1;
        int wordLine = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new CredentialsException("line " + line + ": unterminated single quote");
                }
                if (word == null) {
                    word = new StringBuilder();
                    wordLine = line;
                }
                String quoted = text.substring(i + 1, end);
                line += (int) quoted.chars().filter(ch -> ch == '\n').count();
                word.append(quoted);
                i = end + 1;
            } else if (c == '"') {
                if (word == null) {
                    word = new StringBuilder();
                    wordLine = line;
                }
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n && "\"\\$`\n".indexOf(text.charAt(i + 1)) >= 0) {
                        if (text.charAt(i + 1) == '\n') {
                            line++;
                        } else {
                            word.append(text.charAt(i + 1));
                        }
                        i += 2;
                        continue;
                    }
                    if (d == '$' || d == '`') {
                        expands = true;
                    }
                    if (d == '\n') {
                        line++;
                    }
                    word.append(d);
                    i++;
                }
                if (!closed) {
                    throw new CredentialsException("line " + wordLine + ": unterminated double quote");
                }
            } else if (c == '\\') {
                if (i + 1 < n && text.charAt(i + 1) == '\n') {
                    line++;
                    i += 2; // line continuation
                    continue;
                }
                if (word == null) {
                    word = new StringBuilder();
                    wordLine = line;
                }
                if (i + 1 < n) {
                    word.append(text.charAt(i + 1));
                }
                i += 2;
            } else if (c == '#' && word == null) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ' ' || c == '\t' || c == '\r') {
                if (word != null) {
                    current.add(new Word(word.toString(), expands, wordLine));
                    word = null;
                    expands = false;
                }
                i++;
            } else if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>') {
                if (word != null) {
                    current.add(new Word(word.toString(), expands, wordLine));
                    word = null;
                    expands = false;
                }
                if (!current.isEmpty()) {
                    commands.add(current);
                    current = new ArrayList<>();
                }
                if (c == '\n') {
                    line++;
                }
                i++;
            } else {
                if (word == null) {
                    word = new StringBuilder();
                    wordLine = line;
                }
                if (c == '$' || c == '`') {
                    expands = true;
                }
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            current.add(new Word(word.toString(), expands, wordLine));
        }
        if (!current.isEmpty()) {
            commands.add(current);
        }
        return commands;
    }
}
