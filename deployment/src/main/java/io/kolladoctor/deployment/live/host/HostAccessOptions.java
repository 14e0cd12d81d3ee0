package io.kolladoctor.deployment.live.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link HostFetcher} reaches hosts. The defaults follow what an operator already has: {@code ~/.ssh/config}
 * then {@code /etc/ssh/ssh_config}, {@code ~/.ssh/known_hosts} (+ {@code known_hosts2} and
 * {@code /etc/ssh/ssh_known_hosts}), keys {@code ~/.ssh/id_*}; everything here only adds to or overrides that.
 *
 * @param home                the user's home (for {@code ~} and {@code ~/.ssh})
 * @param localUser           the local user name (ssh's default remote user, {@code %u})
 * @param sshConfigFiles      ssh client configuration files, read in order (missing ones are skipped)
 * @param knownHostsFiles     extra known_hosts files consulted for every host, before the ssh config's ones
 * @param hostKeyPolicy       what to do with unknown or changed host keys; null: as the ssh config's
 *                            {@code StrictHostKeyChecking} says ({@code accept-new}/{@code no} accept unknown keys,
 *                            never changed ones), else {@link HostKeyPolicy#STRICT}
 * @param identityFiles       private keys tried first for every host (before the inventory's and the config's)
 * @param connectTimeout      TCP connect + SSH handshake + authentication, per host
 * @param commandTimeout      one request (a command, a file, a Docker call), from the moment it is asked
 * @param failureMemo         how long a host that failed to connect or stopped answering is not retried
 * @param maxParallel         requests in flight at once, all hosts together
 * @param maxSessionsPerHost  commands at once on one SSH connection (sshd's MaxSessions defaults to 10)
 * @param dockerSocket        the local Docker engine's socket
 * @param localHosts          inventory names to read locally even though their address is not this machine's
 * @param agentSocket         the ssh-agent's socket ({@code SSH_AUTH_SOCK}), whose keys are tried before the key
 *                            files; null: no agent
 */
public record HostAccessOptions(Path home, String localUser, List<Path> sshConfigFiles, List<Path> knownHostsFiles,
                                HostKeyPolicy hostKeyPolicy, List<Path> identityFiles, Duration connectTimeout,
                                Duration commandTimeout, Duration failureMemo, int maxParallel,
                                int maxSessionsPerHost, Path dockerSocket, Set<String> localHosts,
                                Path agentSocket) {

    public HostAccessOptions {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(localUser, "localUser");
        sshConfigFiles = List.copyOf(sshConfigFiles);
        knownHostsFiles = List.copyOf(knownHostsFiles);
        identityFiles = List.copyOf(identityFiles);
        localHosts = Set.copyOf(localHosts);
        if (connectTimeout.isNegative() || connectTimeout.isZero() || commandTimeout.isNegative()
                || commandTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxParallel < 1 || maxSessionsPerHost < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }

    /** The operator's own SSH setup, 10 s to connect, 20 s a request. */
    public static HostAccessOptions defaults() {
        Path home = Path.of(System.getProperty("user.home", "/root"));
        return new HostAccessOptions(home, System.getProperty("user.name", "root"),
                List.of(home.resolve(".ssh/config"), Path.of("/etc/ssh/ssh_config")), List.of(), null, List.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), 32, 8,
                Path.of("/var/run/docker.sock"), Set.of(), agentFromEnvironment());
    }

    /** {@code SSH_AUTH_SOCK} as ssh reads it; null when unset or empty. */
    static Path agentFromEnvironment() {
        String socket = System.getenv("SSH_AUTH_SOCK");
        return socket == null || socket.isBlank() ? null : Path.of(socket);
    }

    /** The user's known_hosts files and the system's, after {@link #knownHostsFiles}. */
    List<Path> defaultKnownHosts() {
        return List.of(home.resolve(".ssh/known_hosts"), home.resolve(".ssh/known_hosts2"),
                Path.of("/etc/ssh/ssh_known_hosts"));
    }

    /** ssh's default identities, tried when nothing names one. */
    List<Path> defaultIdentities() {
        return List.of("id_rsa", "id_ecdsa", "id_ed25519", "id_dsa").stream().map(n -> home.resolve(".ssh").resolve(n))
                .toList();
    }

    public HostAccessOptions withHome(Path newHome) {
        return new HostAccessOptions(newHome, localUser,
                List.of(newHome.resolve(".ssh/config"), Path.of("/etc/ssh/ssh_config")), knownHostsFiles,
                hostKeyPolicy, identityFiles, connectTimeout, commandTimeout, failureMemo, maxParallel,
                maxSessionsPerHost, dockerSocket, localHosts, agentSocket);
    }

    public HostAccessOptions withSshConfigFiles(List<Path> files) {
        return new HostAccessOptions(home, localUser, files, knownHostsFiles, hostKeyPolicy, identityFiles,
                connectTimeout, commandTimeout, failureMemo, maxParallel, maxSessionsPerHost, dockerSocket, localHosts, agentSocket);
    }

    public HostAccessOptions withKnownHostsFiles(List<Path> files) {
        return new HostAccessOptions(home, localUser, sshConfigFiles, files, hostKeyPolicy, identityFiles,
                connectTimeout, commandTimeout, failureMemo, maxParallel, maxSessionsPerHost, dockerSocket, localHosts, agentSocket);
    }

    public HostAccessOptions withHostKeyPolicy(HostKeyPolicy policy) {
        return new HostAccessOptions(home, localUser, sshConfigFiles, knownHostsFiles, policy, identityFiles,
                connectTimeout, commandTimeout, failureMemo, maxParallel, maxSessionsPerHost, dockerSocket, localHosts, agentSocket);
    }

    public HostAccessOptions withIdentityFiles(List<Path> files) {
        return new HostAccessOptions(home, localUser, sshConfigFiles, knownHostsFiles, hostKeyPolicy, files,
                connectTimeout, commandTimeout, failureMemo, maxParallel, maxSessionsPerHost, dockerSocket, localHosts, agentSocket);
    }

    public HostAccessOptions withTimeouts(Duration connect, Duration command) {
        return new HostAccessOptions(home, localUser, sshConfigFiles, knownHostsFiles, hostKeyPolicy, identityFiles,
                connect, command, failureMemo, maxParallel, maxSessionsPerHost, dockerSocket, localHosts, agentSocket);
    }

    public HostAccessOptions withFailureMemo(Duration memo) {
        return new HostAccessOptions(home, localUser, sshConfigFiles, knownHostsFiles, hostKeyPolicy, identityFiles,
                connectTimeout, commandTimeout, memo, maxParallel, maxSessionsPerHost, dockerSocket, localHosts, agentSocket);
    }

    public HostAccessOptions withParallelism(int requests, int sessionsPerHost) {
        return new HostAccessOptions(home, localUser, sshConfigFiles, knownHostsFiles, hostKeyPolicy, identityFiles,
                connectTimeout, commandTimeout, failureMemo, requests, sessionsPerHost, dockerSocket, localHosts, agentSocket);
    }

    public HostAccessOptions withDockerSocket(Path socket) {
        return new HostAccessOptions(home, localUser, sshConfigFiles, knownHostsFiles, hostKeyPolicy, identityFiles,
                connectTimeout, commandTimeout, failureMemo, maxParallel, maxSessionsPerHost, socket, localHosts, agentSocket);
    }

    public HostAccessOptions withLocalHosts(Set<String> names) {
        return new HostAccessOptions(home, localUser, sshConfigFiles, knownHostsFiles, hostKeyPolicy, identityFiles,
                connectTimeout, commandTimeout, failureMemo, maxParallel, maxSessionsPerHost, dockerSocket, names, agentSocket);
    }

    /** The ssh-agent to use ({@code null}: none, only key files). */
    public HostAccessOptions withAgentSocket(Path socket) {
        return new HostAccessOptions(home, localUser, sshConfigFiles, knownHostsFiles, hostKeyPolicy, identityFiles,
                connectTimeout, commandTimeout, failureMemo, maxParallel, maxSessionsPerHost, dockerSocket, localHosts,
                socket);
    }
}
