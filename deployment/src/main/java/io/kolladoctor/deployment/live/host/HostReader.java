package io.kolladoctor.deployment.live.host;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.Material;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * Answers {@link HostQuery}s on one host. Commands run through the host's {@link HostShell}; a command refused with
 * "Permission denied" runs once more under {@code sudo -n} (root-only files such as Kolla's configs when the SSH user
 * is not root). On the host kolla-doctor runs on, files and log tails are read directly (regular files only: a FIFO
 * or device goes through {@code cat} under its deadline). Docker queries go to the host's {@link DockerEngine}.
 */
final class HostReader {

    private final String host;
    private final HostShell shell;
    private final DockerEngine docker;
    private final boolean local;

    HostReader(String host, HostShell shell, DockerEngine docker, boolean local) {
        this.host = host;
        this.shell = shell;
        this.docker = docker;
        this.local = local;
    }

    HostShell shell() {
        return shell;
    }

    DockerEngine docker() {
        return docker;
    }

    Material read(FactRequest request, HostQuery query, Deadline deadline) throws HostException {
        return switch (query) {
            case HostQuery.DockerList list -> docker(request, list.apiPath(), deadline);
            case HostQuery.DockerInspect inspect -> docker(request, inspect.apiPath(), deadline);
            case HostQuery.ReadFile file when local -> localFile(request, file, deadline);
            case HostQuery.TailLog tail when local -> localTail(request, tail, deadline);
            default -> command(request, query, deadline);
        };
    }

    private Material docker(FactRequest request, String path, Deadline deadline) throws HostException {
        DockerEngine.Reply reply = docker.get(path, deadline);
        return new Material(request, reply.body(), reply.origin(), Instant.now());
    }

    // ------------------------------------------------------------------------------------------- commands

    Material command(FactRequest request, HostQuery query, Deadline deadline) throws HostException {
        ShellCommand command = query.command();
        HostShell.Exec exec = shell.run(command, false, query.maxBytes(), deadline);
        HostQuery.Verdict verdict = verdict(query, command, exec, false, deadline);
        boolean sudo = false;
        if (verdict == HostQuery.Verdict.DENIED) {
            if (shell.isRoot()) {
                throw new HostException(where() + ": `" + command.display() + "` was denied even as root: "
                        + Streams.firstLine(exec.stderr()));
            }
            HostShell.Exec asRoot = shell.run(command, true, query.maxBytes(), deadline);
            if (sudoRefused(asRoot)) {
                throw new HostException(where() + ": `" + command.display() + "` needs root ("
                        + Streams.firstLine(exec.stderr()) + ") and sudo -n refused: " + Streams.firstLine(asRoot.stderr()));
            }
            exec = asRoot;
            sudo = true;
            verdict = verdict(query, command, exec, true, deadline);
        }
        String shown = (sudo ? "sudo -n " : "") + command.display();
        return switch (verdict) {
            case OK -> new Material(request, query.finish(exec.stdout()), shell.describe() + ": " + shown, Instant.now());
            case ABSENT -> throw HostException.absent(where() + ": " + absentWhat(query) + " ("
                    + orExit(exec) + ")");
            case DENIED -> throw new HostException(where() + ": `" + shown + "`: " + Streams.firstLine(exec.stderr()));
            case FAILED -> throw new HostException(where() + ": `" + shown + "` failed (" + orExit(exec) + ")");
        };
    }

    private HostQuery.Verdict verdict(HostQuery query, ShellCommand command, HostShell.Exec exec, boolean sudo,
                                      Deadline deadline) throws HostException {
        String shown = (sudo ? "sudo -n " : "") + command.display();
        if (exec.exitStatus() == 137 || exec.exitStatus() == 124) {
            throw new HostException(where() + ": `" + shown + "` did not finish within "
                    + Deadline.seconds(deadline.budget()) + " (killed on the host)");
        }
        if (exec.exitStatus() == 127 || exec.exitStatus() == 126) {
            throw new HostException(where() + ": cannot run `" + shown + "` on the host ("
                    + orExit(exec) + ")");
        }
        return query.judge(exec.exitStatus(), exec.stderr());
    }

    private static boolean sudoRefused(HostShell.Exec exec) {
        String first = Streams.firstLine(exec.stderr());
        return (exec.exitStatus() == 1 && first.startsWith("sudo:"))
                || (exec.exitStatus() == 127 && first.contains("sudo"));
    }

    private static String absentWhat(HostQuery query) {
        return switch (query) {
            case HostQuery.ReadFile f -> "no file " + f.path();
            case HostQuery.TailLog t -> "no log " + t.path();
            case HostQuery.ListFiles l -> "no directory " + l.directory();
            case HostQuery.RunCommand c when c.key().equals("getent") -> "`" + c.command().display() + "` finds nothing";
            case HostQuery.RunCommand c -> "nothing for `" + c.command().display() + "`";
            default -> "nothing for " + query;
        };
    }

    private static String orExit(HostShell.Exec exec) {
        String first = Streams.firstLine(exec.stderr());
        return first.isEmpty() ? "exit status " + exec.exitStatus() : first;
    }

    private String where() {
        return host + " (" + shell.describe() + ")";
    }

    // ----------------------------------------------------------------------------------------- local files

    private Material localFile(FactRequest request, HostQuery.ReadFile query, Deadline deadline) throws HostException {
        Path path = Path.of(query.path());
        BasicFileAttributes attributes = attributes(path, query);
        if (attributes == null) {
            return command(request, query, deadline);
        }
        if (attributes.size() > query.maxBytes()) {
            throw new HostException(where() + ": " + path + " is larger than " + query.maxBytes() + " bytes");
        }
        byte[] bytes = Bounded.call(deadline, "read-" + host, () -> {
            try {
                return Files.readAllBytes(path);
            } catch (AccessDeniedException e) {
                return null;
            } catch (IOException e) {
                throw new HostException(where() + ": cannot read " + path + ": " + Bounded.message(e), e);
            }
        }, () -> { }, () -> new HostException(where() + ": reading " + path + " did not finish within "
                + Deadline.seconds(deadline.budget())));
        if (bytes == null) {
            return command(request, query, deadline);
        }
        return new Material(request, bytes, "local: " + path, Instant.now());
    }

    private Material localTail(FactRequest request, HostQuery.TailLog query, Deadline deadline) throws HostException {
        Path path = Path.of(query.path());
        BasicFileAttributes attributes = attributes(path, query);
        if (attributes == null) {
            return command(request, query, deadline);
        }
        byte[] end = Bounded.call(deadline, "tail-" + host, () -> {
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
                long length = file.length();
                int n = (int) Math.min(length, LogTail.readLength());
                byte[] bytes = new byte[n];
                file.seek(length - n);
                file.readFully(bytes);
                return bytes;
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().contains("Permission denied")) {
                    return null;
                }
                throw new HostException(where() + ": cannot read " + path + ": " + Bounded.message(e), e);
            }
        }, () -> { }, () -> new HostException(where() + ": reading " + path + " did not finish within "
                + Deadline.seconds(deadline.budget())));
        if (end == null) {
            return command(request, query, deadline);
        }
        return new Material(request, LogTail.trim(end), "local: tail of " + path, Instant.now());
    }

    /**
     * A regular file's attributes; null when it must be read with a command instead (not readable by this user, or
     * not a regular file: a FIFO would block an open() that no deadline can interrupt).
     */
    private BasicFileAttributes attributes(Path path, HostQuery query) throws HostException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new HostException(where() + ": " + path + " is a directory, not a file");
            }
            if (!attributes.isRegularFile() || !Files.isReadable(path)) {
                return null;
            }
            return attributes;
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw HostException.absent(where() + ": " + absentWhat(query) + " (No such file or directory)");
        } catch (AccessDeniedException e) {
            return null;
        } catch (IOException e) {
            throw new HostException(where() + ": cannot read " + path + ": " + Bounded.message(e), e);
        }
    }
}
