package io.kolladoctor.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import io.kolladoctor.app.tui.Canvas.Rect;
import io.kolladoctor.app.tui.data.ConsoleState;
import java.util.List;

/**
 * What every detail view shares: its {@link Document}, rebuilt from the current state on every frame and laid
 * out for the current width, in a {@link Pager} ({@code /} searches, {@code n}/{@code N} between matches).
 */
abstract class PagerView implements View {

    private final Pager pager = new Pager();

    abstract Document document(Theme theme, ConsoleState state);

    @Override
    public void render(Canvas canvas, Rect area, ConsoleState state) {
        pager.layout(document(canvas.theme(), state), area.width() - 2);
        pager.render(canvas, new Rect(area.col() + 1, area.row(), area.width() - 2, area.height()));
    }

    @Override
    public String note() {
        return pager.position();
    }

    @Override
    public boolean key(KeyStroke k, Console console) {
        return pager.key(k);
    }

    @Override
    public List<Hint> hints() {
        return List.of(new Hint("j/k", "scroll"), new Hint("/", "search"), new Hint("n/N", "next/prev"),
                new Hint("esc", "back"));
    }

    @Override
    public String slashVerb() {
        return "search";
    }

    @Override
    public Filter filter() {
        return pager.search();
    }

    @Override
    public void filter(Filter f) {
        pager.search(f);
    }
}
