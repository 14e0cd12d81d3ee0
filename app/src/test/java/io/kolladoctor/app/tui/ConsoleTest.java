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
import io.kolladoctor.fixes.Risk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

/** The whole console (frame, views, keys, resize) against lanterna's virtual terminal, on the demo. */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ConsoleTest {

    private DefaultVirtualTerminal terminal;
    private Refresher refresher;
    private CompletableFuture<Integer> exit;
    private Console console;

    private void start(int cols, int rows, Theme theme, Callable<FactSource> opener) throws Exception {
        start(cols, rows, theme, opener, new FixSession(Path.of("target", "no-audit-expected.jsonl"), FixSession.LIVE));
    }

    private void start(int cols, int rows, Theme theme, Callable<FactSource> opener, FixSession fixes) throws Exception {
        terminal = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        refresher = new Refresher(opener, Catalog::all, Duration.ofSeconds(60));
        console = new Console(screen, theme, refresher, null, fixes);
        Console console = this.console;
        exit = CompletableFuture.supplyAsync(() -> {
            try {
                return console.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @TempDir
    Path tmp;

    private FakeFixBackend fake;

    private FakeCompute compute;

    @AfterEach
    void stop() throws InterruptedException {
        if (compute != null) {
            compute.probesReleased.countDown();
        }
        if (fake != null) {
            fake.release.countDown();
            // the released plan ends (NOT HEALED at once) before its audit log's directory goes
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (console.fixes().running() != null && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        }
        if (exit != null && !exit.isDone()) {
            // the end of input ends the console whatever it is asking (a test that failed half-way)
            key(KeyType.EOF);
            exit.orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> -1).join();
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

    // ---- fixes

    private void arm() throws InterruptedException {
        keys(":arm");
        key(KeyType.Enter);
        List<String> asked = await("the arming question", s -> s.contains("Arm fixes for this session?"));
        assertThat(asked.get(38)).contains("y/N");
        keys("y");
        List<String> armed = await("ARMED in the header", s -> s.lines().findFirst().orElse("").contains(" ARMED "));
        assertThat(armed.get(38)).contains("fixes ARMED for this session");
    }

    @Test
    void theFindingOffersItsPlanWhichDisarmedChangesNothingAndTheDemoCannotBeArmed() throws Exception {
        Path audit = tmp.resolve("audit.jsonl");
        start(120, 40, new Theme(true, false), Demo::open, new FixSession(audit, FixSession.LIVE));
        await("the swept findings", s -> s.contains("swept "));
        keys("/nova_sch");
        key(KeyType.Enter);
        key(KeyType.Enter);
        List<String> detail = await("the finding's detail", s -> s.contains("Evidence (3)"));
        assertThat(detail.get(39)).contains("<f> fix plan");
        keys("f");
        List<String> plan = await("the plan", s -> s.contains("Plan containers.exited/start"));
        String all = String.join("\n", plan);
        assertThat(plan.get(2)).contains("finding › Fix containers.exited  ctl2/nova_scheduler");
        assertThat(all).contains("Plan containers.exited/start for containers.exited on ctl2/nova_scheduler — risk DISRUPTIVE")
                .containsPattern("1\\. \\[DISRUPTIVE\\] .+")
                .contains("ctl2: docker start nova_scheduler")
                .contains("undo: docker stop nova_scheduler")
                .containsPattern("2\\. \\[SAFE\\] .+")
                .contains("Disarmed: the console is read-only");
        assertThat(plan.get(0)).doesNotContain("ARMED");

        keys("a");
        List<String> refused = await("the refusal", s -> s.contains("fixes are disarmed: nothing was changed"));
        assertThat(refused.get(38)).contains(":arm (or A) arms them");
        keys("A");
        List<String> demo = await("why the demo cannot be armed", s -> s.contains("fixes cannot be armed"));
        assertThat(demo.get(38)).contains("fixes cannot be armed: this source is a snapshot (a recording), not a live");
        assertThat(String.join("\n", demo)).contains("Fixes cannot be armed here: this source is").contains("a snapshot (a recording), not a live deployment")
                .contains("not with --demo or --snapshot");
        assertThat(demo.get(0)).doesNotContain("ARMED");
        keys(":arm");
        key(KeyType.Enter);
        await("the same refusal from :arm", s -> s.contains("fixes cannot be armed"));
        assertThat(console.fixes().armed()).isFalse();
        assertThat(audit).doesNotExist();

        key(KeyType.Escape);
        await("the finding again", s -> s.contains("Evidence (3)"));
        keys(":audit");
        key(KeyType.Enter);
        await("the empty audit log", s -> s.contains("Audit log [0]") && s.contains("nothing has been applied from here"));
        keys("q");
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aDestructivePlanRunsOnlyWithItsSubjectTypedBackThenIsVerifiedAuditedAndRefreshed() throws Exception {
        fake = new FakeFixBackend("ceph.osd-bootstrap-labels", Risk.DESTRUCTIVE, "/dev/sdc", false);
        Path audit = tmp.resolve("state/audit.jsonl");
        start(120, 40, new Theme(true, false), Demo::open, new FixSession(audit, fake));
        await("the swept findings", s -> s.contains("swept "));
        arm();
        keys("/sdc");
        key(KeyType.Enter);
        key(KeyType.Enter);
        await("the sdc finding", s -> s.contains("Evidence ("));
        keys("f");
        List<String> plan = await("the scripted plan", s -> s.contains("Plan test/scripted"));
        assertThat(String.join("\n", plan)).contains("— risk DESTRUCTIVE (type '/dev/sdc' to confirm)")
                .contains("1. [DESTRUCTIVE] first step").contains("undo: echo undo").contains("note: scripted for the test")
                .contains("ARMED: a applies the plan once '/dev/sdc' is typed back");

        keys("a");
        await("the type-back prompt", s -> s.contains("This cannot be undone. Type /dev/sdc to go on: "));
        keys("/dev/sdb");
        List<String> typing = await("the typed text", s -> s.contains("to go on: /dev/sdb_"));
        assertThat(typing.get(38)).contains("(Enter gives it, Esc cancels)");
        key(KeyType.Enter);
        List<String> wrong = await("the refusal", s -> s.contains("NOT APPLIED: not confirmed: nothing was changed"));
        assertThat(String.join("\n", wrong)).contains("Type /dev/sdc to go on: /dev/sdb");
        assertThat(fake.ran).isEmpty();
        int sweeps = refresher.state().sweeps();
        assertThat(Files.readString(audit, StandardCharsets.UTF_8)).contains("\"event\":\"refused\"");

        keys("a");
        await("the type-back prompt again", s -> s.contains("Type /dev/sdc to go on: _"));
        keys("/dev/sdc");
        key(KeyType.Enter);
        List<String> done = await("the verdict", s -> s.contains("VERIFIED: "));
        assertThat(String.join("\n", done)).contains("→ first step: stor1: echo one").contains("done: exit 0")
                .contains("→ second step: stor1: echo two")
                .contains("VERIFIED: ceph.osd-bootstrap-labels no longer finds anything wrong with stor1/sdc");
        assertThat(fake.ran).containsExactly("stor1: echo one", "stor1: echo two");
        await("the findings refreshed after the fix", s -> refresher.state().sweeps() > sweeps && s.contains("swept "));
        List<String> lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(4)).contains("\"event\":\"verified\"").contains("\"result\":\"healed\"");

        key(KeyType.Escape);
        await("the finding again", s -> s.contains("Evidence ("));
        keys(":audit");
        key(KeyType.Enter);
        List<String> log = await("the audit log", s -> s.contains("Audit log [5]"));
        assertThat(log.get(3)).contains("TIME").contains("USER").contains("FIX").contains("SUBJECT").contains("EVENT")
                .contains("OPERATION").contains("RESULT").contains("DETAIL");
        assertThat(log.get(4)).as("newest first").contains("test/scripted").contains("stor1/sdc").contains("verified")
                .contains("healed");
        assertThat(String.join("\n", log)).contains("stor1: echo one").contains("refused");
        keys("/refused");
        key(KeyType.Enter);
        await("the refused entry alone", s -> s.contains("Audit log [1 of 5]"));
        key(KeyType.Enter);
        List<String> entry = await("the entry", s -> s.contains("Audit entry"));
        assertThat(String.join("\n", entry)).containsPattern("Result +not confirmed").containsPattern("Subject +stor1/sdc");
    }

    @Test
    void whileAFixRunsTheUiAnswersEscIsHeldAndQuitAsksFirst() throws Exception {
        fake = new FakeFixBackend("containers.exited", Risk.DISRUPTIVE, "nova_scheduler", true);
        start(120, 40, new Theme(true, false), Demo::open, new FixSession(tmp.resolve("audit.jsonl"), fake));
        await("the swept findings", s -> s.contains("swept "));
        arm();
        keys("/nova_sch");
        key(KeyType.Enter);
        key(KeyType.Enter);
        await("the finding's detail", s -> s.contains("Evidence (3)"));
        keys("f");
        await("the scripted plan", s -> s.contains("Plan test/scripted"));
        keys("a");
        await("the yes/no question", s -> s.contains("Apply these 2 step(s) to ctl2/nova_scheduler? y/N"));
        keys("y");
        assertThat(fake.started.await(60, TimeUnit.SECONDS)).isTrue();
        List<String> running = await("the running fix", s -> s.contains("→ first step: ctl2: echo one")
                && s.contains("running…"));
        assertThat(running.get(0)).contains("applying test/scripted");

        key(KeyType.Escape);
        await("Esc held", s -> s.contains("a fix is running: the dialog stays until it ends"));
        keys(":co");
        key(KeyType.Enter);
        await("jumps held too", s -> s.contains("a fix is running: the dialog stays until it ends"));
        keys("?");
        List<String> help = await("the help, drawn while the fix runs", s -> s.contains("Everywhere"));
        keys("/audit");
        key(KeyType.Enter);
        help = await("the fix keys in the help", s -> s.contains("search: /audit"));
        assertThat(String.join("\n", help)).contains(":audit").contains("the audit log of applied fixes");
        key(KeyType.Escape);
        key(KeyType.Escape);
        await("the plan again", s -> s.contains("Plan test/scripted") && !s.contains("Everywhere"));

        keys("q");
        await("the quit question", s -> s.contains("a fix is running (test/scripted): quit anyway? y/N"));
        keys("n");
        await("not quitting", s -> s.contains("not quitting: the fix goes on"));
        assertThat(exit.isDone()).isFalse();
        keys("q");
        await("the quit question again", s -> s.contains("quit anyway? y/N"));
        keys("y");
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    // ---- the evacuation wizard

    private void startEvacuation(boolean holdProbes) throws Exception {
        compute = new FakeCompute(holdProbes);
        start(140, 90, new Theme(true, false), Demo::open,
                new FixSession(tmp.resolve("audit.jsonl"), compute, compute.tools(tmp.resolve("state"))));
        await("the swept findings", s -> s.contains("swept "));
    }

    private void evacuate(String host) {
        keys(":evacuate " + host);
        key(KeyType.Enter);
    }

    private void assertNothingChanged() {
        assertThat(compute.mutations()).isEmpty();
        assertThat(compute.bmcCalls).noneMatch(c -> c.startsWith("off ") || c.startsWith("on "));
        assertThat(compute.forcedDown).isEmpty();
        assertThat(compute.servers.values()).containsOnly("cmp01");
    }

    @Test
    void theEvacuationWizardRefusesTheDemo() throws Exception {
        start(120, 40, new Theme(true, false), Demo::open,
                new FixSession(tmp.resolve("audit.jsonl"), FixSession.LIVE, new FakeCompute(false).tools(tmp)));
        await("the swept findings", s -> s.contains("swept "));
        keys(":evacuate");
        key(KeyType.Enter);
        await("which host", s -> s.contains("which host? :evacuate HOST"));
        evacuate("cmp1");
        List<String> refused = await("the refusal", s -> s.contains("Refused: evacuation needs a live deployment"));
        String all = String.join("\n", refused);
        assertThat(refused.get(2)).contains("findings › Evacuate cmp1");
        assertThat(all).contains("this source is a snapshot (a recording), not a live deployment").contains("Nothing was run");
        assertThat(all).doesNotContain("1. Preflight");
        keys("a");
        await("a refused too", s -> s.contains("evacuation refused: evacuation needs a live deployment"));
        assertThat(tmp.resolve("audit.jsonl")).doesNotExist();
        key(KeyType.Escape);
        await("the findings again", s -> s.contains("Findings [8 of 26]"));

        // from the services: e on a nova-compute row, only when it is down
        keys(":svc");
        key(KeyType.Enter);
        List<String> services = await("the services", s -> s.contains("Services › workers"));
        assertThat(services.get(39)).contains("<e> evacuate");
        keys("/nova-scheduler ctl2");
        key(KeyType.Enter);
        await("the down scheduler", s -> s.contains("Workers [1 of "));
        keys("e");
        await("not a compute row", s -> s.contains("e evacuates a failed compute host: select its nova-compute row"));
        key(KeyType.Escape); // drops the filter
        keys("/nova-compute cmp1");
        key(KeyType.Enter);
        await("cmp1's nova-compute", s -> s.contains("Workers [1 of ") && s.contains("cmp1"));
        keys("e");
        await("an up compute refused", s -> s.contains("nova-compute on cmp1 is up: the host is alive, nothing to evacuate"));
        assertThat(String.join("\n", frame())).doesNotContain("Evacuate cmp1");
    }

    @Test
    void disarmedTheWizardShowsThePreflightAndThePlanAndChangesNothing() throws Exception {
        startEvacuation(false);
        evacuate("cmp01");
        List<String> plan = await("the plan", s -> s.contains("PLAN ONLY: nothing was changed"));
        String all = String.join("\n", plan);
        assertThat(all).contains("Disarmed: the read-only stages only")
                .contains("Settings: test umha.conf")
                .contains("1. Preflight: is cmp01 really down")
                .contains("probe round 2/2: cmp01 silent on 10.1.0.11")
                .contains("2. Plan: what happens to each instance of cmp01")
                .contains("web-1 (5e3f1a2b) [ACTIVE]").contains("web-2 (5e3f1a2b) [ACTIVE]")
                .contains("plan only — arm fixes (A) to evacuate")
                .doesNotContain("3. Fence").doesNotContain("Instances");
        assertThat(plan.get(0)).doesNotContain("ARMED").doesNotContain("evacuating");
        assertNothingChanged();
        assertThat(compute.requests).anyMatch(r -> r.startsWith("GET /servers/detail"));
        assertThat(tmp.resolve("audit.jsonl")).doesNotExist();
        assertThat(tmp.resolve("state")).doesNotExist();
    }

    @Test
    void armedTheWizardFencesForcesDownAndEvacuatesEachAfterItsConfirmation() throws Exception {
        startEvacuation(false);
        evacuate("cmp01");
        await("the plan", s -> s.contains("PLAN ONLY: nothing was changed"));
        keys("A");
        await("the arming question", s -> s.contains("Arm fixes for this session?"));
        keys("y");
        await("ARMED in the header", s -> s.lines().findFirst().orElse("").contains(" ARMED "));
        keys("a");
        List<String> fence = await("the type-back prompt", s -> s.contains("Type cmp01 to go on: _"));
        assertThat(String.join("\n", fence)).contains("3. Fence: make sure cmp01 is off")
                .contains("Power cmp01 off now (").contains("the BMC reports cmp01 powered ON");
        assertThat(fence.get(0)).contains("evacuating cmp01");
        assertNothingChanged();
        keys("cmp01");
        key(KeyType.Enter);
        await("the force-down question", s -> s.contains("Force nova-compute on cmp01 down and disable it? y/N"));
        assertThat(compute.bmcCalls).contains("off cmp01");
        assertThat(compute.mutations()).isEmpty();
        keys("y");
        await("the evacuation question", s -> s.contains("Evacuate them now? y/N"));
        assertThat(compute.forcedDown).containsExactly("cmp01");
        assertThat(compute.servers.values()).containsOnly("cmp01");
        keys("y");
        List<String> done = await("the verdict", s -> s.contains("DONE: 2 of 2 instance(s) evacuated from cmp01"));
        String all = String.join("\n", done);
        assertThat(all).contains("4. Force-down").contains("5. Evacuate 2 instance(s) as planned")
                .contains("typed: cmp01").contains("Evacuate them now? yes");
        int header = -1;
        for (int i = 0; i < done.size(); i++) {
            if (done.get(i).contains("INSTANCE") && done.get(i).contains("STATE")) {
                header = i;
            }
        }
        assertThat(header).as(all).isPositive();
        assertThat(done.subList(header + 1, header + 3)).allMatch(row -> row.matches(".*web-\\d \\(5e3f1a2b\\) +done: on cmp0[23], ACTIVE.*"));
        assertThat(compute.servers.values()).doesNotContain("cmp01");
        assertThat(compute.disabled).containsExactly("cmp01");
        assertThat(compute.mutations()).filteredOn(m -> m.contains("evacuate")).hasSize(2);
        assertThat(Files.readString(tmp.resolve("audit.jsonl"), StandardCharsets.UTF_8)).contains("nova.evacuate")
                .contains("chassis power off").doesNotContain("Secr3t");
        assertThat(Files.readString(tmp.resolve("state/evacuate_history.jsonl"), StandardCharsets.UTF_8))
                .contains("\"kind\":\"evacuation\"").contains("\"moved\":true");
        await("the header without the evacuation", s -> !s.lines().findFirst().orElse("").contains("evacuating"));
    }

    @Test
    void aWrongHostTypedBackStopsAtTheFenceAndQuitAsksWhileItRuns() throws Exception {
        startEvacuation(true);
        keys(":arm");
        key(KeyType.Enter);
        await("the arming question", s -> s.contains("Arm fixes for this session?"));
        keys("y");
        await("ARMED in the header", s -> s.lines().findFirst().orElse("").contains(" ARMED "));
        evacuate("cmp01");
        await("the preflight under way", s -> s.contains("1. Preflight") && s.contains("running…"));
        keys("q");
        await("the quit question", s -> s.contains("an evacuation of cmp01 is running: quit anyway? y/N"));
        keys("n");
        await("not quitting", s -> s.contains("not quitting: the evacuation goes on"));
        key(KeyType.Escape);
        await("Esc held", s -> s.contains("an evacuation is running: the wizard stays until it ends"));
        assertThat(exit.isDone()).isFalse();
        compute.probesReleased.countDown();
        await("the type-back prompt", s -> s.contains("Type cmp01 to go on: _"));
        keys("cmp1");
        key(KeyType.Enter);
        List<String> stopped = await("the stop", s -> s.contains("STOPPED: the operator did not confirm the power off"));
        assertThat(String.join("\n", stopped)).contains("typed: cmp1").contains("STOPPED at the fence")
                .doesNotContain("4. Force-down");
        assertNothingChanged();
        assertThat(Files.readString(tmp.resolve("audit.jsonl"), StandardCharsets.UTF_8)).contains("\"result\":\"refused\"");
        key(KeyType.Escape);
        await("the findings again", s -> s.contains("Findings [8 of 26]"));
        keys("q");
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    // ---- the wizard's options (kolla-doctor evacuate's, parsed by the same EvacuationOptions)

    private void armForEvacuation() throws InterruptedException {
        keys(":arm");
        key(KeyType.Enter);
        await("the arming question", s -> s.contains("Arm fixes for this session?"));
        keys("y");
        await("ARMED in the header", s -> s.lines().findFirst().orElse("").contains(" ARMED "));
    }

    /** The prompt line of the 140x90 evacuation terminal. */
    private String promptLine() throws InterruptedException {
        return frame().get(88);
    }

    @Test
    void targetSendsEveryInstanceToTheReservedHost() throws Exception {
        startEvacuation(false);
        armForEvacuation();
        evacuate("cmp01 --target cmp03");
        List<String> fence = await("the type-back prompt", s -> s.contains("Type cmp01 to go on: _"));
        String all = String.join("\n", fence);
        assertThat(fence.get(2)).contains("Evacuate cmp01 --target cmp03");
        assertThat(all).containsPattern("web-1 \\(5e3f1a2b\\) \\[ACTIVE\\]: \\S+ → cmp03")
                .containsPattern("web-2 \\(5e3f1a2b\\) \\[ACTIVE\\]: \\S+ → cmp03");
        keys("cmp01");
        key(KeyType.Enter);
        await("the force-down question", s -> s.contains("Force nova-compute on cmp01 down and disable it? y/N"));
        keys("y");
        await("the evacuation question", s -> s.contains("Evacuate them now? y/N"));
        keys("y");
        await("the verdict", s -> s.contains("DONE: 2 of 2 instance(s) evacuated from cmp01"));
        assertThat(compute.servers.values()).containsOnly("cmp03");
        assertThat(compute.mutations()).filteredOn(m -> m.contains("evacuate")).hasSize(2)
                .allMatch(m -> m.contains("cmp03"));
    }

    @Test
    void hostIsOffGoesOnWhenTheBmcCannotTellAndNothingElseDoes() throws Exception {
        startEvacuation(false);
        compute.power.put("cmp01", io.kolladoctor.fixes.evacuation.PowerState.unknown("BMC 10.2.0.11 does not answer"));
        armForEvacuation();
        evacuate("cmp01");
        List<String> stopped = await("the stop at the fence", s -> s.contains("STOPPED: cannot prove cmp01 is off"));
        assertThat(String.join("\n", stopped)).contains("run again with --host-is-off cmp01");
        assertNothingChanged();
        key(KeyType.Escape);
        await("the findings again", s -> s.contains("Findings [8 of 26]"));

        evacuate("cmp01 --host-is-off cmp01");
        List<String> asked = await("the force-down question", s -> s.contains("Force nova-compute on cmp01 down and disable it? y/N"));
        assertThat(asked.get(2)).contains("Evacuate cmp01 --host-is-off cmp01");
        assertThat(String.join("\n", asked)).contains("the operator attested that cmp01 is off").doesNotContain("Type cmp01");
        assertThat(compute.bmcCalls).noneMatch(c -> c.startsWith("off "));
        keys("y");
        await("the evacuation question", s -> s.contains("Evacuate them now? y/N"));
        keys("y");
        await("the verdict", s -> s.contains("DONE: 2 of 2 instance(s) evacuated from cmp01"));
        assertThat(compute.servers.values()).doesNotContain("cmp01");
        assertThat(compute.forcedDown).containsExactly("cmp01");
        assertThat(Files.readString(tmp.resolve("audit.jsonl"), StandardCharsets.UTF_8)).contains("\"attested\"");
    }

    @Test
    void cleanupShowsWhatItWouldDoThenArmedBringsTheHostBackEachAfterAY() throws Exception {
        startEvacuation(false);
        // cmp01 as an evacuation leaves it: powered off, forced down, disabled
        compute.power.put("cmp01", io.kolladoctor.fixes.evacuation.PowerState.off());
        compute.forcedDown.add("cmp01");
        compute.disabled.add("cmp01");
        evacuate("cmp01 --cleanup");
        List<String> plan = await("the cleanup's plan", s -> s.contains("PLAN ONLY: nothing was changed"));
        String all = String.join("\n", plan);
        assertThat(plan.get(2)).contains("findings › Clean up cmp01");
        assertThat(all).contains("Cleanup: bring cmp01 back")
                .contains("Would: power cmp01 on through its BMC, wait for its nova-compute, clear force-down, enable it")
                .doesNotContain("1. Preflight");
        assertThat(compute.mutations()).isEmpty();
        assertThat(compute.bmcCalls).noneMatch(c -> c.startsWith("on "));

        keys("A");
        await("the arming question", s -> s.contains("Arm fixes for this session?"));
        keys("y");
        await("ARMED in the header", s -> s.lines().findFirst().orElse("").contains(" ARMED "));
        assertThat(frame().get(89)).contains("<a> clean up");
        keys("a");
        await("the power on question", s -> s.contains("Power cmp01 on through its BMC (") && s.contains("? y/N"));
        assertThat(compute.bmcCalls).noneMatch(c -> c.startsWith("on "));
        keys("y");
        await("the enable question", s -> s.contains("Enable nova-compute on cmp01 again (new instances may be "
                + "scheduled there)? y/N"));
        assertThat(compute.bmcCalls).contains("on cmp01");
        assertThat(compute.forcedDown).isEmpty();
        assertThat(compute.disabled).containsExactly("cmp01");
        keys("y");
        List<String> back = await("the verdict", s -> s.contains("BACK: nova-compute on cmp01: up, enabled"));
        assertThat(String.join("\n", back)).contains("force-down cleared").contains("powered on through BMC");
        assertThat(compute.disabled).isEmpty();
        assertThat(Files.readString(tmp.resolve("audit.jsonl"), StandardCharsets.UTF_8)).contains("chassis power on");
        assertThat(Files.readString(tmp.resolve("state/evacuate_history.jsonl"), StandardCharsets.UTF_8))
                .contains("\"kind\":\"cleanup\"");
    }

    @Test
    void aBadOptionIsOneLineOnThePromptNothingStartsAndTheConsoleGoesOn() throws Exception {
        startEvacuation(false);
        evacuate("cmp01 --tagret cmp02");
        await("the unknown option", s -> s.contains(":evacuate: Unknown options: '--tagret', 'cmp02'"));
        assertThat(promptLine()).startsWith(":evacuate: Unknown options: '--tagret', 'cmp02' (? lists the options)");
        evacuate("cmp01 --target");
        await("the missing value", s -> s.contains(":evacuate: Missing required parameter for option '--target'"));
        evacuate("cmp01 --target cmp02 --scheduler");
        await("the contradiction", s -> s.contains(":evacuate: --target and --scheduler contradict each other"));
        evacuate("cmp01 --host-is-off cmp02");
        await("the wrong host", s -> s.contains(":evacuate: --host-is-off names cmp02, not the host being evacuated (cmp01)"));
        evacuate("cmp01 --cleanup --target cmp02");
        await("cleanup with a target", s -> s.contains(":evacuate: --cleanup brings cmp01 back: not with --target"));
        Path missing = tmp.resolve("nowhere/umha.conf");
        evacuate("cmp01 --umha-conf " + missing);
        await("the missing conf", s -> s.contains(":evacuate: --umha-conf " + missing + ": no such file"));
        evacuate("cmp01 --concurrency many");
        List<String> rows = await("the bad number", s -> s.contains(":evacuate: Invalid value for option '--concurrency'"));
        assertThat(String.join("\n", rows)).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(rows.get(2)).startsWith("┌─ Findings");
        assertThat(console.fixes().evacuating()).isNull();
        assertNothingChanged();
        assertThat(tmp.resolve("audit.jsonl")).doesNotExist();

        // the console goes on: the help lists the options, and a good --umha-conf is read
        keys("?");
        await("the help", s -> s.contains("Everywhere"));
        keys("/--host-is-off");
        key(KeyType.Enter);
        List<String> help = await("the options in the help", s -> s.contains("search: /--host-is-off"));
        String text = String.join("\n", help);
        assertThat(text).contains("Options after :evacuate HOST").contains("--target HOST").contains("--scheduler")
                .contains("--host-is-off HOST").contains("--cleanup").contains("--umha-conf FILE")
                .contains("A reserved host: every instance goes there.");
        key(KeyType.Escape);
        key(KeyType.Escape);
        await("the findings again", s -> s.contains("Findings [8 of 26]") && !s.contains("Everywhere"));
        Path conf = tmp.resolve("site one/umha.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, """
                [DEFAULT]
                ipmi_check_interval = 0
                has_IPMI = false
                [valve]
                error_count = 1
                """, StandardCharsets.UTF_8);
        evacuate("cmp01 --umha-conf '" + conf + "'");
        List<String> read = await("the wizard with that conf", s -> s.contains("Settings: " + conf) && !s.contains("running…"));
        assertThat(read.get(2)).contains("Evacuate cmp01 --umha-conf " + conf);
        assertNothingChanged();
    }
}
