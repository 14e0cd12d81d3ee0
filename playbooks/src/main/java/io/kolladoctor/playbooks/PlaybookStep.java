package io.kolladoctor.playbooks;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One step of a playbook. Every step has an {@code id} (unique in its playbook, the target of gotos and the unit of
 * the journal) and an optional short {@code title}; its kind is the one kind key it carries in YAML.
 */
public sealed interface PlaybookStep {

    String id();

    String title();

    /** The YAML key that names the kind: note, check, fix, command, confirm, wait, choose. */
    String kind();

    /**
     * Whether the step can change the deployment: a fix, or a command not marked safe. Those need {@code --arm},
     * and one interrupted mid-way is not simply run again on resume (it may have partly happened).
     */
    default boolean mutating() {
        return false;
    }

    /** Text shown to the operator; {@code then} where the run goes after it (next unless said otherwise). */
    record Note(String id, String title, String text, Flow then) implements PlaybookStep {
        @Override
        public String kind() {
            return "note";
        }
    }

    /**
     * Runs a check (only findings whose subject contains {@code subject}, when given). It passes with no FAIL or ERROR
     * finding; a WARN is its own outcome, because some runbooks branch on it (a stale kernel partition table).
     */
    record Check(String id, String title, String checkId, String subject, Flow onPass, Flow onWarn, Flow onFail)
            implements PlaybookStep {
        @Override
        public String kind() {
            return "check";
        }
    }

    /** Applies a fix to the findings its check has now (filtered by {@code subject}), each plan shown and confirmed. */
    record Fix(String id, String title, String fixId, String subject, Flow onFail) implements PlaybookStep {
        @Override
        public String kind() {
            return "fix";
        }

        @Override
        public boolean mutating() {
            return true;
        }
    }

    /**
     * A command on one host, or on every host of an inventory group, in order. Shown before it runs; unless
     * {@code safe} (read-only by the author's word) it needs {@code --arm} and a yes, like a disruptive fix step.
     */
    record Command(String id, String title, String host, String group, List<String> argv, boolean sudo,
                   Set<Integer> expect, Duration timeout, boolean safe, Flow onFail) implements PlaybookStep {
        public Command {
            argv = List.copyOf(argv);
            expect = Set.copyOf(expect);
        }

        @Override
        public String kind() {
            return "command";
        }

        @Override
        public boolean mutating() {
            return !safe;
        }
    }

    /** A yes/no question; yes follows {@code onYes} (next), no follows {@code onNo} (stop unless said otherwise). */
    record Confirm(String id, String title, String question, Flow onYes, Flow onNo) implements PlaybookStep {
        @Override
        public String kind() {
            return "confirm";
        }
    }

    /** Re-runs a check every {@code interval} until it passes (no FAIL/ERROR) or {@code timeout} has gone by. */
    record Wait(String id, String title, String checkId, String subject, Duration timeout, Duration interval,
                Flow onTimeout) implements PlaybookStep {
        @Override
        public String kind() {
            return "wait";
        }
    }

    /** The operator picks one of the options; each says where the run goes then. */
    record Choose(String id, String title, String question, List<Option> options) implements PlaybookStep {
        public Choose {
            options = List.copyOf(options);
        }

        @Override
        public String kind() {
            return "choose";
        }
    }

    record Option(String label, Flow then) {
    }

    /**
     * The guided evacuation of a failed compute host (kolla-doctor evacuate): {@code host} names it, or is
     * {@code down} to choose among the computes whose nova-compute is down; {@code cleanup} brings a repaired host
     * back instead. Each of its stages asks for its own confirmation; without {@code --arm} only the preflight and
     * the plan run. {@code umhaConf}: UMHA's settings (null: /etc/umha/umha.conf).
     */
    record Evacuate(String id, String title, String host, String umhaConf, boolean cleanup, Flow onFail)
            implements PlaybookStep {
        public static final String DOWN = "down";

        @Override
        public String kind() {
            return "evacuate";
        }

        @Override
        public boolean mutating() {
            return true;
        }
    }

    /** The kind keys, in the order the docs list them. */
    List<String> KINDS = List.of("note", "check", "fix", "command", "confirm", "wait", "choose", "evacuate");
}
