package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.data.AlarmRow;
import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.Section;
import java.util.List;

/** Aodh alarms (aodh alarm list): those in alarm first, then insufficient data, then ok. */
final class AlarmsView extends TableView<AlarmRow> {

    AlarmsView() {
        super(List.of(
                Table.Column.of("NAME", AlarmRow::name, 8, 40),
                Table.Column.of("STATE", r -> String.valueOf(r.state()), 5, 17),
                Table.Column.of("SEVERITY", r -> String.valueOf(r.severity()), 3, 8),
                Table.Column.of("ENABLED", r -> r.enabled() ? "yes" : "no", 3, 7),
                Table.Column.of("TYPE", r -> String.valueOf(r.type()), 4, 30),
                Table.Column.of("CHANGED", r -> r.stateChanged() == null ? "" : r.stateChanged(), 8, 26),
                Table.Column.of("REASON", r -> r.stateReason() == null ? "" : r.stateReason(), 6, 0)),
                AlarmRow::id);
    }

    @Override
    public String name() {
        return "alarms";
    }

    @Override
    String label() {
        return "Alarms";
    }

    @Override
    Section<AlarmRow> section(ConsoleState state) {
        return state.alarms();
    }

    @Override
    String text(AlarmRow r) {
        return r.name() + " " + r.state() + " " + r.severity() + " " + r.type();
    }

    @Override
    int trouble(AlarmRow r) {
        return r.trouble();
    }

    @Override
    String summary(List<AlarmRow> all) {
        return all.stream().filter(r -> r.trouble() >= 2).count() + " in alarm";
    }
}
