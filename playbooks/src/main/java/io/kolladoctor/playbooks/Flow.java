package io.kolladoctor.playbooks;

/**
 * Where a run goes after a step: on to the next step, to the step with that id, or out of the playbook — {@code end}
 * (the run completed: the job is done) or {@code stop} (the run stopped short: something is left for the operator).
 * Written in YAML as {@code next}, {@code end}, {@code stop} or {@code goto <step-id>} (in {@code on_pass},
 * {@code on_fail}, {@code then} …).
 */
public sealed interface Flow {

    Flow NEXT = new Next();
    Flow STOP = new Stop();
    Flow END = new End();

    String text();

    record Next() implements Flow {
        @Override
        public String text() {
            return "next";
        }
    }

    record Stop() implements Flow {
        @Override
        public String text() {
            return "stop";
        }
    }

    record End() implements Flow {
        @Override
        public String text() {
            return "end";
        }
    }

    record Goto(String stepId) implements Flow {
        @Override
        public String text() {
            return "goto " + stepId;
        }
    }
}
