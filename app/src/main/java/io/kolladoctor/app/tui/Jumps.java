package io.kolladoctor.app.tui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The names {@code :} jumps to (k9s' command line): a view's name, an alias, or a prefix of a name. */
final class Jumps {

    /** A destination of {@code :}. */
    record Jump(String name, List<String> aliases, String what) {
    }

    static final List<Jump> ALL = List.of(
            new Jump("findings", List.of("f", "fi", "find"), "the findings of the last sweep, worst first"),
            new Jump("overview", List.of("o", "ov", "health"), "health at a glance, one line per layer"),
            new Jump("containers", List.of("co", "ct", "docker", "ps"), "every container on every host"),
            new Jump("pods", List.of("po", "pod", "k8s"), "pods of the Kubernetes contexts"),
            new Jump("services", List.of("svc", "se", "agents", "catalog"), "OpenStack service workers and the Keystone catalog"),
            new Jump("clusters", List.of("cl", "magnum", "coe"), "Magnum clusters and their Heat stacks"),
            new Jump("alarms", List.of("al", "aodh"), "Aodh alarms"),
            new Jump("audit", List.of("au", "journal"), "the audit log of fixes applied from this machine, newest first"),
            new Jump("evacuate", List.of("evac"), "HOST [OPTIONS]: the guided evacuation of a failed compute host (live "
                    + "only; disarmed: preflight and plan only); the options are kolla-doctor evacuate's, see Evacuation"),
            new Jump("arm", List.of("armed"), "arm fixes for this session (asks first; live deployments only)"),
            new Jump("disarm", List.of("safe"), "disarm fixes: back to read-only"),
            new Jump("help", List.of("h", "?"), "every key"),
            new Jump("quit", List.of("q", "q!", "exit"), "leave the console"));

    private Jumps() {
    }

    /** Exact name or alias first, then the first name starting with what was typed. */
    static Optional<Jump> resolve(String typed) {
        String t = typed.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        for (Jump j : ALL) {
            if (j.name().equals(t) || j.aliases().contains(t)) {
                return Optional.of(j);
            }
        }
        return ALL.stream().filter(j -> j.name().startsWith(t)).findFirst();
    }

    /** The rest of the name the typed text completes to, for the grey suggestion after the cursor. */
    static String completion(String typed) {
        String t = typed.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return "";
        }
        return ALL.stream().map(Jump::name).filter(n -> n.startsWith(t)).findFirst()
                .map(n -> n.substring(t.length())).orElse("");
    }
}
