package io.kolladoctor.app.tui.data;

import io.kolladoctor.app.Main;
import io.kolladoctor.app.cli.SourceOptions;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.snapshot.SnapshotSource;

/** The bundled demo deployment, opened as the console opens it. */
public final class Demo {

    private Demo() {
    }

    public static FactSource open() throws Exception {
        return SnapshotSource.openResource(Main.class, SourceOptions.DEMO_RESOURCE);
    }
}
