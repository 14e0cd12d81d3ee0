package io.kolladoctor.checks;

/**
 * Why a finding says what it says: the {@code source} (a file as {@code host:path}, an API collection, a
 * command), the {@code location} in it (line 12, an API field such as {@code floatingips[3].router_id}),
 * and an {@code excerpt} of what is there. Secrets are masked by the sweep before anyone sees it.
 */
public record Evidence(String source, String location, String excerpt) {

    public static Evidence line(String source, int line, String excerpt) {
        return new Evidence(source, "line " + line, excerpt);
    }

    public static Evidence field(String source, String field, String excerpt) {
        return new Evidence(source, field, excerpt);
    }

    public static Evidence of(String source, String excerpt) {
        return new Evidence(source, null, excerpt);
    }

    /** {@code source line 12} / {@code source field}. */
    public String where() {
        return location == null ? source : source + " " + location;
    }
}
