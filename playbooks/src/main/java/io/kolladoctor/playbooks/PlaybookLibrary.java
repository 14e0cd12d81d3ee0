package io.kolladoctor.playbooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where playbooks come from: files named on the command line, the operator's own directory
 * ({@code $XDG_CONFIG_HOME/kolla-doctor/playbooks/NAME.yaml}, which shadows a bundled one of the same name), and the
 * runbooks bundled in this module's jar ({@code playbooks/runbooks/} in the source tree).
 */
public final class PlaybookLibrary {

    private static final String BUNDLED = "io/kolladoctor/playbooks/runbooks/";

    /**
     * One playbook found: its name (the playbook's own {@code name}; the file name without .yaml while it does not
     * parse), where, and how it parsed.
     */
    public record Entry(String name, String origin, Parsed parsed) {
        static Entry of(String fileName, String origin, Parsed parsed) {
            return new Entry(parsed.valid() ? parsed.playbook().name() : baseName(fileName), origin, parsed);
        }
    }

    private final PlaybookParser parser;
    private final List<Path> dirs;

    public PlaybookLibrary(Vocabulary vocabulary, List<Path> dirs) {
        this.parser = new PlaybookParser(vocabulary);
        this.dirs = List.copyOf(dirs);
    }

    public static Path userDir(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("kolla-doctor/playbooks");
    }

    /** Every playbook by name, the operator's first; invalid ones too (with their problems). */
    public List<Entry> list() throws IOException {
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                        Entry entry = Entry.of(file.getFileName().toString(), file.toString(), read(file));
                        byName.putIfAbsent(entry.name(), entry);
                    }
                }
            }
        }
        for (String resource : bundledNames()) {
            Entry entry = Entry.of(resource, "bundled:" + resource, readBundled(resource));
            byName.putIfAbsent(entry.name(), entry);
        }
        return new ArrayList<>(byName.values());
    }

    /** A playbook by name, or a file when {@code nameOrFile} is a path to one. */
    public Optional<Entry> find(String nameOrFile) throws IOException {
        Path asFile = Path.of(nameOrFile);
        if (nameOrFile.contains("/") || nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml")) {
            return Files.isRegularFile(asFile)
                    ? Optional.of(Entry.of(asFile.getFileName().toString(), asFile.toString(), read(asFile)))
                    : Optional.empty();
        }
        return list().stream().filter(e -> e.name().equals(nameOrFile)).findFirst();
    }

    /** A file's playbook; a file that is not UTF-8 text is a problem at 1:1, not an exception. */
    public Parsed read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    public Parsed parse(byte[] bytes, String origin) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return parser.parse(text, origin);
        } catch (CharacterCodingException e) {
            return new Parsed(null, List.of(new Problem(origin, 1, 1, "not UTF-8 text")));
        }
    }

    private Parsed readBundled(String resource) {
        try (InputStream in = PlaybookLibrary.class.getClassLoader().getResourceAsStream(BUNDLED + resource)) {
            if (in == null) {
                return new Parsed(null, List.of(new Problem("bundled:" + resource, 1, 1, "missing from the jar")));
            }
            return parse(in.readAllBytes(), "bundled:" + resource);
        } catch (IOException e) {
            return new Parsed(null, List.of(new Problem("bundled:" + resource, 1, 1, "unreadable: " + e.getMessage())));
        }
    }

    /**
     * The bundled runbooks' file names, read from this module's own jar (or classes directory in a build): the JDK has
     * no way to list a resource directory through the class loader, and a hand-kept index would drift.
     */
    static List<String> bundledNames() throws IOException {
        Path origin;
        try {
            origin = Path.of(PlaybookLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            return List.of();
        }
        if (Files.isDirectory(origin)) {
            Path dir = origin.resolve(BUNDLED);
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
            }
        }
        try (JarFile jar = new JarFile(origin.toFile())) {
            return jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith(BUNDLED) && n.endsWith(".yaml") && n.indexOf('/', BUNDLED.length()) < 0)
                    .map(n -> n.substring(BUNDLED.length())).sorted().toList();
        }
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
