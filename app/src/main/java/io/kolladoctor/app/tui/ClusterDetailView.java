package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.data.ClusterRow;
import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.Refresher;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One Magnum cluster: status and reason, its Heat stack, nested stacks, the resources that failed, the stack's events. */
final class ClusterDetailView extends PagerView {

    private static final int LABEL = 8;

    private final ClusterRow cluster;
    private final CompletableFuture<ClusterRow.Detail> detail;

    ClusterDetailView(ClusterRow cluster, Refresher refresher) {
        this.cluster = cluster;
        this.detail = refresher.load((facts, masker) -> ClusterRow.detail(facts, masker, cluster));
        detail.thenRun(refresher::poke);
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public String title(ConsoleState state) {
        return "cluster " + cluster.name();
    }

    @Override
    Document document(Theme theme, ConsoleState state) {
        Document d = new Document(theme);
        d.field(0, "Cluster", LABEL, cluster.name() + "  (" + cluster.uuid() + ")", theme.bold());
        d.field(0, "Status", LABEL, cluster.status(), theme.trouble(cluster.trouble()));
        if (cluster.reason() != null) {
            d.field(0, "Reason", LABEL, cluster.reason(), theme.plain());
        }
        d.field(0, "Size", LABEL, cluster.masters() + " master(s), " + cluster.nodes() + " node(s)"
                + (cluster.coeVersion() == null ? "" : ", Kubernetes " + cluster.coeVersion()), theme.plain());
        d.heading("Stack");
        if (cluster.stackId() == null) {
            d.text(2, "none", theme.dim());
        } else {
            d.field(2, "Stack", LABEL, (cluster.stackName() == null ? "" : cluster.stackName() + "  ") + cluster.stackId(), theme.plain());
            if (cluster.stackStatus() != null) {
                d.field(2, "Status", LABEL, cluster.stackStatus(), theme.plain());
            }
            if (cluster.stackReason() != null) {
                d.field(2, "Reason", LABEL, cluster.stackReason(), theme.plain());
            }
        }
        if (!detail.isDone()) {
            d.blank().text(2, "loading nested stacks, resources and events…", theme.dim());
            return d;
        }
        if (detail.isCompletedExceptionally()) {
            d.blank().text(2, "could not load: " + detail.exceptionNow().getMessage(), theme.error());
            return d;
        }
        ClusterRow.Detail more = detail.resultNow();
        list(d, theme, "Nested stacks", more.nestedStacks());
        list(d, theme, "Failed resources", more.failedResources());
        list(d, theme, "Events", more.events());
        if (!more.problems().isEmpty()) {
            d.heading("Not available");
            more.problems().forEach(p -> d.para(2, 2, new Document.Span(p, theme.dim())));
        }
        return d;
    }

    private static void list(Document d, Theme theme, String heading, List<String> items) {
        d.heading(heading + " (" + items.size() + ")");
        if (items.isEmpty()) {
            d.text(2, "none", theme.dim());
        }
        items.forEach(i -> d.para(2, 2, new Document.Span(i, i.contains("FAILED") ? theme.trouble(2) : theme.plain())));
    }
}
