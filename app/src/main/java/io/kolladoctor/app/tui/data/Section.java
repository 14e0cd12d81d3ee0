package io.kolladoctor.app.tui.data;

import java.util.List;

/**
 * One part of what the console shows (containers, pods, services…) as last loaded: its rows, the problems met
 * while loading them (one line per sub-source that failed: a host whose Docker list could not be had, an API
 * that answered nothing), and whether a load is under way. A refresh keeps the previous rows on screen, marked
 * loading, until the new ones arrive: views update in place, never blank.
 */
public record Section<T>(List<T> rows, List<String> problems, boolean loading, boolean loaded) {

    public Section {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    /** Nothing loaded yet; a load is under way. */
    public static <T> Section<T> pending() {
        return new Section<>(List.of(), List.of(), true, false);
    }

    public static <T> Section<T> of(List<T> rows, List<String> problems) {
        return new Section<>(rows, problems, false, true);
    }

    public static <T> Section<T> failed(String problem) {
        return new Section<>(List.of(), List.of(problem), false, true);
    }

    /** The same rows, marked as being loaded again. */
    public Section<T> reloading() {
        return new Section<>(rows, problems, true, loaded);
    }
}
