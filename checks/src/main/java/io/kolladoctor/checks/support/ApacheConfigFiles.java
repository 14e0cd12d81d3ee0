package io.kolladoctor.checks.support;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.ApacheConfig;
import io.kolladoctor.deployment.facts.host.ConfigFile;
import io.kolladoctor.deployment.facts.host.HostFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where the Apache httpd configurations of a host are. Kolla renders one per Apache-fronted service into
 * {@code /etc/kolla/<service dir>/}; the host's listing of /etc/kolla finds every one of them whatever the
 * release or service (any {@code *wsgi*.conf}, plus {@link #KOLLA_ROCKY}'s odd names), so later releases
 * (heat-api, nova-api, octavia under Apache) and custom services count too. A snapshot without that listing
 * falls back to {@link #KOLLA_ROCKY}, Kolla-Ansible's own list. Standalone vhosts outside Kolla (a gnocchi
 * installed with pip, seed 004) are read from {@link #HTTPD_DIRS} when those were listed.
 */
public final class ApacheConfigFiles {

    public static final String KOLLA_DIR = "/etc/kolla";

    /**
     * Kolla-Ansible Rocky's Apache configs, relative to /etc/kolla (roles/&lt;role&gt;/tasks/config.yml). Placement
     * is the nova-placement-api of Rocky; Horizon's vhost is horizon.conf; ironic-ipxe serves boot files.
     */
    public static final List<String> KOLLA_ROCKY = List.of(
            "keystone/wsgi-keystone.conf", "horizon/horizon.conf", "placement-api/placement-api-wsgi.conf",
            "cinder-api/cinder-wsgi.conf", "aodh-api/wsgi-aodh.conf", "gnocchi-api/wsgi-gnocchi.conf",
            "panko-api/wsgi-panko.conf", "cloudkitty-api/wsgi-cloudkitty.conf", "freezer-api/wsgi-freezer-api.conf",
            "monasca-api/wsgi-api.conf", "monasca-log-api/wsgi-log-api.conf", "vitrage-api/wsgi-vitrage.conf",
            "zun-api/wsgi-zun.conf", "ironic-ipxe/httpd.conf");

    /** Directories of standalone httpd vhosts (RHEL/CentOS, Debian/Ubuntu). */
    public static final List<String> HTTPD_DIRS = List.of("/etc/httpd/conf.d", "/etc/apache2/sites-enabled");

    private static final Pattern WSGI_NAME = Pattern.compile("(?i)[^/]*wsgi[^/]*\\.conf");

    private ApacheConfigFiles() {
    }

    /** A file name (or ConfigMap key) of an Apache WSGI config: {@code wsgi-aodh.conf}, {@code cinder-wsgi.conf}. */
    public static boolean isWsgiConfigName(String name) {
        return WSGI_NAME.matcher(name).matches();
    }

    /** Whether a path of the /etc/kolla listing is an Apache config: {@code /etc/kolla/<dir>/<file>} only. */
    public static boolean isKollaApacheConfig(String path) {
        if (!path.startsWith(KOLLA_DIR + "/")) {
            return false;
        }
        String relative = path.substring(KOLLA_DIR.length() + 1);
        String[] parts = relative.split("/");
        return parts.length == 2 && (isWsgiConfigName(parts[1]) || KOLLA_ROCKY.contains(relative));
    }

    /** The Kolla container that runs a config: {@code /etc/kolla/placement-api/…} → {@code placement_api}. */
    public static Optional<String> kollaContainer(String path) {
        String[] parts = path.split("/");
        return path.startsWith(KOLLA_DIR + "/") && parts.length == 5
                ? Optional.of(parts[3].replace('-', '_')) : Optional.empty();
    }

    /** The paths of the host's Apache configs (from its listings, else Kolla's list); a failed listing is thrown. */
    public static List<String> paths(Facts facts, String host) throws FactUnavailableException {
        TreeSet<String> paths = new TreeSet<>();
        Optional<List<String>> kolla = OptionalFacts.collected(facts, HostFiles.listing(host, KOLLA_DIR));
        if (kolla.isPresent()) {
            kolla.get().stream().filter(ApacheConfigFiles::isKollaApacheConfig).forEach(paths::add);
        } else {
            KOLLA_ROCKY.forEach(relative -> paths.add(KOLLA_DIR + "/" + relative));
        }
        for (String dir : HTTPD_DIRS) {
            OptionalFacts.collected(facts, HostFiles.listing(host, dir)).orElse(List.of()).stream()
                    .filter(p -> p.startsWith(dir + "/") && p.endsWith(".conf") && p.indexOf('/', dir.length() + 1) < 0)
                    .forEach(paths::add);
        }
        return List.copyOf(paths);
    }

    /** The Listen lines of a config that Apache refuses to parse ({@code Listen} without a valid port), as evidence. */
    public static List<Evidence> refusedListens(String source, String text) {
        List<String> lines = text.lines().toList();
        return ApacheConfig.parse(text).badListenLines().stream()
                .map(n -> Evidence.line(source, n, n <= lines.size() ? lines.get(n - 1).strip() : "")).toList();
    }

    /** The Apache configs the host has, read; files it does not have are left out. */
    public static List<ConfigFile> onHost(Facts facts, String host) throws FactUnavailableException {
        List<ConfigFile> files = new ArrayList<>();
        for (String path : paths(facts, host)) {
            facts.find(HostFiles.file(host, path)).ifPresent(files::add);
        }
        return files;
    }
}
