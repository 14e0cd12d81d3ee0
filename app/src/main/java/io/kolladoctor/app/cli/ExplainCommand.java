package io.kolladoctor.app.cli;

import io.kolladoctor.app.UsageException;
import io.kolladoctor.checks.CheckInfo;
import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.checks.catalog.Seeds;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kolla-doctor explain ID}: a check's symptom, rule, fix, verification and source documents. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain one check: symptom, rule, fix, source.")
public final class ExplainCommand implements Runnable {

    @Parameters(paramLabel = "ID", description = "A check ID, e.g. containers.exited.")
    String id;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CheckInfo info = Catalog.byId(id.strip())
                .orElseThrow(() -> new UsageException("unknown check ID '" + id + "' (list them with 'kolla-doctor checks')"))
                .info();
        PrintWriter out = spec.commandLine().getOut();
        out.println(info.id() + " — " + info.title());
        section(out, "Symptom", info.symptom());
        section(out, "Rule", info.rule());
        section(out, "Fix", info.fix() + (info.fixId() == null ? "" : " (guided fix: " + info.fixId() + ")"));
        section(out, "Verify", info.verify());
        section(out, "Needs", String.join("; ", info.needs()));
        section(out, "Source", String.join("; ", info.seeds().stream().map(Seeds::describe).toList()));
        out.flush();
    }

    private static void section(PrintWriter out, String title, String text) {
        out.println();
        out.println(title + ":");
        for (String line : TextWrap.wrap(text, 76)) {
            out.println("  " + line);
        }
    }
}
