package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.ContainerRow;
import io.kolladoctor.app.tui.data.Section;
import java.util.List;

/** Every container on every host (docker ps -a across the deployment), down and unhealthy ones first. */
final class ContainersView extends TableView<ContainerRow> {

    ContainersView() {
        super(List.of(
                Table.Column.of("HOST", ContainerRow::host, 4, 24),
                Table.Column.of("NAME", ContainerRow::name, 12, 32),
                Table.Column.of("TAG", ContainerRow::tag, 3, 16),
                Table.Column.of("STATE", ContainerRow::stateText, 7, 14),
                Table.Column.of("HEALTH", r -> r.health() == null ? "" : r.health(), 6, 10),
                Table.Column.of("RESTARTS", r -> r.restarts() == null ? "" : String.valueOf(r.restarts()), 3, 8),
                Table.Column.of("SINCE", ContainerRow::since, 5, 7),
                Table.Column.of("IMAGE", ContainerRow::image, 5, 0)),
                r -> r.host() + "/" + r.name());
    }

    @Override
    public String name() {
        return "containers";
    }

    @Override
    String label() {
        return "Containers";
    }

    @Override
    Section<ContainerRow> section(ConsoleState state) {
        return state.containers();
    }

    @Override
    String text(ContainerRow r) {
        return r.host() + " " + r.name() + " " + r.image() + " " + r.stateText() + " " + (r.health() == null ? "" : r.health());
    }

    @Override
    int trouble(ContainerRow r) {
        return r.trouble();
    }

    @Override
    String summary(List<ContainerRow> all) {
        long down = all.stream().filter(r -> r.trouble() >= 2 && !"running".equals(r.state())).count();
        long unhealthy = all.stream().filter(r -> "unhealthy".equals(r.health())).count();
        long hosts = all.stream().map(ContainerRow::host).distinct().count();
        return hosts + " hosts, " + down + " down, " + unhealthy + " unhealthy";
    }

    @Override
    View detail(ContainerRow row, Console console) {
        return new ContainerDetailView(row, console.refresher());
    }
}
