package io.kolladoctor.app.tui;

import io.kolladoctor.app.tui.data.AuditRow;
import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code :audit}: the audit log of fixes applied from this machine (the file {@code kolla-doctor fix} writes),
 * newest first. Read on a virtual thread, again whenever the file changes (checked at most once a second).
 */
final class AuditView extends TableView<AuditRow> {

    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final Path file;
    private final Runnable wake;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile Section<AuditRow> rows = Section.pending();
    private volatile String stamp = "";
    private volatile long checkedAt = System.nanoTime() - RECHECK_NANOS;

    AuditView(Path file, Runnable wake) {
        super(List.of(
                // what and when stay readable; operation and detail give way (Enter shows the entry in full)
                Table.Column.of("TIME", r -> time(r.time()), 20, 20),
                Table.Column.of("USER", r -> blank(r.user()), 4, 10),
                Table.Column.of("FIX", r -> blank(r.fix()), 24, 40),
                Table.Column.of("SUBJECT", r -> blank(r.subject()), 19, 40),
                Table.Column.of("EVENT", r -> blank(r.event()), 9, 9),
                Table.Column.of("OPERATION", r -> blank(r.operation()), 8, 50),
                Table.Column.of("RESULT", r -> blank(r.result()), 13, 13),
                Table.Column.of("DETAIL", r -> blank(r.detail()), 6, 0)),
                AuditRow::line);
        this.file = file;
        this.wake = wake;
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    String label() {
        return "Audit log";
    }

    @Override
    Section<AuditRow> section(ConsoleState state) {
        long now = System.nanoTime();
        if (now - checkedAt >= RECHECK_NANOS && reading.compareAndSet(false, true)) {
            checkedAt = now;
            Thread.ofVirtual().name("kd-audit").start(this::reread);
        }
        return rows;
    }

    private void reread() {
        try {
            String now = Files.exists(file) ? Files.size(file) + "@" + Files.getLastModifiedTime(file) : "none";
            if (!now.equals(stamp)) {
                rows = AuditRow.load(file);
                stamp = now;
                wake.run();
            }
        } catch (java.io.IOException | RuntimeException e) {
            rows = Section.failed(file + " could not be read: " + e.getMessage());
            wake.run();
        } finally {
            reading.set(false);
        }
    }

    @Override
    String empty(ConsoleState state, Section<AuditRow> s) {
        return s.loaded() && s.rows().isEmpty() && s.problems().isEmpty()
                ? "no entries in " + file + ": nothing has been applied from here" : super.empty(state, s);
    }

    @Override
    String text(AuditRow r) {
        return String.join(" ", blank(r.time()), blank(r.user()), blank(r.fix()), blank(r.check()), blank(r.subject()),
                blank(r.event()), blank(r.operation()), blank(r.result()), blank(r.detail()));
    }

    @Override
    int trouble(AuditRow r) {
        return r.trouble();
    }

    @Override
    String summary(List<AuditRow> all) {
        long bad = all.stream().filter(r -> r.trouble() >= 2).count();
        return bad == 0 ? "" : bad + " failed or not healed";
    }

    @Override
    View detail(AuditRow row, Console console) {
        return new AuditDetailView(row, file);
    }

    /** {@code 2026-05-01T10:00:00.123Z} as {@code 2026-05-01 10:00:00Z}. */
    static String time(String iso) {
        if (iso == null) {
            return "";
        }
        String t = iso.replace('T', ' ');
        int dot = t.indexOf('.');
        return dot > 0 && t.endsWith("Z") ? t.substring(0, dot) + "Z" : t;
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}
