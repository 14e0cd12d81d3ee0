package io.kolladoctor.deployment.live.host;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.live.ScopeFetcher;
import io.kolladoctor.deployment.model.Host;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Answers HOST-scope fact requests from the live hosts with the bytes a snapshot stores (docs/snapshot.md):
 * {@code docker/containers.json}, {@code docker/inspect/<name>.json}, {@code files/<path>}, {@code logs/<path>},
 * {@code listings/<dir>.txt} and the {@code commands/…} outputs of
 * {@link io.kolladoctor.deployment.facts.host.HostCommands}.
 *
 * <p>The host kolla-doctor runs on ({@code ansible_connection=local}, or addressed as this machine) is read directly
 * and its Docker engine over {@code /var/run/docker.sock}; every other host over SSH (sshj), one connection per host
 * reused by all requests, its engine through that connection ({@link DialStdioHttpClient}). Nothing is opened before
 * a request needs it. Every request has a deadline ({@link HostAccessOptions#commandTimeout()}) by which it is
 * answered, whatever the host does; {@link #fetchAll} fans requests out on virtual threads, at most
 * {@link HostAccessOptions#maxParallel()} in flight and {@link HostAccessOptions#maxSessionsPerHost()} per host.
 */
public final class HostFetcher implements ScopeFetcher {

    private final Function<String, Optional<Host>> hosts;
    private final HostAccessOptions options;
    private final SshConnections pool;
    private final Semaphore inFlight;
    private final Map<String, Access> access = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile SshTargets targets;

    /** {@code hosts}: the inventory host (or extra host, e.g. a Magnum node) of a request's target name. */
    public HostFetcher(Function<String, Optional<Host>> hosts, HostAccessOptions options) {
        this.hosts = hosts;
        this.options = options;
        this.pool = new SshConnections(options);
        this.inFlight = new Semaphore(options.maxParallel(), true);
    }

    public static HostFetcher of(Collection<Host> hosts, HostAccessOptions options) {
        Map<String, Host> byName = new LinkedHashMap<>();
        hosts.forEach(h -> byName.putIfAbsent(h.name(), h));
        return new HostFetcher(name -> Optional.ofNullable(byName.get(name)), options);
    }

    @Override
    public Material fetch(FactRequest request) throws FactUnavailableException {
        if (request.scope() != FactRequest.Scope.HOST) {
            throw new FactUnavailableException(request, FactUnavailableException.Kind.NOT_COLLECTED,
                    request.describe() + ": not a host fact");
        }
        HostQuery query;
        try {
            query = HostQuery.parse(request.name());
        } catch (IllegalArgumentException e) {
            throw new FactUnavailableException(request, FactUnavailableException.Kind.NOT_COLLECTED,
                    request.describe() + ": " + e.getMessage());
        }
        requests.incrementAndGet();
        HostReader reader;
        try {
            reader = reader(request.target());
        } catch (HostException e) {
            throw e.toUnavailable(request);
        }
        if (reader.shell() instanceof SshShell) {
            SshConnections.loadLibrary();
        }
        Deadline deadline = Deadline.in(options.commandTimeout());
        try {
            if (!inFlight.tryAcquire(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS)) {
                throw new FactUnavailableException(request, FactUnavailableException.Kind.FAILED, request.describe()
                        + ": not started within " + Deadline.seconds(deadline.budget()) + " (too many requests in flight)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FactUnavailableException(request, FactUnavailableException.Kind.FAILED,
                    request.describe() + ": interrupted");
        }
        try {
            return reader.read(request, query, deadline);
        } catch (HostException e) {
            throw e.toUnavailable(request);
        } finally {
            inFlight.release();
        }
    }

    /** The outcome of one request of {@link #fetchAll}: its material, or why there is none. */
    public record Outcome(Material material, FactUnavailableException failure) {
        public boolean ok() {
            return material != null;
        }
    }

    /**
     * Fetches many requests at once on virtual threads (bounded as {@link #fetch} is), e.g. all a sweep will need;
     * returns when every one has its outcome, in the order given.
     */
    public Map<FactRequest, Outcome> fetchAll(Collection<FactRequest> requested) {
        Map<FactRequest, Outcome> outcomes = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (FactRequest request : new java.util.LinkedHashSet<>(requested)) {
            threads.add(Thread.ofVirtual().name("kd-fetch-" + request.target()).start(() -> {
                try {
                    outcomes.put(request, new Outcome(fetch(request), null));
                } catch (FactUnavailableException e) {
                    outcomes.put(request, new Outcome(null, e));
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Map<FactRequest, Outcome> ordered = new LinkedHashMap<>();
        for (FactRequest request : requested) {
            Outcome o = outcomes.get(request);
            if (o != null) {
                ordered.put(request, o);
            }
        }
        return ordered;
    }

    /** Counts for reports and tests. */
    public record Stats(int requests, int sshConnectionsOpened, int sshChannels) {
    }

    public Stats stats() {
        return new Stats(requests.get(), pool.opened(), pool.commands());
    }

    /** How a host is reached ({@code local}, {@code ssh root@10.0.0.11 via ops@bastion}), or why it cannot be. */
    public String describeAccess(String host) {
        Access a = access(host);
        return a.reader != null ? a.reader.shell().describe() : a.failure.getMessage();
    }

    @Override
    public void close() {
        pool.close();
        access.values().forEach(a -> {
            if (a.reader != null) {
                a.reader.docker().close();
            }
        });
    }

    // ------------------------------------------------------------------------------------------ commands

    /** What a command run by {@link #execute} gave. */
    public record CommandResult(String host, String command, int exitStatus, String stdout, String stderr,
                                String origin) {
    }

    /**
     * Runs a command on a host — for fixes and playbooks, never for gathering facts — through the same connection
     * and under the same rules as the reads: killed on the host at its deadline, {@code sudo -n} when asked and the
     * user is not root. Output beyond 1 MiB is refused.
     */
    public CommandResult execute(String hostName, List<String> argv, boolean sudo, java.time.Duration timeout)
            throws java.io.IOException {
        ShellCommand command = new ShellCommand(argv);
        try {
            HostShell shell = reader(hostName).shell();
            HostShell.Exec exec = shell.run(command, sudo && !shell.isRoot(), 1024 * 1024, Deadline.in(timeout));
            return new CommandResult(hostName, command.display(), exec.exitStatus(),
                    new String(exec.stdout(), java.nio.charset.StandardCharsets.UTF_8), exec.stderr(), shell.describe());
        } catch (HostException e) {
            throw new java.io.IOException(e.getMessage(), e);
        }
    }

    // -------------------------------------------------------------------------------------------- routing

    private record Access(HostReader reader, HostException failure) {
    }

    private HostReader reader(String hostName) throws HostException {
        Access a = access(hostName);
        if (a.failure != null) {
            throw a.failure;
        }
        return a.reader;
    }

    private Access access(String hostName) {
        return access.computeIfAbsent(hostName, name -> {
            try {
                return new Access(open(name), null);
            } catch (HostException e) {
                return new Access(null, e);
            }
        });
    }

    private HostReader open(String name) throws HostException {
        Host host = hosts.apply(name).orElseThrow(() -> new HostException(
                name + ": not a host of the inventory (nor a known extra host)"));
        if (SshTargets.isLocal(host, options)) {
            LocalShell shell = new LocalShell();
            DockerEngine docker = new DockerEngine(name, new DockerEngine.LocalSocket(options.dockerSocket(),
                    options.commandTimeout()), shell.isRoot() ? null : new DockerEngine.DialStdio(shell, true, options.commandTimeout()));
            return new HostReader(name, shell, docker, true);
        }
        SshEndpoint endpoint = targets().endpoint(host);
        SshShell shell = new SshShell(pool, endpoint);
        DockerEngine docker = new DockerEngine(name, new DockerEngine.DialStdio(shell, false, options.commandTimeout()),
                shell.isRoot() ? null : new DockerEngine.DialStdio(shell, true, options.commandTimeout()));
        return new HostReader(name, shell, docker, false);
    }

    private SshTargets targets() {
        SshTargets t = targets;
        if (t == null) {
            synchronized (this) {
                if (targets == null) {
                    targets = new SshTargets(SshConfig.load(options.sshConfigFiles(), options.home()), options);
                }
                t = targets;
            }
        }
        return t;
    }
}
