package io.kolladoctor.playbooks;

import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import java.util.Set;
import java.util.TreeSet;

/** The check and fix IDs a playbook may name: the catalog's, or a test's own. */
public record Vocabulary(Set<String> checks, Set<String> fixes) {

    public Vocabulary {
        checks = Set.copyOf(checks);
        fixes = Set.copyOf(fixes);
    }

    public static Vocabulary standard() {
        return new Vocabulary(
                new TreeSet<>(Catalog.all().stream().map(c -> c.info().id()).toList()),
                new TreeSet<>(Fixes.all().stream().map(Fix::id).toList()));
    }
}
