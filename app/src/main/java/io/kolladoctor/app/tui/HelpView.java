package io.kolladoctor.app.tui;

import io.kolladoctor.app.cli.EvacuationOptions;
import io.kolladoctor.app.tui.data.ConsoleState;
import java.nio.file.Path;
import java.util.List;

/** {@code ?}: every key, the views {@code :} jumps to, and where the log goes. */
final class HelpView extends PagerView {

    private static final int KEY = 12;
    private static final int OPTION = 24;

    private final View from;
    private final Path logFile;

    HelpView(View from, Path logFile) {
        this.from = from;
        this.logFile = logFile;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String title(ConsoleState state) {
        return "Help";
    }

    @Override
    Document document(Theme theme, ConsoleState state) {
        Document d = new Document(theme);
        d.text(0, "kolla-doctor console: read-only until fixes are armed (:arm, live deployments only); nothing else "
                + "here changes the deployment.", theme.bold());
        d.heading("Everywhere");
        keys(d, theme, List.of(
                new Hint("?", "this help"),
                new Hint(":name", "jump to a view (Tab completes): " + String.join(", ",
                        Jumps.ALL.stream().map(Jumps.Jump::name).toList())),
                new Hint("/text", "filter a list or search a page: a regular expression, case-insensitive; "
                        + "!text keeps what does not match; Enter keeps it, Esc drops it"),
                new Hint("esc", "back to the previous view (on a list: drop its filter first)"),
                new Hint("r", "re-run the sweep and reload every view (Ctrl-R too)"),
                new Hint("q", "quit (Ctrl-C too); while a fix runs it asks first")));
        d.heading("Lists");
        keys(d, theme, List.of(
                new Hint("j k ↑ ↓", "move"),
                new Hint("PgUp PgDn", "a page up or down (also b, space, Ctrl-B, Ctrl-F)"),
                new Hint("g G", "first, last (Home, End)"),
                new Hint("enter", "open the selected row"),
                new Hint("t", "only rows in trouble (containers, pods, services, clusters, alarms)"),
                new Hint("tab", "services: switch between workers and the Keystone catalog")));
        d.heading("Findings");
        keys(d, theme, List.of(
                new Hint("s", "cycle a status filter: FAIL, ERROR, WARN, INFO, OK, SKIP, all"),
                new Hint("a", "show or hide OK and SKIP"),
                new Hint("c", "only the selected finding's check (again: all checks)")));
        d.heading("Fixes");
        keys(d, theme, List.of(
                new Hint("f", "in a finding: its fix plan, as kolla-doctor fix prints it (steps, risk, undo, notes)"),
                new Hint("a", "in the plan: apply it (armed only): DISRUPTIVE asks y/N, DESTRUCTIVE wants its subject "
                        + "typed back; it runs in the background, its progress and verdict in the plan"),
                new Hint("A  :arm", "arm fixes for this session, after a y/N (live deployments only; ARMED in the header)"),
                new Hint(":disarm", "back to read-only"),
                new Hint(":audit", "the audit log of applied fixes, newest first (/ filters, Enter shows an entry)"),
                new Hint("tab", "in the plan: the next plan, when the check has more than one fix")));
        d.heading("Evacuation");
        keys(d, theme, List.of(
                new Hint(":evacuate", "HOST [OPTIONS]: the guided evacuation of a failed compute host, live deployments "
                        + "only: 1. preflight, 2. plan; armed also 3. fence (the host's name typed back before the power off), "
                        + "4. force-down (y/N), 5. evacuate (y/N), each instance's state in a table; disarmed it "
                        + "stops after the plan and changes nothing"),
                new Hint("e", "services: on a nova-compute row that is down, the wizard for its host"),
                new Hint("a", "in the wizard, once it ended: run it again (after A arms, the whole way)"),
                new Hint("q", "while it runs: asks before quitting (an unanswered question is a no)")));
        d.text(2, "Options after :evacuate HOST, as kolla-doctor evacuate takes them (e.g. :evacuate cmp01 --target cmp02; "
                + "a mistake is shown on the prompt line and nothing starts):", theme.plain());
        for (String[] option : EvacuationOptions.consoleUsage()) {
            d.field(4, option[0], OPTION, option[1], theme.plain());
        }
        d.text(2, "--cleanup runs the cleanup instead: disarmed it only says what it would do; armed, the power on and "
                + "enabling the host each wait for a y.", theme.plain());
        d.heading("Pages (details, help)");
        keys(d, theme, List.of(
                new Hint("j k", "scroll a line"),
                new Hint("PgUp PgDn", "scroll a page"),
                new Hint("g G", "top, end"),
                new Hint("/ n N", "search, next match, previous match")));
        d.heading("Here: " + from.name());
        keys(d, theme, from.hints());
        d.heading("Views");
        for (Jumps.Jump j : Jumps.ALL) {
            d.field(2, ":" + j.name(), KEY, j.what() + "  (also :" + String.join(", :", j.aliases()) + ")", theme.plain());
        }
        d.heading("Display");
        d.text(2, "Theme: " + (theme.unicode() ? "Unicode" : "ASCII (the terminal's encoding is not UTF-8)")
                + ", " + (theme.color() ? "colours" : "no colours (NO_COLOR or TERM=dumb)") + ".", theme.plain());
        d.text(2, "Log: " + (logFile == null ? "none (the state directory is not writable)" : logFile.toString()), theme.plain());
        return d;
    }

    private static void keys(Document d, Theme theme, List<Hint> hints) {
        for (Hint h : hints) {
            d.field(2, h.key(), KEY, h.action(), theme.plain());
        }
    }
}
