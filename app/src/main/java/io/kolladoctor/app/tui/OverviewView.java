package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.Section;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Health at a glance: one line per layer (findings, hosts, containers, services, pods, clusters, alarms); Enter opens it. */
final class OverviewView extends TableView<OverviewView.Layer> {

    /** One layer's line: what it counts, how bad, and the view Enter opens. */
    record Layer(String name, String summary, int trouble, String view) {
    }

    OverviewView() {
        super(List.of(
                Table.Column.of("LAYER", Layer::name, 8, 12),
                Table.Column.of("HEALTH", l -> l.trouble() >= 2 ? "BAD" : l.trouble() == 1 ? "CHECK" : "ok", 5, 6),
                Table.Column.of("SUMMARY", Layer::summary, 20, 0)),
                Layer::name);
    }

    @Override
    public String name() {
        return "overview";
    }

    @Override
    String label() {
        return "Overview";
    }

    @Override
    Section<Layer> section(ConsoleState s) {
        List<Layer> layers = new ArrayList<>();
        Map<Status, Long> c = s.counts();
        long checks = s.findings().stream().map(Finding::checkId).distinct().count();
        layers.add(new Layer("Findings", c.get(Status.FAIL) + " FAIL, " + c.get(Status.ERROR) + " ERROR, " + c.get(Status.WARN)
                + " WARN, " + c.get(Status.INFO) + " INFO, " + c.get(Status.OK) + " OK from " + checks + " checks"
                + (s.sweeping() ? " (sweeping " + s.checksDone() + "/" + s.checksTotal() + ")" : ""),
                c.get(Status.FAIL) + c.get(Status.ERROR) > 0 ? 2 : c.get(Status.WARN) > 0 ? 1 : 0, "findings"));
        long hosts = s.containers().rows().stream().map(r -> r.host()).distinct().count();
        layers.add(layer("Hosts", s.containers(), hosts + " hosts with containers", r -> 0, "containers"));
        long down = s.containers().rows().stream().filter(r -> r.trouble() >= 2).count();
        layers.add(layer("Containers", s.containers(), s.containers().rows().size() + " containers, " + down
                + " down or unhealthy", r -> r.trouble(), "containers"));
        long svcDown = s.services().rows().stream().filter(r -> r.trouble()).count();
        layers.add(layer("Services", s.services(), s.services().rows().size() + " workers, " + svcDown + " down",
                r -> r.trouble() ? 2 : 0, "services"));
        long podsBad = s.pods().rows().stream().filter(r -> r.trouble() >= 2).count();
        layers.add(layer("Pods", s.pods(), s.pods().rows().size() + " pods, " + podsBad + " not ready", r -> r.trouble(), "pods"));
        long failed = s.clusters().rows().stream().filter(r -> r.trouble() >= 2).count();
        layers.add(layer("Clusters", s.clusters(), s.clusters().rows().size() + " Magnum clusters, " + failed + " failed",
                r -> r.trouble(), "clusters"));
        long alarming = s.alarms().rows().stream().filter(r -> r.trouble() >= 2).count();
        layers.add(layer("Alarms", s.alarms(), s.alarms().rows().size() + " alarms, " + alarming + " in alarm",
                r -> r.trouble(), "alarms"));
        return Section.of(layers, List.of());
    }

    private static <T> Layer layer(String name, Section<T> section, String summary, ToIntFunction<T> trouble, String view) {
        if (!section.loaded()) {
            return new Layer(name, "loading…", 0, view);
        }
        int worst = section.rows().stream().mapToInt(trouble).max().orElse(0);
        String text = summary;
        if (!section.problems().isEmpty()) {
            text += "; " + section.problems().size() + " source(s) unavailable: " + section.problems().get(0);
            if (section.rows().isEmpty()) {
                text = "unavailable: " + section.problems().get(0);
                worst = Math.max(worst, 1);
            }
        }
        return new Layer(name, text, worst, view);
    }

    @Override
    String text(Layer l) {
        return l.name() + " " + l.summary();
    }

    @Override
    int trouble(Layer l) {
        return l.trouble();
    }

    @Override
    String summary(List<Layer> all) {
        return "";
    }

    @Override
    View detail(Layer layer, Console console) {
        console.jump(layer.view());
        return null;
    }

    @Override
    public List<Hint> hints() {
        return List.of(new Hint("enter", "open"));
    }
}
