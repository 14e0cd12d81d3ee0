package io.kolladoctor.app.cli;

import io.kolladoctor.app.UsageException;
import io.kolladoctor.fixes.evacuation.Evacuation;
import io.kolladoctor.fixes.evacuation.UmhaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * How one evacuation (or its cleanup) goes, whoever starts it: {@code kolla-doctor evacuate HOST ...} (a mixin of
 * {@link EvacuateCommand}) and the console's {@code :evacuate HOST ...} ({@link #parseConsole}) parse the same options
 * here and build the {@link Evacuation.Request} here. Arming, the audit log, the history and notices are each
 * front end's own.
 */
public final class EvacuationOptions {

    /** The pause between two probe rounds when {@code --probe-interval} is not given. */
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(2);

    @Option(names = "--cleanup", description = "After repair: power on through the BMC, clear force-down, enable.")
    boolean cleanup;

    @Option(names = "--umha-conf", paramLabel = "FILE", description = "UMHA's settings (default: /etc/umha/umha.conf).")
    Path umhaConf;

    @Option(names = "--target", paramLabel = "HOST", description = "A reserved host: every instance goes there.")
    String target;

    @Option(names = "--scheduler", description = "Let Nova's scheduler pick each target (still checked for a fit).")
    boolean scheduler;

    @Option(names = "--concurrency", paramLabel = "N", description = "Instances moving at once (default 3).")
    int concurrency = 3;

    @Option(names = "--host-is-off", paramLabel = "HOST",
            description = "You have checked that HOST is powered off: go on when its BMC cannot tell.")
    String hostIsOff;

    @Option(names = "--probe-interval", paramLabel = "SECONDS",
            description = "Seconds between probe rounds (error_count rounds; default 2).")
    Integer probeInterval;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "--cleanup: how long to wait for the host's nova-compute (default 600).")
    int timeout = 600;

    /** Refuses contradictions for an evacuation of {@code host} (a {@link UsageException} saying which). */
    public void validate(String host) {
        if (hostIsOff != null && !hostIsOff.equals(host)) {
            throw new UsageException("--host-is-off names " + hostIsOff + ", not the host being evacuated (" + host + ")");
        }
        if (concurrency < 1 || concurrency > 20) {
            throw new UsageException("--concurrency: 1 to 20");
        }
        if (target != null && scheduler) {
            throw new UsageException("--target and --scheduler contradict each other");
        }
        if (target != null && target.equals(host)) {
            throw new UsageException("--target " + target + " is the host being evacuated");
        }
        if (probeInterval != null && probeInterval < 0) {
            throw new UsageException("--probe-interval: 0 seconds or more");
        }
        if (timeout < 1) {
            throw new UsageException("--timeout: 1 second or more");
        }
        if (cleanup && (target != null || scheduler || hostIsOff != null)) {
            throw new UsageException("--cleanup brings " + host + " back: not with "
                    + (target != null ? "--target" : scheduler ? "--scheduler" : "--host-is-off"));
        }
        if (umhaConf != null && !Files.isRegularFile(umhaConf)) {
            throw new UsageException("--umha-conf " + umhaConf + ": no such file");
        }
    }

    public boolean cleanup() {
        return cleanup;
    }

    /** The UMHA settings to read: {@code --umha-conf}, else UMHA's own place. */
    public Path umhaConf() {
        return umhaConf != null ? umhaConf : UmhaConfig.STANDARD;
    }

    /** {@code --timeout}: how long a cleanup waits for the host's nova-compute. */
    public Duration timeout() {
        return Duration.ofSeconds(timeout);
    }

    /** What the evacuation is asked to do; {@code probeInterval}: the pause when {@code --probe-interval} is not given. */
    public Evacuation.Request request(String host, boolean armed, Duration probeInterval) {
        return new Evacuation.Request(host, armed, hostIsOff != null, target, scheduler, concurrency,
                this.probeInterval != null ? Duration.ofSeconds(this.probeInterval) : probeInterval);
    }

    /** The options as given, for a title or a log line ({@code --target cmp02 --cleanup}); empty for the defaults. */
    public String describe() {
        List<String> given = new ArrayList<>();
        if (cleanup) {
            given.add("--cleanup");
        }
        if (umhaConf != null) {
            given.add("--umha-conf " + umhaConf);
        }
        if (target != null) {
            given.add("--target " + target);
        }
        if (scheduler) {
            given.add("--scheduler");
        }
        if (hostIsOff != null) {
            given.add("--host-is-off " + hostIsOff);
        }
        if (concurrency != 3) {
            given.add("--concurrency " + concurrency);
        }
        if (probeInterval != null) {
            given.add("--probe-interval " + probeInterval);
        }
        if (timeout != 600) {
            given.add("--timeout " + timeout);
        }
        return String.join(" ", given);
    }

    // ---- the console's :evacuate

    /** {@code HOST [OPTIONS]} after {@code :evacuate}: the host and these options, nothing else. */
    @Command(name = ":evacuate")
    static final class ConsoleLine {
        @Parameters(index = "0", paramLabel = "HOST", description = "The failed compute host, as Nova names it.")
        String host;

        @Mixin
        EvacuationOptions options = new EvacuationOptions();
    }

    /** What {@code :evacuate} was given: the host and its options, already validated. */
    public record Parsed(String host, EvacuationOptions options) {
    }

    /** The options alone, defaults everywhere (the console's {@code e} on a down nova-compute). */
    public static EvacuationOptions defaults() {
        return new EvacuationOptions();
    }

    /**
     * Parses what was typed after {@code :evacuate} ({@code cmp01 --target cmp02}; 'single' or "double" quotes keep
     * spaces in a value) and validates it; a mistake is a {@link UsageException} with a one-line message.
     */
    public static Parsed parseConsole(String typed) {
        List<String> words = words(typed);
        if (words.isEmpty()) {
            throw new UsageException("which host? :evacuate HOST [OPTIONS]");
        }
        ConsoleLine line = new ConsoleLine();
        try {
            new CommandLine(line).parseArgs(words.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
            throw new UsageException(message.lines().findFirst().orElse(message) + " (? lists the options)");
        }
        line.options.validate(line.host);
        return new Parsed(line.host, line.options);
    }

    /** One line per option the console takes after {@code :evacuate HOST}: its synopsis, then its description. */
    public static List<String[]> consoleUsage() {
        List<String[]> usage = new ArrayList<>();
        for (OptionSpec o : new CommandLine(new ConsoleLine()).getCommandSpec().options()) {
            String synopsis = o.longestName() + (o.arity().max() > 0 ? " " + o.paramLabel() : "");
            usage.add(new String[] {synopsis, String.join(" ", o.description())});
        }
        return usage;
    }

    private static List<String> words(String typed) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : typed.strip().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder().append(c) : word.append(c);
            }
        }
        if (quote != 0) {
            throw new UsageException("a quote (" + quote + ") is not closed");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
