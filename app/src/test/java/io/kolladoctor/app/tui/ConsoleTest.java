package io.kolladoctor.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.kolladoctor.app.tui.data.Demo;
import io.kolladoctor.app.tui.data.Refresher;
import io.kolladoctor.checks.catalog.Catalog;
import io.kolladoctor.deployment.facts.FactSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The whole console (frame, views, keys, resize) against lanterna's virtual terminal, on the demo. */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ConsoleTest {

    private DefaultVirtualTerminal terminal;
    private Refresher refresher;
    private CompletableFuture<Integer> exit;
    private Console console;

    private void start(int cols, int rows, Theme theme, Callable<FactSource> opener) throws Exception {
        terminal = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        refresher = new Refresher(opener, Catalog::all, Duration.ofSeconds(60));
        console = new Console(screen, theme, refresher, null);
        Console console = this.console;
        exit = CompletableFuture.supplyAsync(() -> {
            try {
                return console.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stop() {
        if (exit != null && !exit.isDone()) {
            keys("q");
        }
        if (refresher != null) {
            refresher.close();
        }
    }

    private List<String> screen() {
        List<String> rows = new ArrayList<>();
        TerminalSize size = terminal.getTerminalSize();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) {
                TextCharacter ch = terminal.getCharacter(c, r);
                String s = ch == null ? " " : ch.getCharacterString();
                sb.append(s);
                if (!s.isEmpty() && TerminalTextUtils.isCharDoubleWidth(s.charAt(0))) {
                    c++;
                }
            }
            rows.add(sb.toString());
        }
        return rows;
    }

    /** The screen between two frames (never one caught half written). */
    private List<String> frame() throws InterruptedException {
        while (true) {
            long before = console.frameSequence();
            if (before % 2 == 0) {
                List<String> rows = screen();
                if (console.frameSequence() == before) {
                    return rows;
                }
            }
            Thread.sleep(5);
        }
    }

    private List<String> await(String what, Predicate<String> done) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<String> rows = frame();
        while (System.nanoTime() < until) {
            rows = frame();
            if (done.test(String.join("\n", rows))) {
                return rows;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the screen never showed " + what + ":\n" + String.join("\n", rows));
    }

    private void keys(String typed) {
        for (char c : typed.toCharArray()) {
            terminal.addInput(new KeyStroke(c, false, false));
        }
    }

    private void key(KeyType type) {
        terminal.addInput(new KeyStroke(type));
    }

    @Test
    void theFrameIsDrawnBeforeTheSourceIsOpenAndFindingsFollow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(120, 40, new Theme(true, false), () -> {
            release.await();
            return Demo.open();
        });
        List<String> first = await("the frame while the source opens", s -> s.contains("opening the source"));
        assertThat(first.get(2)).as(String.join("\n", first)).startsWith("┌─ Findings");
        assertThat(first.get(39)).as(String.join("\n", first)).contains("<q> quit").contains("<?> help");
        assertThat(String.join("\n", first)).contains("sweeping… findings appear as each check finishes");
        release.countDown();
        List<String> done = await("the swept findings", s -> s.contains("swept "));
        String all = String.join("\n", done);
        assertThat(all).contains("FAIL 8").contains("Findings [8 of 26]");
        for (String check : List.of("ceph.osd-bootstrap-labels", "containers.exited", "heat.region-null",
                "keystone.service-project-m", "neutron.stale-floating-ips", "wsgi.listen-address")) {
            assertThat(done).anyMatch(row -> row.contains("FAIL") && row.contains(check));
        }
    }

    @Test
    void keysFilterOpenJumpHelpResizeAndQuit() throws Exception {
        start(120, 40, new Theme(true, false), Demo::open);
        await("the swept findings", s -> s.contains("swept "));

        keys("/nova_sch");
        List<String> filtered = await("the filtered list", s -> s.contains("Findings [1 of 26]"));
        assertThat(filtered.get(38)).startsWith("/nova_sch_");
        key(KeyType.Enter);
        key(KeyType.Enter);
        List<String> detail = await("the finding's detail", s -> s.contains("Evidence (3)"));
        assertThat(String.join("\n", detail)).contains("ctl2: docker inspect nova_scheduler").contains("State=exited")
                .contains("docker start <name>");
        keys("G");
        await("the end of the detail", s -> s.contains("incident write-up 001") && s.contains("kolla-doctor explain containers.exited"));
        key(KeyType.Escape);
        await("the list again", s -> s.contains("Findings [1 of 26]"));
        key(KeyType.Escape);
        await("the filter dropped", s -> s.contains("Findings [8 of 26]"));

        keys(":co");
        key(KeyType.Enter);
        List<String> containers = await("the containers", s -> s.contains("Containers ["));
        assertThat(containers.get(4)).contains("ctl2").contains("nova_scheduler").contains("exited (0)");

        keys("?");
        await("the help", s -> s.contains("Everywhere") && s.contains(":name"));
        key(KeyType.Escape);
        await("the containers again", s -> s.contains("Containers ["));

        terminal.setTerminalSize(new TerminalSize(80, 24));
        List<String> small = await("the 80x24 layout", s -> s.lines().count() == 24 && s.lines().allMatch(l -> l.length() == 80)
                && s.lines().skip(21).findFirst().orElse("").endsWith("┘"));
        assertThat(small.get(2)).startsWith("┌─ findings › Containers").endsWith("┐");
        assertThat(small.get(23)).contains("<q> quit");

        keys("r");
        await("the refresh under way", s -> s.contains("refreshing…"));
        await("the second sweep", s -> refresher.state().sweeps() == 2 && s.contains("swept "));

        keys("q");
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void escThenTabTypedTogetherIsEscThenTab() throws Exception {
        start(120, 40, new Theme(true, false), Demo::open);
        await("the swept findings", s -> s.contains("swept "));
        keys(":svc");
        key(KeyType.Enter);
        keys("/heat");
        key(KeyType.Enter);
        await("the heat engines", s -> s.contains("Workers [6 of 36]"));
        // a terminal sends Esc and Tab typed quickly as ESC TAB, which lanterna reads as Alt + the character TAB
        terminal.addInput(new KeyStroke('\t', false, true));
        List<String> rows = await("the catalog focused, the filter dropped", s -> s.contains("Services › catalog"));
        assertThat(String.join("\n", rows)).contains("  Workers [36] 1 down").contains("> Keystone catalog [36]");
    }

    @Test
    void theAsciiThemeDrawsOnlyAscii() throws Exception {
        start(100, 30, new Theme(false, false), Demo::open);
        List<String> rows = await("the swept findings", s -> s.contains("swept "));
        assertThat(rows.get(2)).startsWith("+- Findings").endsWith("+");
        keys("/sdc");
        key(KeyType.Enter);
        key(KeyType.Enter);
        rows = await("the sdc finding", s -> s.contains("Evidence ("));
        assertThat(String.join("", rows)).contains("LABEL=???").matches("[\\x20-\\x7e]*");
    }
}
