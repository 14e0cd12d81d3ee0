package io.kolladoctor.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bytes, the parser answers with a playbook or with located problems — never an exception, never a
 * problem without a position. Inputs: valid playbooks mutated at random (characters, lines, indentation, keys),
 * random YAML trees over the playbook's own keys, random bytes, and the classic hostile documents. Seeded, so a
 * failure reproduces.
 */
class PlaybookParserFuzzTest {

    private static final String NOISE = ":-[]{}&*!|>'\"#%@`,?\t\n  \\\u0000\u00e9\u65b0\u200b\ufeff";
    private static final List<String> WORDS = List.of("id", "note", "check", "fix", "command", "confirm", "wait", "choose",
            "options", "label", "then", "goto a", "goto zz", "next", "stop", "end", "timeout", "interval", "5m", "0s", "30",
            "host", "group", "expect", "safe", "sudo", "true", "~", "null", "[]", "{}", "containers.exited",
            "containers.exited/start", "on_fail", "on_pass", "on_warn", "on_yes", "on_no", "on_timeout", "subject", "steps",
            "name", "title", "description", "&x", "*x", "!!binary", "- ", ": ", "? ");
    private static final PlaybookLibrary LIBRARY = new PlaybookLibrary(PlaybookParserTest.VOCABULARY, List.of());

    @Test
    void mutatedPlaybooks() throws IOException {
        Random random = new Random(20261123L);
        List<String> seeds = seeds();
        for (int i = 0; i < 3000; i++) {
            String text = seeds.get(random.nextInt(seeds.size()));
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                text = mutate(text, random);
            }
            assertAnswered(text);
        }
    }

    @Test
    void randomTrees() {
        Random random = new Random(7L);
        for (int i = 0; i < 4000; i++) {
            StringBuilder yaml = new StringBuilder();
            tree(yaml, random, 0, "");
            assertAnswered(yaml.toString());
        }
    }

    @Test
    void randomBytes() {
        Random random = new Random(99L);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            check(LIBRARY.parse(bytes, "fuzz.yaml"));
        }
    }

    @Test
    void hostileDocuments() {
        StringBuilder laughs = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            laughs.append(c).append(": &").append(c).append(" [");
            laughs.append(("*" + (char) (c - 1) + ",").repeat(9)).append("]\n");
        }
        laughs.append("name: x\ntitle: t\nsteps: *k\n");
        for (String text : List.of(laughs.toString(), "[".repeat(10_000), "{a: ".repeat(5_000),
                "steps: &s [*s]\nname: x\ntitle: t\n", "name: x\ntitle: t\nsteps: [&m {id: a, note: *m}]\n",
                "--- a\n--- b\n", "name: !!python/object:os.system x\n", "? [a, b]\n: c\n",
                "name: x\ntitle: t\nsteps:\n  - {id: a, note: n, [k]: v}\n", "\ufeffname: x\n", "%YAML 9.9\n---\n",
                "name: x\ntitle: t\nsteps:\n  - id: a\n    command: [" + "a,".repeat(100_000) + "]\n    host: h\n")) {
            assertAnswered(text);
        }
    }

    private static void assertAnswered(String text) {
        Parsed parsed;
        try {
            parsed = PlaybookParserTest.PARSER.parse(text, "fuzz.yaml");
        } catch (Throwable t) {
            throw new AssertionError("parser threw on:\n" + text, t);
        }
        check(parsed);
    }

    private static void check(Parsed parsed) {
        if (parsed.valid()) {
            assertThat(parsed.playbook().steps()).isNotEmpty();
            return;
        }
        assertThat(parsed.playbook()).isNull();
        assertThat(parsed.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("fuzz.yaml");
            assertThat(p.line()).isPositive();
            assertThat(p.column()).isPositive();
            assertThat(p.message()).isNotBlank();
        });
    }

    private static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return WORDS.get(random.nextInt(WORDS.size()));
        }
        int at = random.nextInt(text.length());
        List<String> lines = new ArrayList<>(text.lines().toList());
        return switch (random.nextInt(7)) {
            case 0 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(8)));
            case 1 -> text.substring(0, at) + NOISE.charAt(random.nextInt(NOISE.length())) + text.substring(at);
            case 2 -> text.substring(0, at) + WORDS.get(random.nextInt(WORDS.size())) + text.substring(at);
            case 3 -> {
                int line = random.nextInt(lines.size());
                lines.add(random.nextInt(lines.size() + 1), lines.get(line));
                yield String.join("\n", lines);
            }
            case 4 -> {
                int line = random.nextInt(lines.size());
                lines.set(line, " ".repeat(random.nextInt(6)) + lines.get(line).stripLeading());
                yield String.join("\n", lines);
            }
            case 5 -> {
                int a = random.nextInt(lines.size());
                int b = random.nextInt(lines.size());
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
                yield String.join("\n", lines);
            }
            default -> text.substring(0, at);
        };
    }

    /** A random block mapping over the playbook's own words, so that many inputs get deep into validation. */
    private static void tree(StringBuilder out, Random random, int depth, String indent) {
        int keys = 1 + random.nextInt(5);
        for (int k = 0; k < keys; k++) {
            out.append(indent).append(WORDS.get(random.nextInt(WORDS.size()))).append(':');
            int shape = depth > 3 ? 0 : random.nextInt(4);
            switch (shape) {
                case 0 -> out.append(' ').append(scalar(random)).append('\n');
                case 1 -> {
                    out.append('\n');
                    tree(out, random, depth + 1, indent + "  ");
                }
                case 2 -> {
                    out.append('\n');
                    for (int i = random.nextInt(4); i >= 0; i--) {
                        out.append(indent).append("  -\n");
                        tree(out, random, depth + 1, indent + "    ");
                    }
                }
                default -> {
                    out.append(" [");
                    for (int i = random.nextInt(4); i >= 0; i--) {
                        out.append(scalar(random)).append(i == 0 ? "" : ", ");
                    }
                    out.append("]\n");
                }
            }
        }
    }

    private static String scalar(Random random) {
        String word = WORDS.get(random.nextInt(WORDS.size()));
        return word.matches("[A-Za-z0-9_./ ~-]+") ? word : "'" + word.replace("'", "''") + "'";
    }

    private static List<String> seeds() throws IOException {
        List<String> seeds = new ArrayList<>(List.of(PlaybookParserTest.VALID));
        for (String name : PlaybookLibrary.bundledNames()) {
            try (InputStream in = PlaybookLibrary.class.getClassLoader()
                    .getResourceAsStream("io/kolladoctor/playbooks/runbooks/" + name)) {
                seeds.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return seeds;
    }
}
