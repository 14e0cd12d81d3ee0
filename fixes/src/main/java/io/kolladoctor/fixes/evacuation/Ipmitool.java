package io.kolladoctor.fixes.evacuation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The BMCs through Debian's {@code ipmitool}, run on this host (the controller) over RMCP+: {@code -I lanplus -C 3}
 * (cipher suite 3 answers at once where the default makes each call wait; ../shared/LAB-FACTS.md). The password goes
 * in the environment ({@code -E} reads {@code IPMI_PASSWORD}), so it is in no process listing, log or audit line.
 * Each call is bounded: few retries, and killed after {@link #LIMIT}.
 */
public final class Ipmitool implements Bmcs {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private final String program;

    public Ipmitool(String program) {
        this.program = program;
    }

    public Ipmitool() {
        this("ipmitool");
    }

    @Override
    public PowerState status(BmcAccess bmc) {
        Run run = run(bmc, "chassis", "power", "status");
        if (run.exit() != 0) {
            return PowerState.unknown(run.why());
        }
        String out = run.out().strip();
        if (out.endsWith("is on")) {
            return PowerState.on();
        }
        if (out.endsWith("is off")) {
            return PowerState.off();
        }
        return PowerState.unknown("unexpected answer: " + firstLine(out));
    }

    @Override
    public Result powerOff(BmcAccess bmc) {
        return command(bmc, "off");
    }

    @Override
    public Result powerOn(BmcAccess bmc) {
        return command(bmc, "on");
    }

    /** The command line as shown to the operator: the password is never on it. */
    public static String display(BmcAccess bmc, String... args) {
        return "ipmitool -I lanplus -C 3 -H " + bmc.address() + " -p " + bmc.port() + " -U " + bmc.user() + " -E "
                + String.join(" ", args);
    }

    private Result command(BmcAccess bmc, String power) {
        Run run = run(bmc, "chassis", "power", power);
        return new Result(run.exit() == 0, run.exit() == 0 ? firstLine(run.out()) : run.why());
    }

    private record Run(int exit, String out, String err) {
        String why() {
            String text = (err + " " + out).strip();
            return exit == -1 ? text : "ipmitool exit " + exit + (text.isEmpty() ? "" : ": " + firstLine(text));
        }
    }

    private Run run(BmcAccess bmc, String... args) {
        List<String> argv = new ArrayList<>(List.of(program, "-I", "lanplus", "-C", "3", "-N", "2", "-R", "2",
                "-H", bmc.address(), "-p", Integer.toString(bmc.port()), "-U", bmc.user(), "-E"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("IPMI_PASSWORD", bmc.password());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            var out = p.getInputStream();
            var err = p.getErrorStream();
            // both streams are small (one line); read them after exit, bounded by the limit
            if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, "", "no answer from the BMC at " + bmc.where() + " within " + LIMIT.toSeconds() + " s");
            }
            return new Run(p.exitValue(), new String(out.readAllBytes(), StandardCharsets.UTF_8),
                    new String(err.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-1, "", "cannot run " + program + ": " + e.getMessage()
                    + " (Debian: apt-get install ipmitool)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "", "interrupted");
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
