package io.kolladoctor.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilterTest {

    @Test
    void regexIsCaseInsensitiveBangNegatesAndBrokenRegexMatchesLiterally() {
        assertThat(Filter.parse("NOVA|heat").keeps("ctl2 nova_scheduler")).isTrue();
        assertThat(Filter.parse("NOVA|heat").keeps("ceph_mon")).isFalse();
        assertThat(Filter.parse("!ctl1").keeps("ctl1 keystone")).isFalse();
        assertThat(Filter.parse("!ctl1").keeps("ctl2 keystone")).isTrue();
        assertThat(Filter.parse("[ctl").keeps("x [ctl y")).isTrue();
        assertThat(Filter.parse("[ctl").keeps("ctl")).isFalse();
        assertThat(Filter.parse("").active()).isFalse();
        assertThat(Filter.parse("").keeps("anything")).isTrue();
        assertThat(Filter.parse("!").active()).isFalse();
    }

    @Test
    void aNegatedFilterHighlightsNothingWhenSearching() {
        assertThat(Filter.parse("!x").matcher("x")).isNull();
        assertThat(Filter.parse("x").matcher("axb").find()).isTrue();
    }
}
