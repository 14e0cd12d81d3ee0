package io.kolladoctor.playbooks;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.Subject;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.live.host.HostFetcher.CommandResult;
import io.kolladoctor.deployment.live.openstack.CloudFetcher.ApiResult;
import io.kolladoctor.deployment.model.Topology;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scripted stand-ins for the deployment and the operator, recording what the runner asked of them. */
final class Fakes {

    private Fakes() {
    }

    static Finding finding(String checkId, Status status, String host, String name) {
        return new Finding(checkId, status, Subject.onHost("container", host, name), name + " is " + status,
                List.of(), null, null);
    }

    /** Each check answers its scripted findings in turn, the last one from then on. */
    static final class Deployment implements Target {
        final Map<String, Deque<List<Finding>>> findings = new HashMap<>();
        final Map<String, List<String>> groups = new HashMap<>();
        final ScriptedActions actions;
        final List<String> swept = new ArrayList<>();

        Deployment(ScriptedActions actions) {
            this.actions = actions;
        }

        Deployment answer(String checkId, List<Finding> first, List<?>... then) {
            Deque<List<Finding>> queue = findings.computeIfAbsent(checkId, k -> new ArrayDeque<>());
            queue.add(first);
            for (List<?> more : then) {
                @SuppressWarnings("unchecked")
                List<Finding> typed = (List<Finding>) more;
                queue.add(typed);
            }
            return this;
        }

        @Override
        public Swept sweep(String checkId) {
            swept.add(checkId);
            Deque<List<Finding>> queue = findings.getOrDefault(checkId, new ArrayDeque<>(List.of(List.of())));
            List<Finding> now = queue.size() > 1 ? queue.poll() : queue.peek();
            return new Swept(now == null ? List.of() : now, new Facts(new NoFacts()));
        }

        @Override
        public List<String> hostsIn(String group) {
            return groups.getOrDefault(group, List.of());
        }

        @Override
        public Optional<Actions> actions() {
            return Optional.ofNullable(actions);
        }

        @Override
        public SecretMasker masker() {
            return SecretMasker.patterns();
        }

        @Override
        public String describe() {
            return "a scripted deployment";
        }
    }

    static final class ScriptedActions implements Actions {
        final List<String> sent = new ArrayList<>();
        final Map<String, Integer> exits = new HashMap<>();

        @Override
        public CommandResult run(String host, List<String> argv, boolean sudo, Duration timeout) {
            String command = String.join(" ", argv);
            sent.add(host + ": " + (sudo ? "sudo " : "") + command);
            int exit = exits.getOrDefault(command, 0);
            return new CommandResult(host, command, exit, "out of " + command + "\n", exit == 0 ? "" : "it failed", "local");
        }

        @Override
        public ApiResult call(String method, String serviceType, String path, String jsonBody) {
            sent.add(method + " " + serviceType + " " + path);
            return new ApiResult(204, "", method);
        }
    }

    static final class Operator implements PlaybookOperator {
        final Deque<Boolean> approvals = new ArrayDeque<>();
        final Deque<Integer> choices = new ArrayDeque<>();
        final List<String> questions = new ArrayList<>();
        final List<String> said = new ArrayList<>();

        Operator approving(Boolean... answers) {
            approvals.addAll(List.of(answers));
            return this;
        }

        Operator choosing(Integer... answers) {
            choices.addAll(List.of(answers));
            return this;
        }

        @Override
        public boolean approve(String question) {
            questions.add(question);
            return approvals.isEmpty() || approvals.poll();
        }

        @Override
        public String typeBack(Plan plan, String prompt) {
            questions.add(prompt);
            return "";
        }

        @Override
        public int choose(String question, List<String> options) {
            questions.add(question);
            return choices.isEmpty() ? -1 : choices.poll();
        }

        @Override
        public void say(String line) {
            said.add(line);
        }

        String screen() {
            return String.join("\n", said);
        }
    }

    /** A source with nothing in it: fixes and maskers that look for facts find none. */
    static final class NoFacts implements FactSource {
        @Override
        public Material fetch(FactRequest request) throws FactUnavailableException {
            throw new FactUnavailableException(request, FactUnavailableException.Kind.ABSENT, "scripted: no facts");
        }

        @Override
        public String describe() {
            return "no facts";
        }

        @Override
        public Topology topology() {
            return new Topology("test", null, Map.of(), List.of());
        }

        @Override
        public Instant asOf() {
            return Instant.EPOCH;
        }
    }
}
