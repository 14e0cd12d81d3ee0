package io.kolladoctor.deployment.facts;

/**
 * A typed view over one {@link FactRequest}: the request plus the parser that turns its raw
 * material into {@code T}. {@code type} names the parser so that two views of the same bytes are
 * memoized apart while the bytes themselves are fetched once.
 */
public record Fact<T>(FactRequest request, String type, Parser<T> parser) {

    /** Turns raw material into a typed value; any exception means the material is malformed. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(Material material) throws Exception;
    }

    public static <T> Fact<T> of(FactRequest request, String type, Parser<T> parser) {
        return new Fact<>(request, type, parser);
    }

    String memoKey() {
        return request.snapshotPath() + "#" + type;
    }
}
