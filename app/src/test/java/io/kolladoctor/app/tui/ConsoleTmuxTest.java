package io.kolladoctor.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.kolladoctor.deployment.secrets.SecretMasker;
import io.kolladoctor.fixes.AuditLog;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real terminal: tmux runs {@code kolla-doctor tui --demo} (the packaged jar when the build
 * made one, else the classes of this build), keys go in with {@code send-keys}, the screen comes back with
 * {@code capture-pane}. scripts/test-all installs tmux; without it these tests fail, saying so. The screens
 * they reach are written to {@code kd.screens.dir} (docs/screens/ of the checkout), the clock masked, for the README.
 */
@Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
class ConsoleTmuxTest {

    /** Generous: a JVM start and a sweep on a busy 2-core machine. */
    private static final int SWEEP_SECONDS = 240;
    private static final int KEY_SECONDS = 30;
    private static final List<String> FAILING_CHECKS = List.of("ceph.osd-bootstrap-labels", "containers.exited",
            "heat.region-null", "keystone.service-project-membership", "neutron.stale-floating-ips", "wsgi.listen-address");

    @TempDir
    Path state;

    private Tmux tmux;

    @BeforeAll
    static void needsTmux() {
        assertThat(Tmux.available()).as("tmux is not installed: the console's real-terminal tests need it "
                + "(scripts/test-all installs it; or apt-get install tmux)").isTrue();
    }

    @AfterEach
    void close() {
        if (tmux != null) {
            tmux.close();
        }
    }

    private List<String> launch(int cols, int rows, String lang) throws IOException, InterruptedException {
        return launch(cols, rows, lang, "tui", "--demo");
    }

    private List<String> launch(int cols, int rows, String lang, String... args) throws IOException, InterruptedException {
        return launch(cols, rows, Map.of("LANG", lang, "LC_ALL", lang), args);
    }

    private List<String> launch(int cols, int rows, Map<String, String> vars, String... args) throws IOException, InterruptedException {
        Map<String, String> env = new LinkedHashMap<>(vars);
        env.put("XDG_STATE_HOME", state.toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String jar = System.getProperty("kd.app.jar");
        if (jar != null && Files.isRegularFile(Path.of(jar))) {
            command.addAll(List.of("-jar", jar));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.kolladoctor.app.Main"));
        }
        command.addAll(List.of(args));
        tmux = Tmux.start(cols, rows, env, command);
        return tmux.await("the swept demo", s -> s.contains("swept "), SWEEP_SECONDS);
    }

    private static Set<String> failingChecks(List<String> rows) {
        Set<String> found = new LinkedHashSet<>();
        for (String row : rows) {
            for (String check : FAILING_CHECKS) {
                // a narrow CHECK column cuts long IDs with an ellipsis: the first 16 characters tell them apart
                if (row.contains(" FAIL ") && row.contains(check.substring(0, 16))) {
                    found.add(check);
                }
            }
        }
        return found;
    }

    /** The header's wall-clock time and sweep duration: the same width, so truncation does not move. */
    private static final Pattern CLOCK = Pattern.compile("swept \\d\\d:\\d\\d:\\d\\d in \\d+\\.\\d s");

    /**
     * Keeps a screen as text under {@code kd.screens.dir} (docs/screens/), so the documentation shows the real
     * console; the only thing that changes from run to run, the header's clock and sweep time, is masked.
     */
    private static void save(String name, List<String> rows) throws IOException {
        String dir = System.getProperty("kd.screens.dir");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            List<String> masked = rows.stream().map(r -> CLOCK.matcher(r).replaceAll("swept hh:mm:ss in n.n s")).toList();
            Files.writeString(Path.of(dir, name + ".txt"), String.join("\n", masked).stripTrailing() + "\n",
                    StandardCharsets.UTF_8);
        }
    }

    private String log() throws IOException {
        Path dir = state.resolve("kolla-doctor");
        try (var files = Files.list(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path p : files.filter(f -> f.getFileName().toString().matches("kolla-doctor\\.log(\\.\\d+)?")).toList()) {
                all.append(Files.readString(p, StandardCharsets.UTF_8));
            }
            return all.toString();
        }
    }

    /** Rows of the frame (its top edge to its bottom edge) are all as wide as the terminal and end with its edge. */
    private static void assertFrameLinesUp(List<String> rows, int cols, char right) {
        int top = 2;
        int bottom = rows.size() - 3;
        for (int r = top; r <= bottom; r++) {
            String row = rows.get(r);
            assertThat(Screens.columns(row)).as("display width of row %d: %s", r, row).isEqualTo(cols);
            char edge = r == top ? (right == '|' ? '+' : '┐') : r == bottom ? (right == '|' ? '+' : '┘') : right;
            assertThat(row.charAt(row.length() - 1)).as("right edge of row %d: %s", r, row).isEqualTo(edge);
        }
    }

    @Test
    void firstScreenShowsTheSixFailingChecksAndWasDrawnBeforeTheSweepEnded() throws Exception {
        List<String> rows = launch(120, 40, "C.UTF-8");
        save("findings-120x40", rows);
        assertThat(rows.get(1)).contains("FAIL 8");
        assertThat(rows.get(2)).startsWith("┌─ Findings [8 of 26]");
        assertThat(failingChecks(rows)).as("FAIL rows on the first screen").containsExactlyInAnyOrderElementsOf(FAILING_CHECKS);
        assertThat(rows.get(39)).contains("<enter> detail").contains("</> filter").contains("<?> help").contains("<q> quit");
        String log = log();
        assertThat(String.join("\n", rows)).as("nothing of the log on the screen").doesNotContain("io.kolladoctor")
                .doesNotContain("first frame drawn").doesNotContain("SEVERE").doesNotContain("WARNING");
        Matcher first = Pattern.compile("first frame drawn (\\d+) ms after the process started").matcher(log);
        assertThat(first.find()).as("log:\n%s", log).isTrue();
        int frameAt = log.indexOf("first frame drawn");
        int sweptAt = log.indexOf("sweep finished in");
        assertThat(sweptAt).as("log:\n%s", log).isPositive();
        assertThat(frameAt).as("the first frame is logged before the sweep ends").isLessThan(sweptAt);
        Matcher swept = Pattern.compile("sweep finished in (\\d+) ms").matcher(log);
        assertThat(swept.find()).isTrue();
        System.out.println("console timing (tmux, demo): first frame " + first.group(1)
                + " ms after the process started; source opened and sweep finished " + swept.group(1) + " ms after the first frame's refresh began");
    }

    @Test
    void enterOpensTheFindingWithItsEvidenceAndEscGoesBack() throws Exception {
        launch(120, 40, "C.UTF-8");
        tmux.keys("/");
        tmux.type("nova_sch");
        tmux.await("the filtered list", s -> s.contains("Findings [1 of 26]"), KEY_SECONDS);
        tmux.keys("Enter", "Enter");
        List<String> detail = tmux.await("the finding's detail", s -> s.contains("Evidence (3)"), KEY_SECONDS);
        save("finding-detail-120x40", detail);
        String all = String.join("\n", detail);
        assertThat(detail.get(2)).contains("findings › containers.exited  ctl2/nova_scheduler");
        assertThat(all).contains("Summary   nova_scheduler is exited (0) 13 hours ago")
                .contains("1. ctl2: docker inspect nova_scheduler  State")
                .contains("│ State=exited ExitCode=0")
                .contains("2. openstack compute service list  services[nova-scheduler@ctl2]")
                .contains("3. ctl2:/var/log/kolla/nova/nova-scheduler.log")
                .contains("ECONNREFUSED")
                .contains("Fix").contains("docker start <name>");
        tmux.keys("Escape");
        tmux.await("the list again", s -> s.contains("Findings [1 of 26]") && !s.contains("Evidence ("), KEY_SECONDS);

        // ':' jumps to the other views by name or alias
        Map<String, String> views = new LinkedHashMap<>();
        views.put("co", "Containers [137] 6 hosts, 1 down, 0 unhealthy");
        views.put("pods", "Pods [4] 1 not ready");
        views.put("svc", "Services › workers");
        views.put("cl", "Clusters [3] 2 failed");
        views.put("overview", "Overview [7]");
        for (Map.Entry<String, String> view : views.entrySet()) {
            tmux.keys(":");
            tmux.type(view.getKey());
            tmux.keys("Enter");
            List<String> shown = tmux.await("the view " + view.getKey(), s -> s.contains(view.getValue()), KEY_SECONDS);
            save(view.getValue().split(" ")[0].toLowerCase(java.util.Locale.ROOT) + "-120x40", shown);
        }
        tmux.keys(":");
        tmux.type("co");
        tmux.keys("Enter");
        List<String> containers = tmux.await("the containers", s -> s.contains("Containers [137]"), KEY_SECONDS);
        assertThat(containers.get(4)).contains("ctl2").contains("nova_scheduler").contains("exited (0)").contains("13h");
    }

    @Test
    void containerDetailTailsTheKollaLogAndSearchesIt() throws Exception {
        launch(120, 40, "C.UTF-8");
        tmux.keys(":");
        tmux.type("containers");
        tmux.keys("Enter");
        tmux.await("the containers", s -> s.contains("Containers [137]"), KEY_SECONDS);
        tmux.keys("Enter");
        List<String> detail = tmux.await("the log tail of nova_scheduler",
                s -> s.contains("ctl2:/var/log/kolla/nova/nova-scheduler.log") && s.contains("ECONNREFUSED"), KEY_SECONDS);
        String all = String.join("\n", detail);
        assertThat(detail.get(2)).contains("containers › ctl2/nova_scheduler");
        assertThat(all).containsPattern("Container +nova_scheduler on ctl2").containsPattern("State +exited \\(0\\)")
                .containsPattern("Restarts +0  policy unless-stopped").contains("Logs");
        tmux.keys("/");
        tmux.type("AMQP server");
        tmux.keys("Enter");
        List<String> found = tmux.await("the search kept", s -> s.contains("search: /AMQP server"), KEY_SECONDS);
        save("container-detail-120x40", found);
        tmux.keys("Escape", "Escape");
        tmux.await("the containers again", s -> s.contains("Containers [137]"), KEY_SECONDS);
        tmux.keys("/");
        tmux.type("heat_engine");
        tmux.keys("Enter");
        List<String> engines = tmux.await("three heat engines", s -> s.contains("Containers [3 of 137]"), KEY_SECONDS);
        assertThat(engines.stream().filter(r -> r.contains("heat_engine") && r.contains("running")).count()).isEqualTo(3);
    }

    @Test
    void servicesCatalogAlarmsAndClusterEvents() throws Exception {
        launch(120, 40, "C.UTF-8");
        tmux.keys(":");
        tmux.type("services");
        tmux.keys("Enter");
        List<String> workers = tmux.await("the workers", s -> s.contains("Workers [36] 1 down"), KEY_SECONDS);
        String all = String.join("\n", workers);
        assertThat(all).contains("nova-scheduler").contains("neutron-l3-agent").contains("13h ago");
        tmux.keys("/");
        tmux.type("cinder|heat");
        tmux.keys("Enter");
        List<String> cinderHeat = tmux.await("cinder and heat workers", s -> s.contains("Workers [11 of 36]"), KEY_SECONDS);
        assertThat(String.join("\n", cinderHeat)).contains("rbd:volumes@rbd-1").contains("heat-engine");
        tmux.keys("Escape");
        tmux.keys("Tab");
        List<String> catalog = tmux.await("the Keystone catalog", s -> s.contains("> Keystone catalog [36]"), KEY_SECONDS);
        save("services-catalog-120x40", catalog);
        tmux.keys("/");
        tmux.type("keystone");
        tmux.keys("Enter");
        List<String> keystone = tmux.await("Keystone's endpoints", s -> s.contains("Keystone catalog [3 of 36]"), KEY_SECONDS);
        assertThat(String.join("\n", keystone)).contains("http://10.0.0.10:35357").contains("http://10.0.0.10:5000");

        tmux.keys(":");
        tmux.type("alarms");
        tmux.keys("Enter");
        List<String> alarms = tmux.await("the alarms' error line", s -> s.contains("Alarms [0]"), KEY_SECONDS);
        save("alarms-120x40", alarms);
        // the reason in full, wrapped at the frame's width
        assertThat(String.join("\n", alarms)).contains("could not be collected: GET")
                .contains("http://10.233.12.34:8042/v2/alarms: Connection refused");

        tmux.keys(":");
        tmux.type("clusters");
        tmux.keys("Enter");
        tmux.await("the clusters", s -> s.contains("Clusters [3] 2 failed"), KEY_SECONDS);
        tmux.keys("/");
        tmux.type("k8s-prod");
        tmux.keys("Enter", "Enter");
        List<String> cluster = tmux.await("the stack's events", s -> s.contains("Events (10)"), KEY_SECONDS);
        save("cluster-detail-120x40", cluster);
        assertThat(String.join("\n", cluster)).contains("Failed resources (3)")
                .contains("enable_cert_manager_api_deployment (OS::Heat::SoftwareDeployment) CREATE_FAILED")
                .contains("kube_masters  CREATE_FAILED");
    }

    @Test
    void noColorMeansNoColours() throws Exception {
        launch(120, 40, Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8", "NO_COLOR", "1"), "tui", "--demo");
        String screen = tmux.screenWithAttributes();
        Matcher sgr = Pattern.compile("\u001b\\[([0-9;]*)m").matcher(screen);
        List<String> colours = new ArrayList<>();
        while (sgr.find()) {
            for (String p : sgr.group(1).split(";")) {
                if (p.matches("3[0-8]|4[0-8]|9[0-7]|10[0-7]")) {
                    colours.add(sgr.group());
                }
            }
        }
        assertThat(colours).as("colour SGRs under NO_COLOR").isEmpty();
        assertThat(screen).as("the selection is still marked, in reverse video").containsPattern("\u001b\\[(?:[0-9;]*;)?7[;m]");
    }

    @Test
    void filterNegationStatusSearchAndHelp() throws Exception {
        launch(120, 40, "C.UTF-8");
        tmux.keys("/");
        tmux.type("ceph");
        tmux.keys("Enter");
        List<String> ceph = tmux.await("the ceph findings", s -> s.contains("Findings [2 of 26]"), KEY_SECONDS);
        assertThat(failingChecks(ceph)).containsExactly("ceph.osd-bootstrap-labels");
        tmux.keys("Escape");
        tmux.await("the filter dropped", s -> s.contains("Findings [8 of 26]"), KEY_SECONDS);
        tmux.keys("/");
        tmux.type("!ceph");
        tmux.keys("Enter");
        List<String> notCeph = tmux.await("all but ceph", s -> s.contains("Findings [6 of 26]"), KEY_SECONDS);
        assertThat(failingChecks(notCeph)).hasSize(5).doesNotContain("ceph.osd-bootstrap-labels");
        tmux.keys("Escape");
        tmux.keys("s");
        tmux.await("the FAIL filter", s -> s.contains("Findings [8 of 26] status:FAIL"), KEY_SECONDS);
        tmux.keys("s");
        tmux.await("the ERROR filter (none)", s -> s.contains("Findings [0 of 26] status:ERROR") && s.contains("no rows match"), KEY_SECONDS);
        tmux.keys("a");
        tmux.await("every finding", s -> s.contains("Findings [26]") && s.contains(" OK "), KEY_SECONDS);
        tmux.keys("a");

        tmux.keys("/");
        tmux.type("nova_sch");
        tmux.keys("Enter", "Enter");
        tmux.await("the finding's detail", s -> s.contains("Evidence (3)"), KEY_SECONDS);
        tmux.keys("/");
        tmux.type("ECONNREFUSED");
        tmux.keys("Enter");
        tmux.await("the search kept", s -> s.contains("search: /ECONNREFUSED"), KEY_SECONDS);
        Matcher highlighted = Pattern.compile("((?:\u001b\\[[0-9;]*m)+)ECONNREFUSED").matcher(tmux.screenWithAttributes());
        List<String> attributes = new ArrayList<>();
        while (highlighted.find()) {
            attributes.add(highlighted.group(1));
        }
        // the match style: yellow background (43), or reverse video (7) without colours
        assertThat(attributes).as("SGR before each ECONNREFUSED").anyMatch(a -> a.matches("(?s).*[\\[;](43|7)[;m].*"));

        tmux.keys("?");
        List<String> help = tmux.await("the help", s -> s.contains("Everywhere"), KEY_SECONDS);
        assertThat(String.join("\n", help)).contains(":name").contains("/text").contains("Findings")
                .contains("cycle a status filter");
        tmux.keys("Escape");
        tmux.await("the detail again", s -> s.contains("Evidence (3)"), KEY_SECONDS);
    }

    @Test
    void resizeRelaysOutAndQExitsZeroRestoringTheTerminal() throws Exception {
        launch(120, 40, "C.UTF-8");
        tmux.resize(80, 24);
        List<String> small = tmux.await("the 80x24 layout", s -> {
            List<String> r = s.lines().toList();
            return r.size() >= 24 && r.get(2).endsWith("┐") && Screens.columns(r.get(2)) == 80
                    && r.get(21).endsWith("┘") && r.get(23).contains("<q> quit");
        }, KEY_SECONDS);
        save("findings-80x24", small.subList(0, 24));
        assertThat(small.get(0)).startsWith(" kolla-doctor ");
        assertFrameLinesUp(small.subList(0, 24), 80, '│');
        assertThat(failingChecks(small)).hasSize(6);

        tmux.resize(120, 40);
        tmux.await("the 120x40 layout again", s -> {
            List<String> r = s.lines().toList();
            return r.size() >= 40 && r.get(37).endsWith("┘") && Screens.columns(r.get(37)) == 120;
        }, KEY_SECONDS);

        tmux.keys("q");
        List<String> after = tmux.await("the exit code", s -> s.contains("KD-EXIT="), KEY_SECONDS);
        String all = String.join("\n", after);
        assertThat(all).contains("KD-EXIT=0");
        assertThat(all).as("the alternate screen is gone").doesNotContain("┌─").doesNotContain("<q> quit");
    }

    @Test
    void cjkTextLinesUp() throws Exception {
        List<String> rows = launch(120, 40, "C.UTF-8");
        assertFrameLinesUp(rows, 120, '│');
        tmux.keys("/");
        tmux.type("sdc");
        tmux.keys("Enter", "Enter");
        List<String> sdc = tmux.await("the sdc finding", s -> s.contains("LABEL=新加卷 FSTYPE=ntfs"), KEY_SECONDS);
        assertFrameLinesUp(sdc, 120, '│');
        tmux.keys("Escape");
        tmux.keys("Escape");
        tmux.keys("/");
        tmux.type("keystone");
        tmux.keys("Enter", "Enter", "G");
        List<String> source = tmux.await("the Chinese title of write-up 000", s -> s.contains("Aodh 的 k8s 化"), KEY_SECONDS);
        assertFrameLinesUp(source, 120, '│');
    }

    @Test
    void langCGivesTheAsciiThemeAndNoCommandOpensTheConsole() throws Exception {
        List<String> rows = launch(100, 30, "C", "--demo");
        assertThat(rows.get(2)).startsWith("+- Findings [8 of 26]").endsWith("+");
        assertThat(rows.get(1)).contains("FAIL 8").contains(" | swept ");
        assertThat(failingChecks(rows)).hasSize(6);
        tmux.keys("/");
        tmux.type("sdc");
        tmux.keys("Enter", "Enter");
        List<String> sdc = tmux.await("the sdc finding", s -> s.contains("Evidence ("), KEY_SECONDS);
        save("finding-detail-ascii-100x30", sdc);
        String all = String.join("\n", sdc);
        assertThat(all).contains("LABEL=??? FSTYPE=ntfs").contains("| sdc1 part");
        assertThat(all).as("nothing but ASCII on the screen").matches("[\\x20-\\x7e\\n]*");
        assertFrameLinesUp(sdc, 100, '|');
    }

    @Test
    void theFindingsFixPlanIsShownDisarmedAndTheAuditLogListsWhatWasApplied() throws Exception {
        // what 'kolla-doctor fix --arm' would have written to the same file: one plan refused, one verified
        AuditLog audit = new AuditLog(AuditLog.standardPath(Map.of("XDG_STATE_HOME", state.toString()), state),
                SecretMasker.patterns());
        Plan plan = new Plan("containers.exited/start", "containers.exited", "ctl2/nova_scheduler", "nova_scheduler",
                List.of(new Step("start nova_scheduler", Operation.HostCommand.of("ctl2", Duration.ofSeconds(60),
                        "docker", "start", "nova_scheduler"), Risk.DISRUPTIVE, "docker stop nova_scheduler")), List.of());
        audit.record(plan, "refused", null, "not confirmed", null);
        audit.record(plan, "confirmed", null, "ok", "DISRUPTIVE");
        audit.record(plan, "step", plan.steps().getFirst().operation(), "done", "exit 0: nova_scheduler");
        audit.record(plan, "verified", null, "healed", "containers.exited no longer finds anything wrong with ctl2/nova_scheduler");

        launch(120, 40, "C.UTF-8");
        tmux.keys("/");
        tmux.type("nova_sch");
        tmux.keys("Enter", "Enter");
        List<String> detail = tmux.await("the finding's detail", s -> s.contains("Evidence (3)"), KEY_SECONDS);
        assertThat(detail.get(39)).contains("<f> fix plan");
        tmux.keys("f");
        List<String> shown = tmux.await("the plan", s -> s.contains("Plan containers.exited/start") && s.contains("Disarmed"),
                KEY_SECONDS);
        save("fix-plan-120x40", shown);
        assertThat(String.join("\n", shown))
                .contains("Plan containers.exited/start for containers.exited on ctl2/nova_scheduler — risk DISRUPTIVE")
                .contains("ctl2: docker start nova_scheduler").contains("undo: docker stop nova_scheduler")
                .contains("Fixes cannot be armed here: this source is").contains("a snapshot (a recording), not a live deployment");
        assertThat(shown.get(2)).contains("finding › Fix containers.exited  ctl2/nova_scheduler");
        tmux.keys("a");
        tmux.await("the refusal", s -> s.contains("fixes are disarmed: nothing was changed"), KEY_SECONDS);

        tmux.keys(":");
        tmux.type("audit");
        tmux.keys("Enter");
        List<String> log = tmux.await("the audit log", s -> s.contains("Audit log [4]"), KEY_SECONDS);
        save("audit-120x40", log.stream().map(r -> r.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ",
                "yyyy-mm-dd hh:mm:ssZ")).toList());
        assertThat(log.get(4)).as("newest first").contains("containers.exited/start").contains("verified").contains("healed");
        assertThat(log.get(7)).contains("refused").contains("not confirmed");
        tmux.keys("j", "Enter");
        List<String> entry = tmux.await("the step's entry", s -> s.contains("Audit entry"), KEY_SECONDS);
        assertThat(String.join("\n", entry)).containsPattern("Operation +ctl2: docker start nova_scheduler")
                .containsPattern("Result +done").containsPattern("Detail +exit 0: nova_scheduler");
    }
}
