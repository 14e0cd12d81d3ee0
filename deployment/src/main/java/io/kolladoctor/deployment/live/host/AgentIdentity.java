package io.kolladoctor.deployment.live.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * One key an ssh-agent holds: its public key blob (RFC 4253 encoding), the blob's key type and the agent's comment.
 * Only public material: the private key never leaves the agent.
 */
final class AgentIdentity {

    private final byte[] blob;
    private final String keyType;
    private final String comment;

    AgentIdentity(byte[] blob, String keyType, String comment) {
        this.blob = blob.clone();
        this.keyType = keyType;
        this.comment = comment;
    }

    byte[] blob() {
        return blob.clone();
    }

    String keyType() {
        return keyType;
    }

    String comment() {
        return comment;
    }

    /**
     * The publickey algorithms to offer for this key, best first; empty for a type kolla-doctor cannot sign with
     * (certificates, security keys, DSA). RSA: rsa-sha2-512 only, the one every OpenSSH since 7.2 takes (sshj 0.40
     * ignores the server's server-sig-algs, and a second try per key would eat into sshd's MaxAuthTries).
     */
    List<String> algorithms() {
        return switch (keyType) {
            case "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> List.of(keyType);
            case "ssh-rsa" -> List.of("rsa-sha2-512");
            default -> List.of();
        };
    }

    /** The agent's sign-request flags for a publickey algorithm (RSA: which SHA-2; 0 otherwise). */
    static int signFlags(String algorithm) {
        return switch (algorithm) {
            case "rsa-sha2-256" -> AgentProtocol.RSA_SHA2_256;
            case "rsa-sha2-512" -> AgentProtocol.RSA_SHA2_512;
            default -> 0;
        };
    }

    /** OpenSSH's fingerprint: {@code SHA256:} and the unpadded base64 of the blob's SHA-256. */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean sameKey(byte[] otherBlob) {
        return Arrays.equals(blob, otherBlob);
    }

    /** {@code ssh-ed25519 SHA256:… (ops@controller)}: for messages and logs (no key material). */
    String describe() {
        String shortComment = comment.length() > 80 ? comment.substring(0, 80) + "…" : comment;
        return keyType + " " + fingerprint() + (shortComment.isBlank() ? "" : " (" + shortComment + ")");
    }

    @Override
    public String toString() {
        return describe();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
