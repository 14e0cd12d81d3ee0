package io.kolladoctor.deployment.live.host;

/** Commands on a remote host over its pooled SSH connection. */
final class SshShell implements HostShell {

    private final SshConnections pool;
    private final SshEndpoint endpoint;

    SshShell(SshConnections pool, SshEndpoint endpoint) {
        this.pool = pool;
        this.endpoint = endpoint;
    }

    SshEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String describe() {
        return "ssh " + endpoint.describe();
    }

    @Override
    public boolean isRoot() {
        return "root".equals(endpoint.user());
    }

    /** Runs a command; on a pooled connection that turns out dead before it started, once more on a new one. */
    @Override
    public Exec run(ShellCommand command, boolean sudo, long maxBytes, Deadline deadline) throws HostException {
        try {
            return pool.get(endpoint, deadline).exec(command, sudo, maxBytes, deadline);
        } catch (HostException e) {
            if (!e.isStale()) {
                throw e;
            }
            return pool.get(endpoint, deadline).exec(command, sudo, maxBytes, deadline);
        }
    }

    @Override
    public Stream open(ShellCommand command, boolean sudo, Deadline deadline, java.time.Duration lifetime)
            throws HostException {
        try {
            return pool.get(endpoint, deadline).open(command, sudo, deadline, lifetime);
        } catch (HostException e) {
            if (!e.isStale()) {
                throw e;
            }
            return pool.get(endpoint, deadline).open(command, sudo, deadline, lifetime);
        }
    }
}
