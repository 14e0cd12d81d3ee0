package io.kolladoctor.deployment.facts.host;

import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactRequest;
import java.util.List;

/** Files and directory listings of a host. */
public final class HostFiles {

    private HostFiles() {
    }

    /** A file by absolute path; absent when the host does not have it. */
    public static Fact<ConfigFile> file(String host, String path) {
        return Fact.of(FactRequest.hostFile(host, path), "text file",
                m -> new ConfigFile(host, path, m.text(), m.isUtf8()));
    }

    /**
     * The last lines of a log file (a collector keeps the last 200), stored at {@code logs/PATH}; absent when
     * the host has no such log.
     */
    public static Fact<ConfigFile> logTail(String host, String path) {
        return Fact.of(FactRequest.host(host, "logs" + path), "log tail",
                m -> new ConfigFile(host, path, m.text(), m.isUtf8()));
    }

    /**
     * The regular files below a directory ({@code find DIR -type f}, one absolute path a line), stored at
     * {@code listings/DIR.txt}; how checks discover e.g. every {@code wsgi-*.conf} under /etc/kolla.
     */
    public static Fact<List<String>> listing(String host, String directory) {
        String dir = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
        return Fact.of(FactRequest.host(host, "listings" + dir + ".txt"), "file listing",
                m -> m.text().lines().map(String::strip).filter(l -> l.startsWith("/")).toList());
    }
}
