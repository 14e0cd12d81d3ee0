package io.kolladoctor.deployment.live.host;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A client of the operator's ssh-agent ({@code SSH_AUTH_SOCK}) over the JDK's own UNIX-domain sockets: lists the
 * agent's keys and has it sign. One connection per request; every request (connect, write, read) must finish within
 * the timeout, and the answer is read with {@link AgentProtocol}'s bounds, so a stuck or confused agent is an
 * {@link AgentException}, never a hang. Only the socket path and public key fingerprints ever appear in messages.
 */
final class SshAgent {

    private final Path socket;
    private final Duration timeout;

    SshAgent(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    Path socket() {
        return socket;
    }

    /** The agent's keys, in its order (the order OpenSSH offers them in). */
    List<AgentIdentity> identities() throws AgentException {
        return AgentProtocol.parseIdentities(call(AgentProtocol.requestIdentities(), "list keys"));
    }

    /** The agent's signature of {@code data} with {@code key} for a publickey {@code algorithm}. */
    byte[] sign(AgentIdentity key, byte[] data, String algorithm) throws AgentException {
        byte[] request = AgentProtocol.signRequest(key.blob(), data, AgentIdentity.signFlags(algorithm));
        if (request.length > AgentProtocol.MAX_MESSAGE) {
            throw new AgentException("ssh-agent " + socket + ": data to sign too large (" + request.length + " bytes)");
        }
        return AgentProtocol.parseSignResponse(call(request, "sign with " + key.fingerprint()), algorithm);
    }

    /** Sends one request and returns the answer's body (type byte onwards). */
    private byte[] call(byte[] request, String what) throws AgentException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, 0);
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                await(selector, key, SelectionKey.OP_CONNECT, deadline, what);
                channel.finishConnect();
            }
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(selector, key, SelectionKey.OP_WRITE, deadline, what);
                }
            }
            ByteBuffer header = ByteBuffer.allocate(4);
            read(channel, selector, key, header, deadline, what);
            ByteBuffer body = ByteBuffer.allocate(AgentProtocol.messageLength(header.array()));
            read(channel, selector, key, body, deadline, what);
            return body.array();
        } catch (AgentException e) {
            throw new AgentException("ssh-agent " + socket + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new AgentException("ssh-agent " + socket + ": cannot " + what + ": " + Bounded.message(e), e);
        }
    }

    private void read(SocketChannel channel, Selector selector, SelectionKey key, ByteBuffer into,
                             long deadline, String what) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into);
            if (n < 0) {
                throw new AgentException("connection closed after " + into.position() + " of " + into.capacity()
                        + " bytes (" + what + ")");
            }
            if (n == 0) {
                await(selector, key, SelectionKey.OP_READ, deadline, what);
            }
        }
    }

    private void await(Selector selector, SelectionKey key, int op, long deadline, String what)
            throws IOException {
        key.interestOps(op);
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0 || selector.select(left) == 0) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AgentException("interrupted (" + what + ")");
            }
            if (deadline - System.nanoTime() <= 0) {
                throw new AgentException("no answer within " + Deadline.seconds(timeout) + " (" + what + ")");
            }
        }
        selector.selectedKeys().clear();
    }
}
