package io.kolladoctor.app.cli;

import io.kolladoctor.app.Main;
import io.kolladoctor.app.UsageException;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.snapshot.SnapshotException;
import io.kolladoctor.deployment.snapshot.SnapshotSource;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which deployment to look at: a snapshot, or the bundled demo. */
public final class SourceOptions {

    /** The demo snapshot shipped inside the app (packed from app/src/demo at build time). */
    public static final String DEMO_RESOURCE = "/io/kolladoctor/app/demo.tar.gz";

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    static final class Choice {
        @Option(names = "--snapshot", paramLabel = "DIR|FILE",
                description = "Read facts from a snapshot directory or .tar.gz (see docs/snapshot.md).")
        Path snapshot;

        @Option(names = "--demo", description = "Use the bundled demo deployment.")
        boolean demo;
    }

    public FactSource open() throws SnapshotException {
        if (choice == null || (!choice.demo && choice.snapshot == null)) {
            throw new UsageException("no deployment given: use --demo or --snapshot DIR|FILE "
                    + "(reading a live deployment is not built yet)");
        }
        if (choice.demo) {
            return SnapshotSource.openResource(Main.class, DEMO_RESOURCE);
        }
        return SnapshotSource.open(choice.snapshot);
    }
}
