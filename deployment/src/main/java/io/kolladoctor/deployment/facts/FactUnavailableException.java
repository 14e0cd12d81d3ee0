package io.kolladoctor.deployment.facts;

/**
 * A fact could not be had. The message is the reason an operator reads in an ERROR finding,
 * so it names the material and what went wrong, never a stack trace.
 */
public class FactUnavailableException extends Exception {

    /** Why the material is not there. */
    public enum Kind {
        /** The thing does not exist at its source (a file the host does not have). Often a legitimate state. */
        ABSENT,
        /** The source failed (SSH refused, API 503, timeout) — recorded as failed in a snapshot's manifest. */
        FAILED,
        /** The snapshot simply does not contain it. */
        NOT_COLLECTED,
        /** It was there but could not be parsed (truncated JSON, bad YAML). */
        MALFORMED
    }

    private final transient FactRequest request;
    private final Kind kind;

    public FactUnavailableException(FactRequest request, Kind kind, String reason) {
        super(reason);
        this.request = request;
        this.kind = kind;
    }

    public FactUnavailableException(FactRequest request, Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.request = request;
        this.kind = kind;
    }

    public FactRequest request() {
        return request;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isAbsent() {
        return kind == Kind.ABSENT;
    }
}
