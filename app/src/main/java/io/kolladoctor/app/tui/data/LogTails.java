package io.kolladoctor.app.tui.data;

import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.ConfigFile;
import io.kolladoctor.deployment.facts.host.HostFiles;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The log tails of a Kolla container: its service writes to files under {@code /var/log/kolla/<service>/}, not
 * to {@code docker logs}. The container's own file comes first, then the other files of that directory when its
 * listing is known. Every line masked.
 */
public final class LogTails {

    /** One file's tail, or why there is none. */
    public record Tail(String path, List<String> lines, String problem) {
    }

    /** Files tailed per container at most (a directory may hold a dozen rotated logs). */
    static final int MAX_FILES = 4;

    private LogTails() {
    }

    public static List<Tail> of(Facts facts, SecretMasker masker, String host, String logFile) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(logFile);
        String dir = logFile.substring(0, logFile.lastIndexOf('/'));
        try {
            facts.find(HostFiles.listing(host, dir)).ifPresent(listing -> listing.stream()
                    .filter(p -> p.endsWith(".log")).forEach(paths::add));
        } catch (FactUnavailableException e) {
            // the directory listing only adds files; the container's own log is asked for anyway
        }
        List<Tail> tails = new ArrayList<>();
        for (String path : paths.stream().limit(MAX_FILES).toList()) {
            try {
                ConfigFile tail = facts.get(HostFiles.logTail(host, path));
                tails.add(new Tail(host + ":" + path, tail.lines().stream().map(masker::mask).toList(), null));
            } catch (FactUnavailableException e) {
                tails.add(new Tail(host + ":" + path, List.of(), masker.mask(e.getMessage())));
            }
        }
        return tails;
    }
}
