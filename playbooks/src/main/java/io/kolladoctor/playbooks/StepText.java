package io.kolladoctor.playbooks;

import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.Operation;
import java.util.ArrayList;
import java.util.List;

/** How a step reads on screen, the same in {@code show}, a dry run and a run (where it is shown before it runs). */
public final class StepText {

    private StepText() {
    }

    /** {@code 3. start-scheduler [fix] Start nova_scheduler}. */
    public static String heading(int number, PlaybookStep step) {
        return number + ". " + step.id() + " [" + step.kind() + "]" + (step.title() == null ? "" : " " + step.title());
    }

    /** What the step does, indented lines under its heading. */
    public static List<String> body(PlaybookStep step) {
        List<String> lines = new ArrayList<>();
        switch (step) {
            case PlaybookStep.Note n -> {
                n.text().strip().lines().forEach(lines::add);
                if (!(n.then() instanceof Flow.Next)) {
                    lines.add("then → " + n.then().text());
                }
            }
            case PlaybookStep.Check c -> {
                lines.add("run check " + c.checkId() + subject(c.subject()));
                lines.add("pass → " + c.onPass().text() + ", warn → " + c.onWarn().text() + ", fail → " + c.onFail().text());
            }
            case PlaybookStep.Fix f -> {
                String check = Fixes.byId(f.fixId()).map(x -> x.checkId()).orElse("?");
                lines.add("apply fix " + f.fixId() + " to the FAIL (and, where it acts on them, WARN) findings of " + check + subject(f.subject())
                        + " (each plan shown and confirmed; needs --arm)");
                lines.add("fail → " + f.onFail().text());
            }
            case PlaybookStep.Command c -> {
                lines.add("$ " + where(c) + ": " + command(c));
                lines.add("expect exit " + String.join(" or ", c.expect().stream().sorted().map(String::valueOf).toList())
                        + ", timeout " + Durations.format(c.timeout()) + (c.safe() ? ", safe (read-only)"
                        : ", changes things (needs --arm and a yes)") + "; fail → " + c.onFail().text());
            }
            case PlaybookStep.Confirm c -> {
                ask(lines, c.question());
                lines.add("yes → " + c.onYes().text() + ", no → " + c.onNo().text());
            }
            case PlaybookStep.Wait w -> {
                lines.add("wait until check " + w.checkId() + " passes" + subject(w.subject()) + " (every "
                        + Durations.format(w.interval()) + ", up to " + Durations.format(w.timeout()) + ")");
                lines.add("timeout → " + w.onTimeout().text());
            }
            case PlaybookStep.Evacuate e -> {
                String which = PlaybookStep.Evacuate.DOWN.equals(e.host())
                        ? "the compute host whose nova-compute is down (chosen when several)" : e.host();
                lines.add(e.cleanup() ? "bring back " + which + ": power on through its BMC, clear force-down, enable"
                        : "evacuate " + which + ": preflight (down, unreachable, valve), plan, then with --arm: fence "
                        + "(IPMI), force-down, evacuate, watch — each stage confirmed");
                lines.add("settings: " + (e.umhaConf() == null ? "/etc/umha/umha.conf" : e.umhaConf())
                        + "; fail → " + e.onFail().text());
            }
            case PlaybookStep.Choose c -> {
                ask(lines, c.question());
                int i = 1;
                for (PlaybookStep.Option o : c.options()) {
                    lines.add("  " + i++ + ") " + o.label() + " → " + o.then().text());
                }
            }
        }
        return lines;
    }

    private static void ask(List<String> lines, String question) {
        List<String> text = question.strip().lines().toList();
        lines.add("ask: " + text.getFirst());
        text.stream().skip(1).forEach(line -> lines.add("     " + line));
    }

    static String where(PlaybookStep.Command c) {
        return c.host() != null ? c.host() : "every host of group " + c.group();
    }

    static String command(PlaybookStep.Command c) {
        // the display of a HostCommand quotes words the way a shell would read them back
        return (c.sudo() ? "sudo " : "") + new Operation.HostCommand("", c.argv(), false, c.timeout(), c.expect())
                .display().substring(2);
    }

    private static String subject(String subject) {
        return subject == null ? "" : " (subjects containing '" + subject + "')";
    }
}
