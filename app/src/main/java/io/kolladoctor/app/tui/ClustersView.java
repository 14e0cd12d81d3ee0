package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.data.ClusterRow;
import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.Section;
import java.util.List;

/** Magnum clusters with their Heat stacks (openstack coe cluster list + stack status), failed ones first. */
final class ClustersView extends TableView<ClusterRow> {

    ClustersView() {
        super(List.of(
                Table.Column.of("NAME", ClusterRow::name, 6, 24),
                Table.Column.of("STATUS", ClusterRow::status, 8, 20),
                Table.Column.of("HEALTH", r -> r.health() == null ? "" : r.health(), 6, 10),
                Table.Column.of("MASTERS", r -> String.valueOf(r.masters()), 3, 7),
                Table.Column.of("NODES", r -> String.valueOf(r.nodes()), 3, 5),
                Table.Column.of("STACK", r -> r.stackStatus() == null ? "(no stack)" : r.stackStatus(), 8, 20),
                Table.Column.of("REASON", r -> r.reason() == null ? "" : r.reason(), 10, 0)),
                ClusterRow::uuid);
    }

    @Override
    public String name() {
        return "clusters";
    }

    @Override
    String label() {
        return "Clusters";
    }

    @Override
    Section<ClusterRow> section(ConsoleState state) {
        return state.clusters();
    }

    @Override
    String text(ClusterRow r) {
        return r.name() + " " + r.uuid() + " " + r.status() + " " + r.stackStatus() + " " + r.reason();
    }

    @Override
    int trouble(ClusterRow r) {
        return r.trouble();
    }

    @Override
    String summary(List<ClusterRow> all) {
        return all.stream().filter(r -> r.trouble() >= 2).count() + " failed";
    }

    @Override
    View detail(ClusterRow row, Console console) {
        return new ClusterDetailView(row, console.refresher());
    }
}
