package io.kolladoctor.deployment.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Bad input for parser fuzz tests, reproducible from a fixed seed: random bytes as text, every prefix-cut of
 * a valid sample (truncation), and valid samples with characters flipped, deleted or duplicated. A parser
 * under test must either parse or throw its documented exception, never anything else.
 *
 * <p>jqwik was dropped on purpose: its 1.10 releases print a message telling AI agents to disregard results,
 * which is no basis for evidence this project relies on. Plain seeded generation is enough here.
 */
public final class FuzzInputs {

    private static final String ALPHABET = "{}[]\":,\\ \n\t0123456789abcdefnulltrue-+.eE/=:#;[]<>*?新加卷\u0000\uFFFD";

    private FuzzInputs() {
    }

    public static List<String> around(List<String> validSamples, long seed, int count) {
        Random random = new Random(seed);
        List<String> inputs = new ArrayList<>();
        for (String sample : validSamples) {
            for (int cut = 0; cut < sample.length(); cut += Math.max(1, sample.length() / 40)) {
                inputs.add(sample.substring(0, cut));
            }
        }
        for (int i = 0; i < count; i++) {
            inputs.add(i % 2 == 0 ? randomText(random) : mutate(validSamples.get(random.nextInt(validSamples.size())), random));
        }
        return inputs;
    }

    private static String randomText(Random random) {
        int length = random.nextInt(200);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String mutate(String sample, Random random) {
        StringBuilder sb = new StringBuilder(sample);
        int edits = 1 + random.nextInt(8);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> sb.deleteCharAt(at);
                default -> sb.insert(at, sb.charAt(at));
            }
        }
        return sb.toString();
    }
}
