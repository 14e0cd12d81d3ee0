package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.ContainerRow;
import io.kolladoctor.app.tui.data.LogTails;
import io.kolladoctor.app.tui.data.Refresher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One container: state, exit code, restart count and policy, health with the last probe's output, labels, and
 * the tail of its service's Kolla log files (loaded when the view opens, searchable with {@code /}).
 */
final class ContainerDetailView extends PagerView {

    private static final int LABEL = 10;

    private final ContainerRow row;
    private final CompletableFuture<List<LogTails.Tail>> logs;

    ContainerDetailView(ContainerRow row, Refresher refresher) {
        this.row = row;
        this.logs = refresher.load((facts, masker) -> LogTails.of(facts, masker, row.host(), row.logFile()));
        logs.thenRun(refresher::poke);
    }

    @Override
    public String name() {
        return "container";
    }

    @Override
    public String title(ConsoleState state) {
        return row.host() + "/" + row.name();
    }

    @Override
    Document document(Theme theme, ConsoleState state) {
        Document d = new Document(theme);
        d.field(0, "Container", LABEL, row.name() + " on " + row.host(), theme.bold());
        d.field(0, "Image", LABEL, row.image(), theme.plain());
        d.field(0, "Id", LABEL, row.id() == null ? "" : row.id().substring(0, Math.min(12, row.id().length())), theme.plain());
        d.field(0, "State", LABEL, row.stateText() + (row.statusText() == null ? "" : "  (docker ps: " + row.statusText() + ")"),
                theme.trouble(row.trouble()));
        d.field(0, "Started", LABEL, row.startedAt() == null ? "never" : row.startedAt().toString(), theme.plain());
        if (!"running".equals(row.state())) {
            d.field(0, "Finished", LABEL, row.finishedAt() == null ? "" : row.finishedAt().toString(), theme.plain());
        }
        d.field(0, "Restarts", LABEL, (row.restarts() == null ? "?" : row.restarts()) + "  policy "
                + (row.restartPolicy() == null ? "?" : row.restartPolicy()), theme.plain());
        if (row.health() != null) {
            d.field(0, "Health", LABEL, row.health() + ", failing streak " + row.failingStreak(),
                    theme.trouble("unhealthy".equals(row.health()) ? 2 : 0));
            if (row.probeOutput() != null) {
                d.field(0, "Probe", LABEL, "last exit " + row.probeExitCode(), theme.plain());
                d.quote(LABEL + 2, row.probeOutput(), theme.plain());
            }
        }
        d.field(0, "Source", LABEL, row.source(), theme.dim());
        if (!row.labels().isEmpty()) {
            d.heading("Labels");
            for (Map.Entry<String, String> e : row.labels().entrySet()) {
                d.text(2, e.getKey() + "=" + e.getValue(), theme.plain());
            }
        }
        d.heading("Logs");
        if (!logs.isDone()) {
            d.text(2, "loading " + row.logFile() + " …", theme.dim());
        } else if (logs.isCompletedExceptionally()) {
            d.text(2, "could not load: " + logs.exceptionNow().getMessage(), theme.error());
        } else {
            for (LogTails.Tail tail : logs.resultNow()) {
                d.text(2, tail.path(), theme.bold());
                if (tail.problem() != null) {
                    d.text(4, tail.problem(), theme.dim());
                }
                for (String line : tail.lines()) {
                    d.para(4, 2, new Document.Span(line, line.matches(".*\\b(ERROR|CRITICAL)\\b.*") ? theme.error() : theme.plain()));
                }
            }
        }
        return d;
    }
}
