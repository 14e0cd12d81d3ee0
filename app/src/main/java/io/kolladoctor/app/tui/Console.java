package io.kolladoctor.app.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import io.kolladoctor.app.UsageException;
import io.kolladoctor.app.cli.EvacuationOptions;
import io.kolladoctor.app.tui.Canvas.Rect;
import io.kolladoctor.app.tui.data.ConsoleState;
import io.kolladoctor.app.tui.data.Refresher;
import io.kolladoctor.checks.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's frame and loop. Draws the header (source, counts, sweep progress), the current view in a box,
 * the prompt line and the footer of keys; everything else happens on other threads and arrives as events: key
 * strokes (read by a daemon thread), state changes (published by the {@link Refresher}), resizes. The first frame
 * is drawn before the source is even opened. Nothing but this loop writes to the screen.
 */
public final class Console {

    private static final Logger LOG = Logger.getLogger(Console.class.getName());
    private static final Object REDRAW = new Object();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneId.of("UTC"));
    static final int MIN_COLS = 40;
    static final int MIN_ROWS = 10;

    private final Screen screen;
    private final Theme theme;
    private final Refresher refresher;
    private final Path logFile;
    private final FixSession fixes;
    /** Questions waiting for an answer on the prompt line; the first is asked. */
    private final Deque<Ask> asks = new ArrayDeque<>();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final Map<String, View> roots = new LinkedHashMap<>();
    private final Deque<View> stack = new ArrayDeque<>();
    private Prompt prompt;
    private Filter filterBeforePrompt = Filter.NONE;
    private String message;
    private volatile boolean running = true;
    private long tick;
    private boolean firstFrameLogged;
    /** Odd while a frame is being drawn: lets a reader of the screen (tests) take whole frames only. */
    private final java.util.concurrent.atomic.AtomicLong frames = new java.util.concurrent.atomic.AtomicLong();

    public Console(Screen screen, Theme theme, Refresher refresher, Path logFile) {
        this(screen, theme, refresher, logFile, FixSession.standard());
    }

    public Console(Screen screen, Theme theme, Refresher refresher, Path logFile, FixSession fixes) {
        this.screen = screen;
        this.theme = theme;
        this.refresher = refresher;
        this.logFile = logFile;
        this.fixes = fixes;
        roots.put("findings", new FindingsView(theme));
        roots.put("overview", new OverviewView());
        roots.put("containers", new ContainersView());
        roots.put("pods", new PodsView());
        roots.put("services", new ServicesView());
        roots.put("clusters", new ClustersView());
        roots.put("alarms", new AlarmsView());
        roots.put("audit", new AuditView(fixes.auditFile(), this::wake));
        stack.push(roots.get("findings"));
    }

    /** Runs until the operator quits (or the terminal goes away); the screen must already be started. */
    public int run() throws IOException {
        refresher.onChange(this::wake);
        if (screen instanceof TerminalScreen terminalScreen) {
            terminalScreen.getTerminal().addResizeListener((terminal, size) -> wake());
        }
        screen.setCursorPosition(null);
        draw(true);
        refresher.refresh();
        Thread input = Thread.ofPlatform().daemon().name("kd-input").start(this::readKeys);
        try {
            while (running) {
                Object event = events.poll(refresher.state().sweeping() ? 100 : 1000, TimeUnit.MILLISECONDS);
                List<Object> batch = new ArrayList<>();
                if (event != null) {
                    batch.add(event);
                    events.drainTo(batch);
                }
                for (Object e : batch) {
                    if (e instanceof KeyStroke k && running) {
                        handle(k);
                    } else if (e instanceof Runnable r && running) {
                        r.run();
                    }
                }
                tick++;
                if (running) {
                    boolean resized = screen.doResizeIfNecessary() != null;
                    draw(resized);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            input.interrupt();
            asks.forEach(Ask::abandon);
            asks.clear();
        }
        return 0;
    }

    /**
     * Polls rather than blocks: a terminal may hold its lock while blocked in readInput (lanterna's virtual
     * terminal does), which would stop every redraw until the next key.
     */
    private void readKeys() {
        try {
            while (running) {
                KeyStroke k = screen.pollInput();
                if (k == null) {
                    Thread.sleep(15);
                    continue;
                }
                events.put(k);
                if (k.getKeyType() == KeyType.EOF) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "terminal input ended", e);
            events.offer(new KeyStroke(KeyType.EOF));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- what views use

    public Refresher refresher() {
        return refresher;
    }

    public Theme theme() {
        return theme;
    }

    public void push(View view) {
        stack.push(view);
    }

    public FixSession fixes() {
        return fixes;
    }

    /** Whether the loop still runs (a fix's thread stops waiting for an answer once it does not). */
    boolean isRunning() {
        return running;
    }

    /** A line for the operator on the prompt line, until the next key (UI thread only). */
    void message(String text) {
        message = text;
    }

    /** Asks on the prompt line; the answer goes to the question's consumer on the UI thread (UI thread only). */
    void ask(Ask question) {
        asks.addLast(question);
    }

    /** Runs {@code work} on the UI thread, between keys (how other threads ask questions). */
    void post(Runnable work) {
        events.offer(work);
    }

    /** Opens a view by name (from {@code :} or the overview): back to the findings, then that view on top. */
    public void jump(String name) {
        if (name.equals("quit")) {
            quit();
            return;
        }
        if (name.equals("arm") || name.equals("disarm")) {
            arming(name.equals("arm"));
            return;
        }
        if (name.equals("help")) {
            stack.push(new HelpView(stack.peek(), logFile));
            return;
        }
        if (name.equals("evacuate")) {
            message = "which host? :evacuate HOST (a compute host as Nova names it) [--target HOST | --scheduler] "
                    + "[--host-is-off HOST] [--cleanup] [--umha-conf FILE]; ? lists the options";
            return;
        }
        View target = roots.get(name);
        if (target == null) {
            message = "no view '" + name + "'";
            return;
        }
        String held = held();
        if (held != null) {
            message = held;
            return;
        }
        while (stack.size() > 1) {
            stack.pop();
        }
        if (target != stack.peek()) {
            stack.push(target);
        }
    }

    /**
     * {@code :evacuate HOST [OPTIONS]}: {@code kolla-doctor evacuate}'s options, parsed by the same
     * {@link EvacuationOptions}; a mistake is a line on the prompt line and nothing starts.
     */
    void evacuate(String typed) {
        EvacuationOptions.Parsed parsed;
        try {
            parsed = EvacuationOptions.parseConsole(typed);
        } catch (UsageException e) {
            message = ":evacuate: " + e.getMessage();
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, ":evacuate " + typed + " could not be parsed", e);
            message = ":evacuate: " + (e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        evacuate(parsed.host(), parsed.options());
    }

    /** The evacuation wizard for {@code host} on top of the current view (it refuses anything but live). */
    void evacuate(String host, EvacuationOptions options) {
        String held = held();
        String busy = fixes.busy();
        if (held != null) {
            message = held;
        } else if (busy != null) {
            message = busy + ": one at a time";
        } else if (!host.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            message = "'" + host + "' is not a host name: :evacuate HOST";
        } else {
            stack.push(new EvacuationView(host, options, this));
        }
    }

    /** Why the views on the stack cannot be left now (a fix running in one), or null. */
    private String held() {
        return stack.stream().map(View::holdsBack).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** q, Ctrl-C, :quit: at once, unless a fix is running (then it asks). */
    private void quit() {
        String busy = fixes.busy();
        if (busy == null) {
            running = false;
            return;
        }
        boolean fix = fixes.running() != null;
        ask(Ask.yesNo(busy + ": quit anyway?", yes -> {
            if (yes) {
                running = false;
            } else {
                message = fix ? "not quitting: the fix goes on" : "not quitting: the evacuation goes on";
            }
        }));
    }

    /** :arm asks first and refuses anything but a live deployment; :disarm is at once. */
    private void arming(boolean arm) {
        if (!arm) {
            message = fixes.armed() ? "fixes disarmed: the console is read-only again" : "fixes are not armed";
            fixes.disarm();
            return;
        }
        if (fixes.armed()) {
            message = "fixes are armed already (ARMED in the header); :disarm makes the console read-only again";
            return;
        }
        String refusal = fixes.backend().refusal(refresher.source());
        if (refusal != null) {
            message = "fixes cannot be armed: " + refusal;
            return;
        }
        ask(Ask.yesNo("Arm fixes for this session? Plans may then change " + refresher.source().describe()
                + ", each after its confirmation", yes -> {
            if (yes) {
                fixes.arm();
                message = "fixes ARMED for this session: a in a fix plan applies it; :disarm to stop";
            } else {
                message = "not armed: the console stays read-only";
            }
        }));
    }

    /** Even between frames, odd while one is written to the terminal. */
    long frameSequence() {
        return frames.get();
    }

    // ---- keys

    void handle(KeyStroke k) {
        if (k.getKeyType() == KeyType.EOF) {
            running = false;
            return;
        }
        View view = stack.peek();
        if (!asks.isEmpty()) {
            if (asks.peekFirst().key(k)) {
                asks.removeFirst();
            }
            return;
        }
        if (prompt != null) {
            promptKey(k, view);
            return;
        }
        if (k.isAltDown() && !k.isCtrlDown() && k.getKeyType() != KeyType.Escape) {
            // Esc typed just before a key arrives as Alt+key (the terminal's Meta prefix: Esc then Tab is Alt+Tab):
            // the console has no Alt bindings, so it is what the operator typed: Esc, then the key
            handle(new KeyStroke(KeyType.Escape));
            // (ESC TAB reaches lanterna as Alt + the character '\t', not as Alt + KeyType.Tab)
            KeyStroke key = k.getKeyType() != KeyType.Character ? new KeyStroke(k.getKeyType(), false, false, k.isShiftDown())
                    : k.getCharacter() == '\t' ? new KeyStroke(KeyType.Tab) : new KeyStroke(k.getCharacter(), false, false);
            handle(key);
            return;
        }
        message = null;
        if (Keys.ctrl(k, 'c') || Keys.is(k, 'q')) {
            quit();
        } else if (Keys.is(k, '?')) {
            if (!(view instanceof HelpView)) {
                stack.push(new HelpView(view, logFile));
            }
        } else if (Keys.is(k, ':')) {
            prompt = new Prompt(':', "");
        } else if (Keys.is(k, '/') && view.slashVerb() != null) {
            filterBeforePrompt = view.filter();
            prompt = new Prompt('/', view.filter().text());
        } else if (Keys.is(k, 'r') || Keys.ctrl(k, 'r')) {
            refresher.refresh();
            message = "refreshing…";
        } else if (k.getKeyType() == KeyType.Escape) {
            if (view.filter().active()) {
                view.filter(Filter.NONE);
            } else if (stack.size() > 1) {
                String held = view.holdsBack();
                if (held != null) {
                    message = held;
                } else {
                    stack.pop();
                }
            }
        } else if (!view.key(k, this) && k.getKeyType() == KeyType.Character) {
            message = "'" + k.getCharacter() + "' does nothing here: ? lists the keys";
        }
    }

    private void promptKey(KeyStroke k, View view) {
        if (prompt.sigil() == ':' && k.getKeyType() == KeyType.Tab) {
            prompt.set(prompt.text() + Jumps.completion(prompt.text()));
            return;
        }
        Prompt.Outcome outcome = prompt.key(k);
        if (prompt.sigil() == '/') {
            switch (outcome) {
                case EDITED -> view.filter(Filter.parse(prompt.text()));
                case CANCELLED -> {
                    view.filter(filterBeforePrompt);
                    prompt = null;
                }
                case ACCEPTED -> prompt = null;
                case IGNORED -> { }
            }
            return;
        }
        switch (outcome) {
            case CANCELLED -> prompt = null;
            case ACCEPTED -> {
                String typed = prompt.text();
                prompt = null;
                String[] words = typed.strip().split("\\s+", 2);
                if (words.length == 2 && Jumps.resolve(words[0]).filter(j -> j.name().equals("evacuate")).isPresent()) {
                    evacuate(words[1].strip());
                    return;
                }
                Jumps.resolve(typed).ifPresentOrElse(j -> jump(j.name()),
                        () -> message = typed.isBlank() ? null : "no view '" + typed.strip() + "': :help lists them");
            }
            default -> { }
        }
    }

    // ---- drawing

    void draw(boolean complete) throws IOException {
        TerminalSize size = screen.getTerminalSize();
        screen.clear();
        Canvas canvas = new Canvas(screen.newTextGraphics(), theme);
        render(canvas, size.getColumns(), size.getRows());
        frames.incrementAndGet();
        try {
            screen.refresh(complete ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        } finally {
            frames.incrementAndGet();
        }
        if (!firstFrameLogged) {
            firstFrameLogged = true;
            long sinceStart = TuiCommand.sinceProcessStart();
            LOG.info(() -> "first frame drawn " + sinceStart + " ms after the process started ("
                    + size.getColumns() + "x" + size.getRows() + ", " + (theme.unicode() ? "unicode" : "ascii") + " theme)");
        }
    }

    /** Draws the whole frame for a terminal of {@code cols} x {@code rows}. */
    void render(Canvas canvas, int cols, int rows) {
        if (cols < MIN_COLS || rows < MIN_ROWS) {
            canvas.text(0, 0, "kolla-doctor: the terminal is " + cols + "x" + rows + "; the console needs "
                    + MIN_COLS + "x" + MIN_ROWS + " (q quits)", cols, theme.bold());
            return;
        }
        ConsoleState state = refresher.state();
        header(canvas, cols, state);
        View view = stack.peek();
        StringBuilder title = new StringBuilder();
        List<View> trail = new ArrayList<>(stack);
        java.util.Collections.reverse(trail);
        for (int i = 0; i < trail.size() - 1; i++) {
            title.append(trail.get(i).name()).append(theme.crumb());
        }
        title.append(view.title(state));
        view.render(canvas, new Rect(1, 3, cols - 2, rows - 6), state);
        canvas.box(new Rect(0, 2, cols, rows - 4), title.toString(), view.note(), theme.title());
        promptLine(canvas, cols, rows - 2, view);
        footer(canvas, cols, rows - 1, view);
    }

    private void header(Canvas canvas, int cols, ConsoleState s) {
        int x = canvas.text(0, 0, " kolla-doctor ", cols, theme.banner());
        if (fixes.armed()) {
            x += canvas.text(x, 0, " ARMED ", cols - x, theme.armed());
        }
        FixJob job = fixes.running();
        if (job != null) {
            String doing = " " + theme.spinner(tick) + " applying " + job.plan().fixId() + " ";
            x += canvas.text(x, 0, doing, cols - x, theme.error());
        }
        EvacuationJob evacuation = fixes.evacuating();
        if (evacuation != null) {
            String doing = " " + theme.spinner(tick) + " evacuating " + evacuation.host() + " ";
            x += canvas.text(x, 0, doing, cols - x, theme.error());
        }
        String source = s.source() != null ? s.source() : s.phase() == ConsoleState.Phase.FAILED ? "no source" : "opening the source…";
        canvas.text(x + 1, 0, source, cols - x - 1, theme.plain());
        x = 1;
        Map<Status, Long> counts = s.counts();
        for (Status st : List.of(Status.FAIL, Status.ERROR, Status.WARN, Status.INFO, Status.OK)) {
            x += canvas.text(x, 1, st + " " + counts.get(st), cols - x, counts.get(st) > 0 ? theme.status(st) : theme.dim());
            x += canvas.text(x, 1, "  ", cols - x, theme.plain());
        }
        x += canvas.text(x, 1, theme.separator().stripLeading(), cols - x, theme.dim());
        String progress = switch (s.phase()) {
            case OPENING -> theme.spinner(tick) + " opening the source… sweeping starts when it is open";
            case SWEEPING -> theme.spinner(tick) + " sweeping… " + s.checksDone() + "/" + s.checksTotal() + " checks, "
                    + refresher.requests() + " requests";
            case IDLE -> "swept " + (s.refreshedAt() == null ? "" : CLOCK.format(s.refreshedAt())) + " in "
                    + (s.sweep() == null ? "?" : seconds(s.sweep().took())) + ", "
                    + (s.sweep() == null ? 0 : s.sweep().fetches()) + " requests"
                    + (s.asOf() == null ? "" : "; facts of " + STAMP.format(s.asOf()));
            case FAILED -> "source failed: " + s.sourceError();
        };
        canvas.text(x, 1, progress, cols - x, s.phase() == ConsoleState.Phase.FAILED ? theme.error() : theme.plain());
    }

    /** {@code 0.6 s}: tenths, so the header keeps its width from one refresh to the next. */
    static String seconds(java.time.Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private void promptLine(Canvas canvas, int cols, int row, View view) {
        Ask ask = asks.peekFirst();
        if (ask != null) {
            // the question gives way to the answer: y/N, or room to type
            int room = ask.typed() ? Math.max(cols / 3, Text.width(ask.sofar()) + 24) : 5;
            int x = canvas.text(0, row, ask.question(), Math.max(1, cols - room), theme.key());
            if (ask.typed()) {
                x += canvas.text(x, row, ": ", cols - x, theme.key());
                x += canvas.text(x, row, ask.sofar(), cols - x - 1, theme.plain());
                canvas.raw(x, row, "_", 1, theme.key());
                canvas.text(x + 2, row, "(Enter gives it, Esc cancels)", cols - x - 2, theme.dim());
            } else {
                canvas.text(x, row, " y/N", cols - x, theme.key());
            }
            return;
        }
        if (prompt != null) {
            String label = prompt.sigil() == ':' ? ":" : "/";
            int x = canvas.text(0, row, label, cols, theme.key());
            x += canvas.text(x, row, prompt.text(), cols - x - 1, theme.plain());
            if (prompt.sigil() == ':') {
                String rest = Jumps.completion(prompt.text());
                canvas.text(x, row, rest, cols - x, theme.dim());
                canvas.text(x + Text.width(rest) + 2, row, "(Enter jumps, Tab completes, Esc cancels)", cols - x - Text.width(rest) - 2, theme.dim());
            } else {
                canvas.raw(x, row, "_", 1, theme.key());
                canvas.text(x + 2, row, "(" + view.slashVerb() + ": regex, !negates; Enter keeps, Esc drops)",
                        cols - x - 2, theme.dim());
            }
            return;
        }
        if (message != null) {
            canvas.text(0, row, message, cols, theme.error());
        } else if (view.filter().active()) {
            canvas.text(0, row, view.slashVerb() + ": /" + view.filter().text() + "  (Esc drops it)", cols, theme.dim());
        }
    }

    private void footer(Canvas canvas, int cols, int row, View view) {
        List<Hint> hints = new ArrayList<>(view.hints());
        if (stack.size() > 1 && hints.stream().noneMatch(h -> h.key().equals("esc"))) {
            hints.add(new Hint("esc", "back"));
        }
        hints.add(new Hint(":", "views"));
        hints.add(new Hint("r", "refresh"));
        List<Hint> always = List.of(new Hint("?", "help"), new Hint("q", "quit"));
        int reserved = always.stream().mapToInt(Console::hintWidth).sum();
        int x = 0;
        for (Hint h : hints) {
            if (x + hintWidth(h) + reserved > cols) {
                break;
            }
            x = hint(canvas, x, row, cols, h);
        }
        for (Hint h : always) {
            x = hint(canvas, x, row, cols, h);
        }
    }

    private static int hintWidth(Hint h) {
        return Text.width(h.key()) + 2 + 1 + Text.width(h.action()) + 2;
    }

    private int hint(Canvas canvas, int x, int row, int cols, Hint h) {
        x += canvas.text(x, row, "<" + h.key() + ">", cols - x, theme.key());
        return x + canvas.text(x, row, " " + h.action() + "  ", cols - x, theme.plain());
    }

    /** Wakes the loop to redraw (a resize, a load finished). */
    public void wake() {
        events.offer(REDRAW);
    }
}
