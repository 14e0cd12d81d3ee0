package io.kolladoctor.app.cli;

import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.CheckInfo;
import io.kolladoctor.checks.catalog.Catalog;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kolla-doctor checks}: the catalog — ID, title, and the facts each check needs. */
@Command(name = "checks", mixinStandardHelpOptions = true, description = "List every check: ID, title, what it needs.")
public final class ChecksCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Catalog.all().stream().mapToInt(c -> c.info().id().length()).max().orElse(10);
        for (Check check : Catalog.all()) {
            CheckInfo info = check.info();
            out.printf("%-" + width + "s  %s%n", info.id(), info.title());
            out.printf("%-" + width + "s  needs: %s%n", "", String.join("; ", info.needs()));
        }
        int n = Catalog.all().size();
        out.printf("%n%d check%s. 'kolla-doctor explain ID' tells the symptom, rule and fix of one.%n", n, n == 1 ? "" : "s");
        out.flush();
    }
}
