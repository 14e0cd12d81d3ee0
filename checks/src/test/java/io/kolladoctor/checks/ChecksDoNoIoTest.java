package io.kolladoctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.checks.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The design's rule for checks: a pure function of facts, no I/O, one small file named after its ID. Facts come
 * only through {@code Facts}; these tests keep file, network and process APIs out of the checks module.
 * (java.net.InetAddress is allowed for parsing address literals only; see support/IpAddresses.)
 */
class ChecksDoNoIoTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(java\\.nio\\.file|java\\.nio\\.channels|java\\.io\\.File\\w*|java\\.io\\.\\w*(Reader|Writer|Stream)\\b"
                    + "|java\\.net\\.(Socket|ServerSocket|URL|URI|http|DatagramSocket)\\w*|ProcessBuilder|Runtime\\.getRuntime"
                    + "|System\\.(getenv|getProperty|out|err)|Thread\\.sleep)");
    private static final int SMALL = 250;

    @Test
    void noCheckSourceReachesFilesNetworkOrProcesses() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path file : javaFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = FORBIDDEN.matcher(lines.get(i));
                if (m.find()) {
                    offences.add(SOURCES.relativize(file) + ":" + (i + 1) + " uses " + m.group(1));
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void everyCheckIsOneSmallFileNamedAfterItsId() throws IOException {
        for (Check check : Catalog.all()) {
            String id = check.info().id();
            Path file = SOURCES.resolve("io/kolladoctor/checks/catalog/" + className(id) + ".java");
            assertThat(check.getClass().getSimpleName()).as(id).isEqualTo(className(id));
            assertThat(file).as(id).exists();
            assertThat(Files.readAllLines(file)).as("%s is small", file).hasSizeLessThanOrEqualTo(SMALL);
        }
    }

    /** {@code heat.region-null} → {@code HeatRegionNull}. */
    static String className(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("[.-]")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
