package io.kolladoctor.fixes;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a step does, as data: shown verbatim in the plan before anything runs, and carried out exactly as shown.
 * Commands run through the host's SSH connection (or locally), API calls with the sweep's credentials, Kubernetes
 * requests with the kubeconfig's.
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

        static String quote(String word) {
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

    /**
     * A command on the machine kolla-doctor runs on: the deploy host, where the Kolla configuration directory is and
     * {@code kolla-ansible} runs. Runs as kolla-doctor's user; succeeds when it exits with one of {@code okExits}.
     */
    record LocalCommand(List<String> argv, Duration timeout, Set<Integer> okExits) implements Operation {
        public LocalCommand {
            argv = List.copyOf(argv);
            okExits = Set.copyOf(okExits);
        }

        @Override
        public String display() {
            return "this machine: " + String.join(" ", argv.stream().map(HostCommand::quote).toList());
        }
    }

    /**
     * Sets options in one section of an INI file on this machine (a Kolla override under {@code /etc/kolla/config/}),
     * keeping every other line as it is (see {@link IniMerge}): an option already there gets the new value, a missing
     * one is added below the section's header, a missing section is appended, a missing file is created. When the file
     * changes and existed, the old one is kept as {@code path + ".kolla-doctor.bak"}; when nothing changes nothing is
     * written.
     */
    record LocalIniMerge(String path, String section, Map<String, String> options) implements Operation {
        public LocalIniMerge {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }

        public String backup() {
            return path + IniMerge.BACKUP_SUFFIX;
        }

        @Override
        public String display() {
            return "this machine: merge into " + path + ": [" + section + "] " + String.join(", ", options.entrySet()
                    .stream().map(e -> e.getKey() + " = " + e.getValue()).toList())
                    + " (every other line kept; the previous file saved as " + backup() + ")";
        }
    }

    /**
     * A request that changes something in a Kubernetes context (see {@code Actions.kube}); succeeds on one of
     * {@code okStatus}. The body can be long (a whole config file), so {@code what} says in words what it does and the
     * plan shows that; the body is sent exactly as built.
     */
    record KubeRequest(String context, String method, String path, String contentType, String body, String what,
                       Set<Integer> okStatus) implements Operation {
        public KubeRequest {
            okStatus = Set.copyOf(okStatus);
        }

        @Override
        public String display() {
            return "kubernetes " + context + ": " + method + " " + path + (what == null ? "" : " (" + what + ")");
        }
    }

    /**
     * Waits until the pods a fix deleted are gone for good (no pod with their uids is left) and as many pods mounting
     * {@code configMap} — their replacements — are Ready, polling the namespace's pod list.
     */
    record KubeAwaitPods(String context, String namespace, String configMap, Set<String> replacedUids, Duration timeout)
            implements Operation {
        public KubeAwaitPods {
            replacedUids = Set.copyOf(replacedUids);
        }

        @Override
        public String display() {
            return "kubernetes " + context + ": wait until " + replacedUids.size() + " new pod(s) mounting ConfigMap "
                    + namespace + "/" + configMap + " are Ready (up to " + timeout.toSeconds() + " s)";
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
