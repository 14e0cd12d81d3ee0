package io.kolladoctor.fixes;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a step does, as data: shown verbatim in the plan before anything runs, and carried out exactly as shown.
 * Commands run through the host's SSH connection (or locally), API calls with the sweep's credentials.
 */
public sealed interface Operation {

    /** The operation as an operator would read it: {@code ssh ctl01: docker start nova_scheduler}. */
    String display();

    /** A command on a host; succeeds when it exits with one of {@code okExits}. */
    record HostCommand(String host, List<String> argv, boolean sudo, Duration timeout, Set<Integer> okExits)
            implements Operation {
        public HostCommand {
            argv = List.copyOf(argv);
            okExits = Set.copyOf(okExits);
        }

        public static HostCommand of(String host, Duration timeout, String... argv) {
            return new HostCommand(host, List.of(argv), true, timeout, Set.of(0));
        }

        @Override
        public String display() {
            return host + ": " + String.join(" ", argv.stream().map(HostCommand::quote).toList());
        }

        private static String quote(String word) {
            return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
        }
    }

    /** An OpenStack API request; succeeds on one of {@code okStatus}. */
    record ApiCall(String method, String serviceType, String path, String jsonBody, Set<Integer> okStatus)
            implements Operation {
        public ApiCall {
            okStatus = Set.copyOf(okStatus);
        }

        @Override
        public String display() {
            return method + " " + serviceType + " " + path + (jsonBody == null ? "" : " " + jsonBody);
        }
    }

    /** Waits until the fix's check no longer fails on the subject, re-running it every few seconds. */
    record WaitUntilHealed(Duration timeout) implements Operation {
        @Override
        public String display() {
            return "re-run the check until the finding is gone (up to " + timeout.toSeconds() + " s)";
        }
    }
}
