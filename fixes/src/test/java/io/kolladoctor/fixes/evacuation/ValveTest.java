package io.kolladoctor.fixes.evacuation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** UMHA's valve: a count and a ratio per kind of failure; reaching either closes it. */
class ValveTest {

    static final UmhaConfig.Valve UMHA = UmhaConfig.defaults(true).valve(); // 6 / 0.6 each

    @Test
    void oneOfTwoFailedIsOpenAtRatio06() {
        Valve.Verdict v = Valve.judge(UMHA, 2, Set.of("cmp01"), Set.of("cmp01"), Set.of("cmp01"));
        assertThat(v.open()).isTrue();
        assertThat(v.gauges()).noneMatch(Valve.Gauge::reached);
        assertThat(v.lines()).hasSize(3).allSatisfy(l -> assertThat(l).contains("1 of 2 compute hosts (0.50)")
                .doesNotContain("REACHED"));
    }

    @Test
    void twoOfTwoClosesByRatio() {
        Valve.Verdict v = Valve.judge(UMHA, 2, Set.of(), Set.of(), Set.of("cmp01", "cmp02"));
        assertThat(v.open()).isFalse();
        assertThat(v.gauges()).filteredOn(Valve.Gauge::reached).singleElement()
                .satisfies(g -> assertThat(g.kind()).isEqualTo("nova-compute down"));
        assertThat(v.lines().get(2)).contains("2 of 2 compute hosts (1.00) [cmp01, cmp02]").endsWith("REACHED");
    }

    @Test
    void theRatioIsReachedAtExactlyItsValue() {
        UmhaConfig.Valve half = new UmhaConfig.Valve(99, 0.5, 99, 0.5, 99, 0.5, 3, 5);
        assertThat(Valve.judge(half, 4, Set.of("a", "b"), Set.of(), Set.of()).open()).isFalse();
        assertThat(Valve.judge(half, 4, Set.of("a"), Set.of(), Set.of()).open()).isTrue();
    }

    @Test
    void theCountClosesItOnALargeCloudWhereTheRatioStaysLow() {
        Set<String> six = Set.of("c1", "c2", "c3", "c4", "c5", "c6");
        Set<String> five = Set.of("c1", "c2", "c3", "c4", "c5");
        assertThat(Valve.judge(UMHA, 100, five, Set.of(), Set.of()).open()).isTrue();
        Valve.Verdict v = Valve.judge(UMHA, 100, six, Set.of(), Set.of());
        assertThat(v.open()).isFalse();
        assertThat(v.lines().get(0)).contains("6 of 100 compute hosts (0.06)").contains("limits 6 / 0.60")
                .endsWith("REACHED");
    }

    @Test
    void everyGaugeCanCloseItOnItsOwn() {
        UmhaConfig.Valve limits = new UmhaConfig.Valve(2, 1.0, 3, 1.0, 4, 1.0, 3, 5);
        Set<String> two = Set.of("a", "b");
        Set<String> three = Set.of("a", "b", "c");
        Set<String> four = Set.of("a", "b", "c", "d");
        assertThat(Valve.judge(limits, 10, two, Set.of(), Set.of()).open()).isFalse();
        assertThat(Valve.judge(limits, 10, Set.of("a"), two, three).open()).isTrue();
        assertThat(Valve.judge(limits, 10, Set.of(), three, Set.of()).open()).isFalse();
        assertThat(Valve.judge(limits, 10, Set.of(), Set.of(), four).open()).isFalse();
        assertThat(Valve.judge(limits, 10, Set.of(), Set.of(), four).gauges())
                .extracting(Valve.Gauge::kind, Valve.Gauge::limitNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unreachable (storage/management network)", 2),
                        org.assertj.core.groups.Tuple.tuple("powered off (BMC)", 3),
                        org.assertj.core.groups.Tuple.tuple("nova-compute down", 4));
    }

    @Test
    void noComputeAtAllIsJudgedByTheCountsOnly() {
        Valve.Verdict v = Valve.judge(UMHA, 0, Set.of(), Set.of(), Set.of());
        assertThat(v.open()).isTrue();
        assertThat(v.lines().get(0)).contains("0 of 0 compute hosts (0.00)");
    }
}
