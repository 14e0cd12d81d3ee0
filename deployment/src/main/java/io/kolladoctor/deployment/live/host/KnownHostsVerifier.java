package io.kolladoctor.deployment.live.host;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Verifies a host key against every known_hosts file that applies (the user's, the configured ones, the system's),
 * with sshj's {@link OpenSSHKnownHosts} (hashed names, wildcards, {@code [host]:port}, {@code @cert-authority}). A key
 * matched by any file is accepted; otherwise the key is unknown or changed, refused unless the policy allows it, and
 * {@link #refusal()} says which in words an operator can act on. One instance per connection attempt.
 */
final class KnownHostsVerifier implements HostKeyVerifier {

    private final List<Path> files;
    private final HostKeyPolicy policy;
    private final String who;
    private volatile String refusal;
    private volatile String accepted;

    KnownHostsVerifier(List<Path> files, HostKeyPolicy policy, String who) {
        this.files = List.copyOf(files);
        this.policy = policy;
        this.who = who;
    }

    /** Why the key was refused; null when it was not. */
    String refusal() {
        return refusal;
    }

    /** A note when a key was accepted only because the policy allows it; null otherwise. */
    String acceptedByPolicy() {
        return accepted;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        boolean changed = false;
        List<Path> read = new ArrayList<>();
        for (Path file : files) {
            Recording kh = load(file);
            if (kh == null) {
                continue;
            }
            read.add(file);
            if (kh.verify(hostname, port, key)) {
                return true;
            }
            changed |= kh.changed;
        }
        String type = KeyType.fromKey(key).toString();
        String name = port == 22 ? hostname : "[" + hostname + "]:" + port;
        String where = read.isEmpty() ? "no known_hosts file (looked for " + list(files) + ")" : list(read);
        if (changed) {
            refusal = "host key of " + who + " has CHANGED: " + name + " offers " + type + " " + fingerprint(key)
                    + " but " + where + " holds a different key for it. Either the host was reinstalled or someone"
                    + " is intercepting the connection; check the fingerprint on the host (ssh-keygen -lf"
                    + " /etc/ssh/ssh_host_*_key.pub), then remove the old entry (ssh-keygen -R " + name + ")";
            if (policy == HostKeyPolicy.ACCEPT_ANY) {
                accepted = "changed host key of " + who + " accepted (" + type + " " + fingerprint(key) + ")";
                return true;
            }
            return false;
        }
        refusal = "host key of " + who + " is unknown: " + name + " offers " + type + " " + fingerprint(key)
                + ", which is not in " + where + ". Refusing to connect to an unverified host; check the fingerprint"
                + " and add it (ssh-keyscan -t " + type + (port == 22 ? "" : " -p " + port) + " " + hostname
                + " >> ~/.ssh/known_hosts), or allow unknown hosts explicitly";
        if (policy != HostKeyPolicy.STRICT) {
            accepted = "unknown host key of " + who + " accepted (" + type + " " + fingerprint(key) + ")";
            return true;
        }
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        Set<String> algorithms = new LinkedHashSet<>();
        for (Path file : files) {
            Recording kh = load(file);
            if (kh != null) {
                algorithms.addAll(kh.findExistingAlgorithms(hostname, port));
            }
        }
        return List.copyOf(algorithms);
    }

    /** OpenSSH's fingerprint form: {@code SHA256:} and the unpadded base64 of the key blob's digest. */
    static String fingerprint(PublicKey key) {
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            return "(fingerprint unavailable)";
        }
    }

    private static String list(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    private static Recording load(Path file) {
        try {
            return Files.isRegularFile(file) ? new Recording(file.toFile()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Remembers whether the last verification found an entry for the host with another key. */
    private static final class Recording extends OpenSSHKnownHosts {
        boolean changed;

        Recording(File file) throws IOException {
            super(file);
        }

        @Override
        protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
            changed = true;
            return false;
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
            return false;
        }
    }
}
