package io.kolladoctor.app.tui;

import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.PlanRunner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One plan being applied, off the UI thread: the {@link PlanRunner}'s operator. Its progress lines collect here
 * for the plan dialog; its questions go to the console's prompt line and the runner's thread waits for the answer
 * (no answer if the console closes first). When it ends, unless it was not confirmed, the findings are refreshed.
 */
final class FixJob implements PlanRunner.Operator {

    private static final Logger LOG = Logger.getLogger(FixJob.class.getName());

    private final Plan plan;
    private final SecretMasker masker;
    private final Console console;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile PlanRunner.Outcome outcome;
    private volatile String error;
    private volatile boolean finished;

    FixJob(Plan plan, SecretMasker masker, Console console) {
        this.plan = plan;
        this.masker = masker;
        this.console = console;
    }

    void run(PlanRunner runner) {
        LOG.info(() -> "applying " + plan.fixId() + " to " + masker.mask(plan.subject()));
        try {
            outcome = runner.apply(plan);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "applying " + plan.fixId() + " failed", e);
            error = e instanceof java.io.IOException ? "the audit log could not be written (" + e.getMessage()
                    + "): the plan stopped there" : e.toString();
        } finally {
            finished = true;
            LOG.info(() -> "applied " + plan.fixId() + ": " + verdict());
            PlanRunner.Outcome o = outcome;
            if (o == null || o.confirmed()) {
                console.refresher().refresh(); // something may have changed: the findings say what is left
            }
            console.wake();
        }
    }

    Plan plan() {
        return plan;
    }

    boolean finished() {
        return finished;
    }

    List<String> lines() {
        return lines;
    }

    /** VERIFIED / NOT HEALED / FAILED / NOT APPLIED and the runner's summary; null while it runs. */
    String verdict() {
        PlanRunner.Outcome o = outcome;
        if (o == null) {
            return error == null ? null : "FAILED: " + masker.mask(error);
        }
        String word = !o.confirmed() ? "NOT APPLIED" : o.healed() ? "VERIFIED" : o.failed() ? "FAILED" : "NOT HEALED";
        return word + ": " + masker.mask(o.summary());
    }

    /** Whether the plan healed the finding (for the verdict's colour). */
    boolean healed() {
        PlanRunner.Outcome o = outcome;
        return o != null && o.healed();
    }

    @Override
    public boolean approve(String question) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        console.post(() -> console.ask(Ask.yesNo(masker.mask(question), answer::complete)));
        boolean yes = await(console, answer, false);
        lines.add(masker.mask(question) + " " + (yes ? "yes" : "no"));
        return yes;
    }

    @Override
    public String typeBack(Plan p, String prompt) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        console.post(() -> console.ask(Ask.text(masker.mask(prompt), answer::complete)));
        String typed = await(console, answer, null);
        lines.add(masker.mask(prompt) + ": " + (typed == null ? "(cancelled)" : masker.mask(typed)));
        return typed == null ? "" : typed;
    }

    @Override
    public void say(String line) {
        lines.add(masker.mask(line));
        console.wake();
    }

    /** Waits for the operator; the console closing answers {@code none}. */
    static <T> T await(Console console, CompletableFuture<T> answer, T none) {
        while (true) {
            try {
                T value = answer.get(250, TimeUnit.MILLISECONDS);
                return value == null ? none : value;
            } catch (TimeoutException e) {
                if (!console.isRunning()) {
                    return none;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return none;
            } catch (ExecutionException e) {
                return none;
            }
        }
    }
}
