package io.kolladoctor.app.tui.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.deployment.facts.FactSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class RefresherTest {

    static ConsoleState await(Refresher r, Predicate<ConsoleState> done) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            ConsoleState s = r.state();
            if (done.test(s)) {
                return s;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("state never got there: " + r.state());
    }

    @Test
    void aRefreshNeverBlocksTheCallerAndPublishesFindingsAsEachCheckFinishes() throws Exception {
        CountDownLatch opened = new CountDownLatch(1);
        List<Integer> progress = new CopyOnWriteArrayList<>();
        try (Refresher r = new Refresher(() -> {
            opened.await();
            return Demo.open();
        }, Catalog::all, Duration.ofSeconds(60))) {
            r.onChange(() -> progress.add(r.state().checksDone()));
            long t0 = System.nanoTime();
            r.refresh();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(500);
            ConsoleState opening = await(r, s -> s.phase() == ConsoleState.Phase.OPENING);
            assertThat(opening.source()).isNull();
            assertThat(opening.findings()).isEmpty();
            assertThat(opening.containers().loaded()).isFalse();
            opened.countDown();
            ConsoleState done = await(r, s -> s.phase() == ConsoleState.Phase.IDLE && s.containers().loaded()
                    && s.pods().loaded() && s.services().loaded() && s.clusters().loaded() && s.alarms().loaded());
            assertThat(done.sweeps()).isEqualTo(1);
            assertThat(done.counts().get(Status.FAIL)).isEqualTo(8);
            assertThat(done.source()).contains("demo");
            assertThat(progress).contains(1, 2, 3, 4, 5, 6);
            assertThat(done.containers().rows()).isNotEmpty();

            r.refresh();
            ConsoleState again = await(r, s -> s.sweeps() == 2 && s.phase() == ConsoleState.Phase.IDLE);
            assertThat(again.findings()).isEqualTo(done.findings());
        }
    }

    @Test
    void aSourceThatCannotBeOpenedIsAnErrorLineInEveryView() throws Exception {
        try (Refresher r = new Refresher(() -> {
            throw new IllegalStateException("no deployment given: use --demo or --snapshot DIR|FILE");
        }, Catalog::all, Duration.ofSeconds(60))) {
            r.refresh();
            ConsoleState failed = await(r, s -> s.phase() == ConsoleState.Phase.FAILED);
            assertThat(failed.sourceError()).contains("--demo");
            assertThat(failed.containers().problems()).singleElement().asString().contains("--demo");
            assertThat(failed.sweeping()).isFalse();
        }
    }

    @Test
    void detailLoadsRunAgainstTheFactsOfTheLastRefresh() throws Exception {
        FactSource demo = Demo.open();
        try (Refresher r = new Refresher(() -> demo, Catalog::all, Duration.ofSeconds(60))) {
            assertThat(r.load((facts, masker) -> 1)).isCompletedExceptionally();
            r.refresh();
            await(r, s -> s.phase() == ConsoleState.Phase.IDLE);
            List<LogTails.Tail> tails = r.load((facts, masker) -> LogTails.of(facts, masker, "ctl2",
                    "/var/log/kolla/nova/nova-scheduler.log")).get(60, TimeUnit.SECONDS);
            assertThat(tails.get(0).lines()).isNotEmpty();
        }
    }
}
