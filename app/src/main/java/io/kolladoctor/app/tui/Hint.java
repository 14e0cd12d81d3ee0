package io.kolladoctor.app.tui;

/** A key and what it does, for the footer and the help view. */
public record Hint(String key, String action) {
}
