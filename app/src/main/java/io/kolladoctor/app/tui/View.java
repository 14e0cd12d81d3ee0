package io.kolladoctor.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import io.kolladoctor.app.tui.Canvas.Rect;
import io.kolladoctor.app.tui.data.ConsoleState;
import java.util.List;

/**
 * One screen of the console (k9s: one view per resource): a title for the frame, what it draws inside the
 * frame from the current state, the keys it handles itself and the hints the footer shows for them.
 * Global keys ({@code ? : / r q Esc}) are the console's.
 */
public interface View {

    /** For the crumbs and the command line: findings, containers, … */
    String name();

    /** The frame's title, with counts and active filters. */
    String title(ConsoleState state);

    void render(Canvas canvas, Rect area, ConsoleState state);

    /** Shown on the right of the frame's top edge: the position in the list or page. */
    default String note() {
        return null;
    }

    /** Handles a key; false when the view has no use for it. */
    boolean key(KeyStroke key, Console console);

    /** The view's own keys, shown in the footer before the global ones. */
    List<Hint> hints();

    /** What {@code /} does here: "filter" on lists, "search" in pagers; null when nothing. */
    default String slashVerb() {
        return "filter";
    }

    default Filter filter() {
        return Filter.NONE;
    }

    default void filter(Filter filter) {
    }

    /** Why Esc (or a jump) may not leave this view now, or null when it may (a fix being applied holds its dialog). */
    default String holdsBack() {
        return null;
    }
}
