package io.kolladoctor.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing every step kind into its record, and each kind of problem at its exact line and column. */
class PlaybookParserTest {

    static final Vocabulary VOCABULARY = new Vocabulary(Set.of("containers.exited", "heat.region-null"),
            Set.of("containers.exited/start"));
    static final PlaybookParser PARSER = new PlaybookParser(VOCABULARY);

    static final String VALID = """
            name: demo-book
            title: A demo
            description: |
              Two lines
              of text.
            steps:
              - id: hello
                note: Hi there
              - id: look
                title: Look
                check: containers.exited
                subject: nova_scheduler
                on_pass: goto bye
                on_warn: stop
                on_fail: next
              - id: mend
                fix: containers.exited/start
                on_fail: goto bye
              - id: probe
                command: [docker, ps, 2]
                group: control
                sudo: true
                expect: [0, 1]
                timeout: 1m30s
                safe: true
              - id: sure
                confirm: Go on?
                on_no: end
              - id: settle
                wait: heat.region-null
                timeout: 5m
                interval: 500ms
                on_timeout: goto bye
              - id: pick
                choose: Which?
                options:
                  - label: again
                    then: goto look
                  - label: leave
              - id: bye
                note: done
                then: end
            """;

    @Test
    void parsesEveryStepKind() {
        Parsed parsed = PARSER.parse(VALID, "demo.yaml");

        assertThat(parsed.problems()).isEmpty();
        Playbook p = parsed.playbook();
        assertThat(p.name()).isEqualTo("demo-book");
        assertThat(p.description()).isEqualTo("Two lines\nof text.\n");
        assertThat(p.digest()).hasSize(64);
        assertThat(p.steps()).containsExactly(
                new PlaybookStep.Note("hello", null, "Hi there", Flow.NEXT),
                new PlaybookStep.Check("look", "Look", "containers.exited", "nova_scheduler", new Flow.Goto("bye"),
                        Flow.STOP, Flow.NEXT),
                new PlaybookStep.Fix("mend", null, "containers.exited/start", null, new Flow.Goto("bye")),
                new PlaybookStep.Command("probe", null, null, "control", List.of("docker", "ps", "2"), true, Set.of(0, 1),
                        Duration.ofSeconds(90), true, Flow.STOP),
                new PlaybookStep.Confirm("sure", null, "Go on?", Flow.NEXT, Flow.END),
                new PlaybookStep.Wait("settle", null, "heat.region-null", null, Duration.ofMinutes(5),
                        Duration.ofMillis(500), new Flow.Goto("bye")),
                new PlaybookStep.Choose("pick", null, "Which?", List.of(
                        new PlaybookStep.Option("again", new Flow.Goto("look")),
                        new PlaybookStep.Option("leave", Flow.NEXT))),
                new PlaybookStep.Note("bye", null, "done", Flow.END));
        assertThat(p.steps().stream().filter(PlaybookStep::mutating).map(PlaybookStep::id)).containsExactly("mend");
    }

    @Test
    void commandDefaults() {
        Parsed parsed = PARSER.parse("""
                name: x
                title: x
                steps:
                  - id: c
                    command: [true]
                    host: ctl1
                """, "x.yaml");
        assertThat(parsed.playbook().steps().getFirst()).isEqualTo(new PlaybookStep.Command("c", null, "ctl1", null,
                List.of("true"), false, Set.of(0), Duration.ofMinutes(1), false, Flow.STOP));
        assertThat(parsed.playbook().steps().getFirst().mutating()).isTrue();
    }

    static List<String> problems(String yaml) {
        return PARSER.parse(yaml, "f.yaml").problems().stream().map(Problem::toString).toList();
    }

    @Test
    void unknownKeysAtTheKey() {
        assertThat(problems("""
                name: x
                title: x
                colour: red
                steps:
                  - id: a
                    note: hi
                    colour: blue
                """)).containsExactly(
                "f.yaml:3:1: playbook: unknown key 'colour' (expected one of [description, name, steps, title])",
                "f.yaml:7:5: step 1 (note): unknown key 'colour' (expected one of [id, note, then, title])");
    }

    @Test
    void missingFields() {
        assertThat(problems("""
                name: x
                steps:
                  - note: hi
                  - id: w
                    wait: containers.exited
                  - id: c
                    choose: which
                """)).containsExactly(
                "f.yaml:1:1: playbook: missing 'title'",
                "f.yaml:3:5: step 1 (note): missing 'id'",
                "f.yaml:4:5: step 2 (wait): missing 'timeout'",
                "f.yaml:6:5: step 3: missing 'options'");
        assertThat(problems("name: x\ntitle: y\n")).containsExactly("f.yaml:1:1: playbook: missing 'steps'");
        assertThat(problems("name: x\ntitle: y\nsteps: []\n"))
                .containsExactly("f.yaml:3:8: playbook: 'steps' must be a non-empty list of steps, not a list");
    }

    @Test
    void unknownOrSeveralKinds() {
        assertThat(problems("""
                name: x
                title: x
                steps:
                  - id: a
                    shout: hi
                  - id: b
                    note: hi
                    confirm: sure?
                """)).containsExactly(
                "f.yaml:4:5: step 1: unknown step kind: a step needs exactly one of [note, check, fix, command, confirm, wait, choose, "
                        + "evacuate]",
                "f.yaml:5:5: step 1: unknown key 'shout' (expected one of [check, choose, cleanup, command, confirm, "
                        + "evacuate, expect, fix, group, host, id, interval, note, on_fail, on_no, on_pass, on_timeout, "
                        + "on_warn, on_yes, options, safe, subject, sudo, then, timeout, title, umha_conf, wait])",
                "f.yaml:6:5: step 2: a step has exactly one kind, not [note, confirm]; one of [note, check, fix, command, "
                        + "confirm, wait, choose, evacuate]");
    }

    @Test
    void unknownCheckAndFixIds() {
        assertThat(problems("""
                name: x
                title: x
                steps:
                  - id: a
                    check: no.such
                  - id: b
                    fix: containers.exited/restart
                  - id: c
                    wait: containers.exited/start
                    timeout: 1m
                """)).containsExactly(
                "f.yaml:5:12: step 1: unknown check 'no.such' (checks: [containers.exited, heat.region-null])",
                "f.yaml:7:10: step 2: unknown fix 'containers.exited/restart' (fixes: [containers.exited/start])",
                "f.yaml:9:11: step 3: unknown check 'containers.exited/start' (checks: [containers.exited, heat.region-null])");
    }

    @Test
    void gotoToMissingStepAndDuplicateIds() {
        assertThat(problems("""
                name: x
                title: x
                steps:
                  - id: a
                    check: containers.exited
                    on_fail: goto b
                  - id: a
                    note: again
                  - id: c
                    choose: which
                    options:
                      - label: one
                        then: goto nowhere
                      - label: two
                        then: goto a
                """)).containsExactly(
                "f.yaml:6:14: goto 'b': no step has that id (steps: [a, c])",
                "f.yaml:7:9: step 2: duplicate step id 'a' (first at line 4)",
                "f.yaml:13:15: goto 'nowhere': no step has that id (steps: [a, c])");
    }

    @Test
    void gotoToAStepWithOtherProblemsIsNotReportedTwice() {
        assertThat(problems("""
                name: x
                title: x
                steps:
                  - id: a
                    check: containers.exited
                    on_fail: goto b
                  - id: b
                    check: nope
                """)).containsExactly("f.yaml:8:12: step 2: unknown check 'nope' (checks: [containers.exited, heat.region-null])");
    }

    @Test
    void badDurationsFlowsAndValues() {
        assertThat(problems("""
                name: x
                title: x
                steps:
                  - id: a
                    wait: containers.exited
                    timeout: 30
                    interval: 0s
                  - id: b
                    command: [sleep, 1]
                    host: h
                    timeout: 25h
                    expect: 256
                    safe: maybe
                  - id: c
                    check: containers.exited
                    on_fail: jump
                  - id: d
                    command: sleep 1
                    host: h
                    group: g
                """)).containsExactly(
                "f.yaml:6:14: step 1 (wait): 'timeout': bad duration '30' (write e.g. 30s, 5m, 1h30m; more than 0 and at most 24h)",
                "f.yaml:7:15: step 1 (wait): 'interval': bad duration '0s' (write e.g. 30s, 5m, 1h30m; more than 0 and at most 24h)",
                "f.yaml:11:14: step 2 (command): 'timeout': bad duration '25h' (write e.g. 30s, 5m, 1h30m; more than 0 and at most 24h)",
                "f.yaml:12:13: step 2 (command): 'expect' must be an exit code 0-255 or a list of them, not '256'",
                "f.yaml:13:11: step 2 (command): 'safe' must be true or false, not 'maybe'",
                "f.yaml:16:14: step 3: 'on_fail' must be next, end, stop or 'goto STEP-ID', not 'jump'",
                "f.yaml:17:5: step 4: a command step needs exactly one of 'host' (a host of the inventory) or 'group' (every host of an inventory group)",
                "f.yaml:18:14: step 4 (command): 'command' must be a non-empty list, not 'sleep 1'");
    }

    @Test
    void notYamlOrNotAPlaybook() {
        assertThat(problems("name: x\ntitle: [unclosed\n"))
                .containsExactly("f.yaml:3:1: not valid YAML: expected ',' or ']', but got <stream end>");
        assertThat(problems("")).containsExactly("f.yaml:1:1: empty file: a playbook needs name, title and steps");
        assertThat(problems("- just\n- a list\n"))
                .containsExactly("f.yaml:1:1: a playbook must be a mapping (key: value lines), not a list");
        assertThat(problems("name: x\ntitle: t\nsteps:\n  - just text\n"))
                .containsExactly("f.yaml:4:5: step 1 must be a mapping (key: value lines), not 'just text'");
        assertThat(problems("name: Bad Name\ntitle: t\nsteps:\n  - {id: a, note: n}\n"))
                .containsExactly("f.yaml:1:7: playbook: 'name' must be lowercase letters, digits and '-' (it is what "
                        + "'playbook run NAME' takes), not 'Bad Name'");
        assertThat(problems("name: x\nname: y\ntitle: t\nsteps:\n  - {id: a, note: n}\n"))
                .containsExactly("f.yaml:2:1: playbook: duplicate key 'name'");
    }

    @Test
    void durations() {
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(Durations.parse("24h")).contains(Duration.ofHours(24));
        assertThat(Durations.parse("24h1s")).isEmpty();
        assertThat(Durations.parse("5")).isEmpty();
        assertThat(Durations.parse("-5s")).isEmpty();
        assertThat(Durations.parse("5 s")).isEmpty();
        assertThat(Durations.parse("999999999h")).isEmpty();
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
