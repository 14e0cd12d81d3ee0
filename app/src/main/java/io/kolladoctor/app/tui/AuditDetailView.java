package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.data.AuditRow;
import io.kolladoctor.app.tui.data.ConsoleState;
import java.nio.file.Path;

/** One audit entry in full: every field, the operation and detail wrapped rather than cut. */
final class AuditDetailView extends PagerView {

    private static final int LABEL = 9;

    private final AuditRow row;
    private final Path file;

    AuditDetailView(AuditRow row, Path file) {
        this.row = row;
        this.file = file;
    }

    @Override
    public String name() {
        return "entry";
    }

    @Override
    public String title(ConsoleState state) {
        return "Audit entry  " + AuditView.time(row.time());
    }

    @Override
    Document document(Theme theme, ConsoleState state) {
        Document d = new Document(theme);
        field(d, theme, "Time", row.time());
        field(d, theme, "User", row.user() + (row.from() == null ? "" : " on " + row.from()));
        field(d, theme, "Fix", row.fix());
        field(d, theme, "Check", row.check());
        field(d, theme, "Subject", row.subject());
        field(d, theme, "Event", row.event());
        field(d, theme, "Operation", row.operation());
        d.field(0, "Result", LABEL, row.result() == null ? "" : row.result(), theme.trouble(row.trouble()));
        field(d, theme, "Detail", row.detail());
        d.blank();
        d.text(0, file + ", line " + row.line(), theme.dim());
        return d;
    }

    private static void field(Document d, Theme theme, String label, String value) {
        if (value != null) {
            d.field(0, label, LABEL, value, theme.plain());
        }
    }
}
