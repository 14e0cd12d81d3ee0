package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.PodRow;
import io.kolladoctor.app.tui.data.Refresher;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One pod, describe-style: where it runs, each container's state and last termination message, conditions, events. */
final class PodDetailView extends PagerView {

    private static final int LABEL = 9;

    private final PodRow pod;
    private final CompletableFuture<List<String>> events;

    PodDetailView(PodRow pod, Refresher refresher) {
        this.pod = pod;
        this.events = refresher.load((facts, masker) -> PodRow.events(facts, masker, pod));
        events.thenRun(refresher::poke);
    }

    @Override
    public String name() {
        return "pod";
    }

    @Override
    public String title(ConsoleState state) {
        return pod.namespace() + "/" + pod.name();
    }

    @Override
    Document document(Theme theme, ConsoleState state) {
        Document d = new Document(theme);
        d.field(0, "Pod", LABEL, pod.name(), theme.bold());
        d.field(0, "Namespace", LABEL, pod.namespace() + "  (context " + pod.context() + ")", theme.plain());
        d.field(0, "Node", LABEL, pod.node() == null ? "(not scheduled)" : pod.node(), theme.plain());
        d.field(0, "IPs", LABEL, String.join(", ", pod.podIps()), theme.plain());
        d.field(0, "Status", LABEL, pod.status() + ", " + pod.readyText() + " ready, " + pod.restarts() + " restarts, age "
                + pod.age(), theme.trouble(pod.trouble()));
        d.heading("Containers");
        for (PodRow.Container c : pod.containerStates()) {
            d.field(2, c.name(), LABEL, c.state(), theme.plain());
            if (c.lastMessage() != null && !c.lastMessage().isBlank()) {
                d.quote(LABEL + 4, c.lastMessage(), theme.plain());
            }
        }
        d.heading("Conditions");
        pod.conditions().forEach(c -> d.text(2, c, theme.plain()));
        d.heading("Events");
        if (!events.isDone()) {
            d.text(2, "loading…", theme.dim());
        } else if (events.isCompletedExceptionally()) {
            d.text(2, "could not load: " + events.exceptionNow().getMessage(), theme.error());
        } else if (events.resultNow().isEmpty()) {
            d.text(2, "none", theme.dim());
        } else {
            events.resultNow().forEach(e -> d.para(2, 4, new Document.Span(e, e.contains("Warning") ? theme.trouble(1) : theme.plain())));
        }
        return d;
    }
}
