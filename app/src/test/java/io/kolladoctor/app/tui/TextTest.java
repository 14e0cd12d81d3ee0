package io.kolladoctor.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void cjkCountsTwoColumnsWhenMeasuringCuttingAndPadding() {
        assertThat(Text.width("新加卷")).isEqualTo(6);
        assertThat(Text.width("LABEL=新加卷")).isEqualTo(12);
        // a wide character that would straddle the edge is left out, never half drawn
        assertThat(Text.cut("ab新加卷", 5)).isEqualTo("ab新");
        assertThat(Text.fit("ab新加卷", 5, "…")).isEqualTo("ab新…");
        assertThat(Text.width(Text.pad("新加", 7, "…"))).isEqualTo(7);
    }

    @Test
    void wrapBreaksAtSpacesByColumnsAndSplitsWordsLongerThanALine() {
        assertThat(Text.wrapped("the quick brown fox", 10)).containsExactly("the quick", "brown fox");
        assertThat(Text.wrapped("abcdefghij", 4)).containsExactly("abcd", "efgh", "ij");
        // six CJK characters are 12 columns: two lines of 10 columns at most
        List<String> cjk = Text.wrapped("Aodh 的 k8s 化 新加卷新加卷", 10);
        assertThat(cjk).allSatisfy(line -> assertThat(Text.width(line)).isLessThanOrEqualTo(10));
        assertThat(String.join("", cjk).replace(" ", "")).isEqualTo("Aodh的k8s化新加卷新加卷");
    }

    @Test
    void cleanDropsEscapeSequencesAndControlsAndReducesToAsciiForTheAsciiTheme() {
        assertThat(Text.clean("\u001b[31mERROR\u001b[0m x\u0007", true)).isEqualTo("ERROR x?");
        assertThat(Text.clean("a\tb", true)).isEqualTo("a    b");
        assertThat(Text.clean("exited — 13 hours ago…", false)).isEqualTo("exited - 13 hours ago...");
        assertThat(Text.clean("LABEL=新加卷", false)).isEqualTo("LABEL=???");
        assertThat(Text.clean("LABEL=新加卷", true)).isEqualTo("LABEL=新加卷");
        // an emoji (two UTF-16 units) becomes one '?' so the columns after it stay where lanterna puts them
        assertThat(Text.clean("ok \uD83D\uDE00 done", true)).isEqualTo("ok ? done");
    }
}
