package io.kolladoctor.deployment.live.host;

import io.kolladoctor.deployment.facts.host.HostCommands;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a HOST-scope fact request asks for, parsed from its name (docs/snapshot.md, "hosts/&lt;host&gt;/"), with the
 * command that answers it on a host and how that command's failures read. Names the checks do not use are refused
 * rather than guessed.
 */
sealed interface HostQuery {

    /** Bytes a query may produce before it is refused as too large. */
    long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    /** How a finished command's exit status and stderr read. */
    enum Verdict {
        OK,
        /** The thing does not exist on the host. */
        ABSENT,
        /** Permission denied: worth one retry under {@code sudo -n}. */
        DENIED,
        FAILED
    }

    /** The command that answers this query on a host (for Docker queries, the raw API path instead). */
    default ShellCommand command() {
        throw new UnsupportedOperationException(this + " is not a command");
    }

    default Verdict judge(int exitStatus, String stderr) {
        return exitStatus == 0 ? Verdict.OK : Verdict.FAILED;
    }

    default long maxBytes() {
        return DEFAULT_MAX_BYTES;
    }

    /** The material as stored, from the command's raw output. */
    default byte[] finish(byte[] output) {
        return output;
    }

    /** {@code GET /containers/json?all=1}. */
    record DockerList() implements HostQuery {
        String apiPath() {
            return "/containers/json?all=1";
        }
    }

    /** {@code GET /containers/<name>/json}. */
    record DockerInspect(String container) implements HostQuery {
        String apiPath() {
            return "/containers/" + container + "/json";
        }
    }

    /** A file, verbatim. */
    record ReadFile(String path) implements HostQuery {
        @Override
        public ShellCommand command() {
            return ShellCommand.of("cat", "--", path);
        }

        @Override
        public Verdict judge(int exitStatus, String stderr) {
            return fileVerdict(exitStatus, stderr);
        }
    }

    /** The bounded tail of a log ({@link LogTail}). */
    record TailLog(String path) implements HostQuery {
        @Override
        public ShellCommand command() {
            return ShellCommand.of("tail", "-c", Integer.toString(LogTail.readLength()), "--", path);
        }

        @Override
        public Verdict judge(int exitStatus, String stderr) {
            return fileVerdict(exitStatus, stderr);
        }

        @Override
        public long maxBytes() {
            return LogTail.readLength();
        }

        @Override
        public byte[] finish(byte[] output) {
            return LogTail.trim(output);
        }
    }

    /** The regular files below a directory, one absolute path a line, sorted. */
    record ListFiles(String directory) implements HostQuery {
        @Override
        public ShellCommand command() {
            // -H: a directory given as a symlink (/etc/kolla -> /srv/kolla) is listed, as the checks expect
            return ShellCommand.of("find", "-H", directory, "-type", "f");
        }

        @Override
        public Verdict judge(int exitStatus, String stderr) {
            return fileVerdict(exitStatus, stderr);
        }

        @Override
        public byte[] finish(byte[] output) {
            return sortedLines(output);
        }
    }

    /** One of the commands of {@link HostCommands} ({@code key} names it in messages). */
    record RunCommand(String key, ShellCommand command, Absence absence) implements HostQuery {
        @Override
        public Verdict judge(int exitStatus, String stderr) {
            if (exitStatus == 0) {
                return Verdict.OK;
            }
            return switch (absence) {
                case NEVER -> Verdict.FAILED;
                case EXIT_2 -> exitStatus == 2 ? Verdict.ABSENT : Verdict.FAILED;
                case DEVICE -> stderr.contains("does not contain a recognized partition table")
                        ? Verdict.ABSENT : fileVerdict(exitStatus, stderr);
            };
        }
    }

    /** How a command says "there is no such thing". */
    enum Absence {
        NEVER,
        /** getent: exit 2 when the key is not found. */
        EXIT_2,
        /** sfdisk: no such device, or no partition table on it. */
        DEVICE
    }

    Pattern CONTAINER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    Pattern WORD = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]*");

    /**
     * The query of a request name ({@code docker/containers.json}, {@code files/etc/hosts}, …).
     *
     * @throws IllegalArgumentException for a name that is not a host fact this collector knows
     */
    static HostQuery parse(String name) {
        if (name.equals("docker/containers.json")) {
            return new DockerList();
        }
        if (name.startsWith("docker/inspect/") && name.endsWith(".json")) {
            String container = name.substring("docker/inspect/".length(), name.length() - ".json".length());
            requireMatch(CONTAINER, container, "container name");
            return new DockerInspect(container);
        }
        if (name.startsWith("files/")) {
            return new ReadFile(name.substring("files".length()));
        }
        if (name.startsWith("logs/")) {
            return new TailLog(name.substring("logs".length()));
        }
        if (name.startsWith("listings/") && name.endsWith(".txt") && name.length() > "listings/.txt".length()) {
            return new ListFiles(name.substring("listings".length(), name.length() - ".txt".length()));
        }
        switch (name) {
            case "commands/lsblk.json":
                return new RunCommand("lsblk", split(HostCommands.LSBLK), Absence.NEVER);
            case "commands/ip-addr.json":
                return new RunCommand("ip-addr", split(HostCommands.IP_ADDR), Absence.NEVER);
            case "commands/hostname.txt":
                return new RunCommand("hostname", split(HostCommands.HOSTNAME), Absence.NEVER);
            default:
                break;
        }
        if (name.startsWith("commands/getent-ahostsv4/") && name.endsWith(".txt")) {
            String host = name.substring("commands/getent-ahostsv4/".length(), name.length() - ".txt".length());
            requireMatch(WORD, host, "host name");
            return new RunCommand("getent", ShellCommand.of("getent", "ahostsv4", host), Absence.EXIT_2);
        }
        if (name.startsWith("commands/sfdisk/") && name.endsWith(".json")) {
            String disk = name.substring("commands/sfdisk/".length(), name.length() - ".json".length());
            requireMatch(WORD, disk, "disk name");
            // docs/snapshot.md: sfdisk -J /dev/<disk> (the table on the disk, not the kernel's view)
            return new RunCommand("sfdisk", ShellCommand.of("sfdisk", "-J", "/dev/" + disk), Absence.DEVICE);
        }
        throw new IllegalArgumentException("not a host fact kolla-doctor collects: " + name);
    }

    private static ShellCommand split(String commandLine) {
        return new ShellCommand(List.of(commandLine.split(" ")));
    }

    private static void requireMatch(Pattern pattern, String value, String what) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid " + what + ": '" + value + "'");
        }
    }

    /** cat, tail, find and sfdisk under LC_ALL=C.UTF-8 (GNU wording; quotes around names vary, so they are not matched). */
    static Verdict fileVerdict(int exitStatus, String stderr) {
        if (exitStatus == 0) {
            return Verdict.OK;
        }
        if (stderr.contains("Permission denied")) {
            return Verdict.DENIED;
        }
        if (stderr.contains("No such file or directory") || stderr.contains("Not a directory")) {
            return Verdict.ABSENT;
        }
        return Verdict.FAILED;
    }

    /**
     * Lines sorted byte by byte (as {@code LC_ALL=C sort}), each ending in a newline; blank lines dropped. Bytes are
     * kept as they are: a file name that is not UTF-8 is not altered.
     */
    static byte[] sortedLines(byte[] output) {
        String text = new String(output, java.nio.charset.StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder();
        text.lines().filter(l -> !l.isEmpty()).sorted().forEach(l -> sb.append(l).append('\n'));
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
