package io.kolladoctor.app.cli;

import io.kolladoctor.fixes.Plan;
import io.kolladoctor.playbooks.PlaybookOperator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The operator at the terminal, for fixes and playbooks: questions read from stdin; {@code --yes} answers yes/no questions and
 * {@code --confirm} types destructive subjects back in advance. A choice always needs an answer; end of input
 * stops the run there (the journal keeps it resumable).
 */
final class TerminalOperator implements PlaybookOperator {

    private final PrintWriter out;
    private final boolean yes;
    private final List<String> confirm;
    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    TerminalOperator(PrintWriter out, boolean yes, List<String> confirm) {
        this.out = out;
        this.yes = yes;
        this.confirm = confirm;
    }

    @Override
    public boolean approve(String question) {
        if (yes) {
            say(question + " yes (--yes)");
            return true;
        }
        String answer = ask(question + " [y/N] ");
        return answer != null && (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
    }

    @Override
    public String typeBack(Plan plan, String prompt) {
        if (confirm != null) {
            String given = confirm.contains(plan.confirmation()) ? plan.confirmation() : String.join(",", confirm);
            say(prompt + ": " + given + " (--confirm)");
            return given;
        }
        return ask(prompt + ": ");
    }

    @Override
    public int choose(String question, List<String> options) {
        say(question);
        for (int i = 0; i < options.size(); i++) {
            say("  " + (i + 1) + ") " + options.get(i));
        }
        while (true) {
            String answer = ask("Choose 1-" + options.size() + ": ");
            if (answer == null) {
                return -1;
            }
            try {
                int n = Integer.parseInt(answer);
                if (n >= 1 && n <= options.size()) {
                    return n - 1;
                }
            } catch (NumberFormatException e) {
                // asked again below
            }
            say("Please answer with a number from 1 to " + options.size() + ".");
        }
    }

    @Override
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    private String ask(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            String line = in.readLine();
            if (line == null) {
                out.println("(no answer: end of input)");
                out.flush();
            }
            return line == null ? null : line.strip();
        } catch (IOException e) {
            return null;
        }
    }
}
