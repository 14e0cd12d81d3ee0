package io.kolladoctor.deployment.live.host;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;

/**
 * Why something could not be had from a host, phrased for the operator. {@code absent}: the thing does not exist
 * there; otherwise the host, its transport or the command failed.
 */
final class HostException extends Exception {

    private enum Kind { FAILED, ABSENT, DENIED, STALE }

    private final Kind kind;

    HostException(String reason) {
        this(reason, Kind.FAILED, null);
    }

    HostException(String reason, Throwable cause) {
        this(reason, Kind.FAILED, cause);
    }

    private HostException(String reason, Kind kind, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    static HostException absent(String reason) {
        return new HostException(reason, Kind.ABSENT, null);
    }

    /** Permission denied: worth one retry under {@code sudo -n}. */
    static HostException denied(String reason) {
        return new HostException(reason, Kind.DENIED, null);
    }

    /** A pooled connection turned out to be dead before the command started: worth one retry on a new one. */
    static HostException stale(String reason, Throwable cause) {
        return new HostException(reason, Kind.STALE, cause);
    }

    boolean isStale() {
        return kind == Kind.STALE;
    }

    boolean isAbsent() {
        return kind == Kind.ABSENT;
    }

    boolean isDenied() {
        return kind == Kind.DENIED;
    }

    FactUnavailableException toUnavailable(FactRequest request) {
        return new FactUnavailableException(request,
                isAbsent() ? FactUnavailableException.Kind.ABSENT : FactUnavailableException.Kind.FAILED,
                getMessage(), getCause());
    }
}
