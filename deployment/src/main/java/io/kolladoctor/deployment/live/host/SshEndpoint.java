package io.kolladoctor.deployment.live.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where and how to open one SSH connection: address, port, user, the keys to try, the jump host to go through
 * (null: direct), the known_hosts files and policy for its host key, and the connect deadline. {@code alias} is the
 * name the operator knows the host by (inventory name or ProxyJump spec), for messages.
 */
record SshEndpoint(String alias, String address, int port, String user, List<Path> identities, SshEndpoint jump,
                   List<Path> knownHosts, HostKeyPolicy policy, Duration connectTimeout) {

    SshEndpoint {
        identities = List.copyOf(identities);
        knownHosts = List.copyOf(knownHosts);
    }

    /** {@code root@172.29.0.11}, {@code kolla@10.0.0.5:2222 via ops@bastion}. */
    String describe() {
        return user + "@" + (address.contains(":") ? "[" + address + "]" : address) + (port == 22 ? "" : ":" + port)
                + (jump == null ? "" : " via " + jump.describe());
    }
}
