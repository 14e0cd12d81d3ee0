package io.kolladoctor.app.tui;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.Subject;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.live.host.HostFetcher.CommandResult;
import io.kolladoctor.deployment.live.openstack.CloudFetcher.ApiResult;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.PlanRunner;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Fixes without a lab: one scripted fix for one check, armable on any source, whose host commands are recorded
 * (and may wait for a latch, to hold a plan "running"), and a re-check that finds nothing left.
 */
final class FakeFixBackend implements FixSession.Backend {

    final List<String> ran = new CopyOnWriteArrayList<>();
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release;
    private final String checkId;
    private final Risk risk;
    private final String confirmation;
    private final boolean held;

    /** {@code hold}: every command waits until {@link #release} is counted down. */
    FakeFixBackend(String checkId, Risk risk, String confirmation, boolean hold) {
        this.checkId = checkId;
        this.risk = risk;
        this.confirmation = confirmation;
        this.release = new CountDownLatch(hold ? 1 : 0);
        this.held = hold;
    }

    @Override
    public String refusal(FactSource source) {
        return null;
    }

    @Override
    public Actions actions(FactSource source) {
        return new Actions() {
            @Override
            public CommandResult run(String host, List<String> argv, boolean sudo, Duration timeout) throws IOException {
                ran.add(host + ": " + String.join(" ", argv));
                started.countDown();
                try {
                    if (!release.await(3, TimeUnit.MINUTES)) {
                        throw new IOException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                return new CommandResult(host, String.join(" ", argv), 0, "", "", "fake");
            }

            @Override
            public ApiResult call(String method, String serviceType, String path, String jsonBody) throws IOException {
                throw new IOException("no API in this test");
            }
        };
    }

    @Override
    public PlanRunner.Verifier verifier(FactSource source) {
        // nothing left (verified, after the runner's settling pause); a held plan is cut short: an ERROR re-check
        return id -> release.getCount() == 0 && !held ? List.of()
                : List.of(new Finding(id, Status.ERROR, Subject.of("check", id), "cut short by the test", List.of(), null, null));
    }

    @Override
    public List<Fix> fixes(String id) {
        if (!id.equals(checkId)) {
            return List.of();
        }
        return List.of(new Fix() {
            @Override
            public String id() {
                return "test/scripted";
            }

            @Override
            public String checkId() {
                return checkId;
            }

            @Override
            public String title() {
                return "a scripted plan";
            }

            @Override
            public Optional<Plan> plan(Finding finding, Facts facts) {
                String host = finding.subject().host() == null ? "ctl1" : finding.subject().host();
                return Optional.of(new Plan(id(), checkId, Fixes.subjectOf(finding), confirmation, List.of(
                        new Step("first step", Operation.HostCommand.of(host, Duration.ofSeconds(5), "echo", "one"),
                                risk, null),
                        new Step("second step", Operation.HostCommand.of(host, Duration.ofSeconds(5), "echo", "two"),
                                Risk.SAFE, "echo undo")), List.of("scripted for the test")));
            }
        });
    }
}
