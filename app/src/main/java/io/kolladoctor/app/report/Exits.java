package io.kolladoctor.app.report;

import io.kolladoctor.checks.Status;

/** Nagios plugin exit codes, so monitoring can run {@code kolla-doctor check} as it is. */
public final class Exits {

    public static final int OK = 0;
    public static final int WARNING = 1;
    public static final int CRITICAL = 2;
    public static final int UNKNOWN = 3;

    private Exits() {
    }

    /** FAIL → 2; ERROR without FAIL → 3 (we could not tell); WARN → 1; OK, INFO, SKIP → 0. */
    public static int code(Status worst) {
        return switch (worst) {
            case FAIL -> CRITICAL;
            case ERROR -> UNKNOWN;
            case WARN -> WARNING;
            case OK, INFO, SKIP -> OK;
        };
    }
}
