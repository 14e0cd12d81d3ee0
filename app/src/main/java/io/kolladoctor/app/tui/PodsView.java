package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.PodRow;
import io.kolladoctor.app.tui.data.Section;
import java.util.List;

/** Pods of every Kubernetes context the source reaches (kubectl get pods -o wide), not-ready ones first. */
final class PodsView extends TableView<PodRow> {

    PodsView() {
        super(List.of(
                Table.Column.of("CONTEXT", PodRow::context, 4, 16),
                Table.Column.of("NAMESPACE", PodRow::namespace, 4, 16),
                Table.Column.of("NAME", PodRow::name, 12, 48),
                Table.Column.of("READY", PodRow::readyText, 5, 5),
                Table.Column.of("STATUS", PodRow::status, 7, 20),
                Table.Column.of("RESTARTS", r -> String.valueOf(r.restarts()), 3, 8),
                Table.Column.of("NODE", r -> r.node() == null ? "" : r.node(), 4, 30),
                Table.Column.of("AGE", PodRow::age, 3, 6)),
                r -> r.context() + "/" + r.namespace() + "/" + r.name());
    }

    @Override
    public String name() {
        return "pods";
    }

    @Override
    String label() {
        return "Pods";
    }

    @Override
    Section<PodRow> section(ConsoleState state) {
        return state.pods();
    }

    @Override
    String text(PodRow r) {
        return r.context() + " " + r.namespace() + " " + r.name() + " " + r.status() + " " + r.node();
    }

    @Override
    int trouble(PodRow r) {
        return r.trouble();
    }

    @Override
    String summary(List<PodRow> all) {
        long bad = all.stream().filter(r -> r.trouble() >= 2).count();
        return bad + " not ready";
    }

    @Override
    View detail(PodRow row, Console console) {
        return new PodDetailView(row, console.refresher());
    }
}
