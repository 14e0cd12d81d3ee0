package io.kolladoctor.deployment.facts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One piece of raw source material: where it lives ({@code scope} + {@code target}) and what it is
 * ({@code name}, a relative path that already carries its native extension, e.g.
 * {@code docker/containers.json}, {@code files/etc/kolla/heat-engine/heat.conf},
 * {@code identity/users.json}). The same request names the same bytes live and in a snapshot:
 * a snapshot stores it at {@link #snapshotPath()}.
 */
public record FactRequest(Scope scope, String target, String name) {

    /** Where the material comes from. */
    public enum Scope {
        /** Deployment-wide files: the Kolla inventory, globals.yml, passwords.yml. */
        DEPLOYMENT("kolla"),
        /** One host: container engine, files, command outputs. */
        HOST("hosts"),
        /** One OpenStack cloud: API response bodies. */
        CLOUD("openstack"),
        /** One Kubernetes context: API list bodies. */
        KUBERNETES("kubernetes");

        private final String directory;

        Scope(String directory) {
            this.directory = directory;
        }

        public String directory() {
            return directory;
        }
    }

    private static final Pattern SAFE_SEGMENT = Pattern.compile("[^/\\x00]+");

    public FactRequest {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(name, "name");
        if (scope != Scope.DEPLOYMENT) {
            Objects.requireNonNull(target, "target");
            requireSafe(target, "target");
        } else {
            target = "";
        }
        for (String segment : name.split("/")) {
            requireSafe(segment, "name");
        }
    }

    private static void requireSafe(String segment, String what) {
        if (!SAFE_SEGMENT.matcher(segment).matches() || segment.equals("..") || segment.equals(".")) {
            throw new IllegalArgumentException("unsafe " + what + " segment: '" + segment + "'");
        }
    }

    public static FactRequest deployment(String name) {
        return new FactRequest(Scope.DEPLOYMENT, "", name);
    }

    public static FactRequest host(String host, String name) {
        return new FactRequest(Scope.HOST, host, name);
    }

    /** A file on a host, by absolute path. */
    public static FactRequest hostFile(String host, String absolutePath) {
        if (!absolutePath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + absolutePath);
        }
        return host(host, "files" + absolutePath);
    }

    public static FactRequest cloud(String cloud, String name) {
        return new FactRequest(Scope.CLOUD, cloud, name);
    }

    public static FactRequest kubernetes(String context, String name) {
        return new FactRequest(Scope.KUBERNETES, context, name);
    }

    /** Relative path inside a snapshot directory. */
    public String snapshotPath() {
        return scope == Scope.DEPLOYMENT
                ? scope.directory() + "/" + name
                : scope.directory() + "/" + target + "/" + name;
    }

    /** For a host file request, the absolute path on the host; otherwise null. */
    public String hostPath() {
        return scope == Scope.HOST && name.startsWith("files/") ? name.substring("files".length()) : null;
    }

    /** Human-readable origin, e.g. {@code ctl1:/etc/kolla/heat-engine/heat.conf}. */
    public String describe() {
        return switch (scope) {
            case DEPLOYMENT -> name;
            case HOST -> target + ":" + (hostPath() != null ? hostPath() : name);
            case CLOUD -> "openstack(" + target + ") " + name;
            case KUBERNETES -> "kubernetes(" + target + ") " + name;
        };
    }

    @Override
    public String toString() {
        return snapshotPath();
    }
}
