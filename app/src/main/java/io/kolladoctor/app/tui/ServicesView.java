package io.kolladoctor.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.kolladoctor.app.tui.Canvas.Rect;
import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.EndpointRow;
import io.kolladoctor.app.tui.data.Section;
import io.kolladoctor.app.tui.data.ServiceRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Two panes, {@code Tab} between them: the service workers as their APIs report them (Nova services, Neutron
 * agents, Cinder services, Heat engines: up/down, enabled/disabled, forced down, last heartbeat), down ones
 * first ({@code e} on a nova-compute that is down opens the evacuation wizard); and the Keystone catalog (endpoints per service and interface). {@code /} filters the focused pane.
 */
final class ServicesView implements View {

    private final TableView<ServiceRow> workers = new TableView<>(List.of(
            Table.Column.of("SERVICE", ServiceRow::service, 4, 8),
            Table.Column.of("BINARY", ServiceRow::binary, 8, 28),
            Table.Column.of("HOST", ServiceRow::host, 4, 24),
            Table.Column.of("ZONE", r -> r.zone() == null ? "" : r.zone(), 4, 12),
            Table.Column.of("STATE", r -> r.stateText() + (r.forcedDown() ? " (forced)" : ""), 4, 14),
            Table.Column.of("STATUS", ServiceRow::statusText, 6, 8),
            Table.Column.of("HEARTBEAT", r -> r.heartbeatAge().isEmpty() ? "" : r.heartbeatAge() + " ago", 6, 12),
            Table.Column.of("NOTE", r -> r.note() == null ? "" : r.note(), 4, 0)),
            r -> r.service() + "/" + r.binary() + "@" + r.host()) {
        @Override
        public String name() {
            return "workers";
        }

        @Override
        String label() {
            return "Workers";
        }

        @Override
        Section<ServiceRow> section(ConsoleState state) {
            return state.services();
        }

        @Override
        String text(ServiceRow r) {
            return r.service() + " " + r.binary() + " " + r.host() + " " + r.stateText() + " " + r.statusText();
        }

        @Override
        int trouble(ServiceRow r) {
            return r.trouble() ? 2 : Boolean.FALSE.equals(r.enabled()) ? 1 : 0;
        }

        @Override
        String summary(List<ServiceRow> all) {
            return all.stream().filter(ServiceRow::trouble).count() + " down";
        }
    };

    private final TableView<EndpointRow> catalog = new TableView<>(List.of(
            Table.Column.of("SERVICE", EndpointRow::service, 4, 16),
            Table.Column.of("TYPE", EndpointRow::type, 4, 18),
            Table.Column.of("INTERFACE", EndpointRow::iface, 6, 9),
            Table.Column.of("REGION", EndpointRow::region, 6, 12),
            Table.Column.of("ENABLED", r -> r.enabled() ? "yes" : "no", 3, 7),
            Table.Column.of("URL", EndpointRow::url, 10, 0)),
            r -> r.service() + "/" + r.iface() + "/" + r.region()) {
        @Override
        public String name() {
            return "catalog";
        }

        @Override
        String label() {
            return "Keystone catalog";
        }

        @Override
        Section<EndpointRow> section(ConsoleState state) {
            return state.endpoints();
        }

        @Override
        String text(EndpointRow r) {
            return r.service() + " " + r.type() + " " + r.iface() + " " + r.region() + " " + r.url();
        }

        @Override
        int trouble(EndpointRow r) {
            return r.enabled() && !"(none)".equals(r.iface()) ? 0 : 1;
        }

        @Override
        String summary(List<EndpointRow> all) {
            return "";
        }
    };

    private boolean catalogFocused;

    private TableView<?> focused() {
        return catalogFocused ? catalog : workers;
    }

    @Override
    public String name() {
        return "services";
    }

    @Override
    public String title(ConsoleState state) {
        return "Services" + (catalogFocused ? " › catalog" : " › workers");
    }

    @Override
    public String note() {
        return focused().note();
    }

    @Override
    public void render(Canvas canvas, Rect area, ConsoleState state) {
        Theme theme = canvas.theme();
        if (area.height() < 14) {
            focused().render(canvas, area, state);
            return;
        }
        int split = area.height() * 3 / 5;
        pane(canvas, area.top(split), state, workers, !catalogFocused, theme);
        pane(canvas, area.below(split), state, catalog, catalogFocused, theme);
    }

    private static void pane(Canvas canvas, Rect r, ConsoleState state, TableView<?> view, boolean focused, Theme theme) {
        canvas.text(r.col() + 1, r.row(), (focused ? theme.selectedMarker() + " " : "  ") + view.title(state), r.width() - 2,
                focused ? theme.title() : theme.dim());
        view.render(canvas, r.below(1), state);
    }

    @Override
    public boolean key(KeyStroke k, Console console) {
        if (k.getKeyType() == KeyType.Tab || k.getKeyType() == KeyType.ReverseTab) {
            catalogFocused = !catalogFocused;
            return true;
        }
        if (!catalogFocused && Keys.is(k, 'e')) {
            workers.sync(console);
            ServiceRow r = workers.table.selectedRow();
            if (r == null || !"nova-compute".equals(r.binary())) {
                console.message("e evacuates a failed compute host: select its nova-compute row");
            } else if (!r.trouble()) {
                console.message("nova-compute on " + r.host() + " is up: the host is alive, nothing to evacuate");
            } else {
                console.evacuate(r.host(), io.kolladoctor.app.cli.EvacuationOptions.defaults());
            }
            return true;
        }
        return focused().key(k, console);
    }

    @Override
    public List<Hint> hints() {
        List<Hint> hints = new ArrayList<>(List.of(new Hint("tab", catalogFocused ? "workers" : "catalog")));
        hints.add(new Hint("/", "filter"));
        hints.add(new Hint("t", "troubled"));
        if (!catalogFocused) {
            hints.add(new Hint("e", "evacuate"));
        }
        return hints;
    }

    @Override
    public Filter filter() {
        return focused().filter();
    }

    @Override
    public void filter(Filter f) {
        focused().filter(f);
    }
}
