package io.kolladoctor.deployment.live.host;

import static io.kolladoctor.deployment.live.host.AgentProtocolTest.concat;
import static io.kolladoctor.deployment.live.host.AgentProtocolTest.str;
import static io.kolladoctor.deployment.live.host.AgentProtocolTest.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SshAgent} against fake agents on UNIX-domain sockets: a good one (what is sent, what comes back), and
 * agents that never answer, answer half, announce a huge message, or are not there. Each bad agent must end in an
 * {@link AgentException} within the timeout.
 */
class SshAgentTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final List<byte[]> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    /** A fake agent: reads one request, answers {@code answer.apply(request)} (raw bytes, null: never answers). */
    private Path agent(Function<byte[], byte[]> answer) throws IOException {
        Path socket = dir.resolve("agent-" + cleanup.size() + ".sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        cleanup.add(server);
        Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try (SocketChannel client = server.accept()) {
                    ByteBuffer header = ByteBuffer.allocate(4);
                    while (header.hasRemaining() && client.read(header) >= 0) { }
                    ByteBuffer body = ByteBuffer.allocate(header.flip().getInt());
                    while (body.hasRemaining() && client.read(body) >= 0) { }
                    received.add(body.array());
                    byte[] reply = answer.apply(body.array());
                    if (reply == null) {
                        Thread.sleep(10_000);
                    } else {
                        client.write(ByteBuffer.wrap(reply));
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        return socket;
    }

    private static byte[] framed(byte[] body) {
        return concat(u32(body.length), body);
    }

    private static SshAgent client(Path socket) {
        return new SshAgent(socket, Duration.ofSeconds(1));
    }

    @Test
    void listsKeysAndSignsWithTheRsaFlag() throws Exception {
        byte[] blob = concat(str("ssh-rsa"), str(new byte[] {1, 0, 1}), str(new byte[257]));
        Path socket = agent(request -> request[0] == 11
                ? framed(AgentProtocolTest.identitiesAnswer(blob, AgentProtocolTest.utf8("me@here")))
                : framed(AgentProtocolTest.signResponse("rsa-sha2-512", new byte[256])));
        SshAgent agent = client(socket);
        List<AgentIdentity> keys = agent.identities();
        assertThat(keys).singleElement().satisfies(k -> assertThat(k.describe()).startsWith("ssh-rsa SHA256:")
                .endsWith("(me@here)"));
        byte[] signature = agent.sign(keys.get(0), new byte[] {42, 43}, "rsa-sha2-512");
        assertThat(signature).isEqualTo(concat(str("rsa-sha2-512"), str(new byte[256])));
        assertThat(received.get(0)).containsExactly(11);
        assertThat(received.get(1)).isEqualTo(concat(new byte[] {13}, str(blob), str(new byte[] {42, 43}), u32(4)));
    }

    @Test
    void anAgentThatNeverAnswersTimesOut() throws Exception {
        Path socket = agent(request -> null);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> client(socket).identities()).isInstanceOf(AgentException.class)
                .hasMessageContaining("ssh-agent " + socket).hasMessageContaining("no answer within 1 s");
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(900L, 3000L);
    }

    @Test
    void anAnswerCutShortIsAnError() throws Exception {
        byte[] full = framed(AgentProtocolTest.identitiesAnswer(concat(str("ssh-ed25519"), str(new byte[32])),
                AgentProtocolTest.utf8("x")));
        Path socket = agent(request -> java.util.Arrays.copyOf(full, full.length - 5)); // then the agent hangs up
        assertThatThrownBy(() -> client(socket).identities()).isInstanceOf(AgentException.class)
                .hasMessageContaining("connection closed after");
    }

    @Test
    void aHugeAnnouncedLengthIsRefusedAtOnce() throws Exception {
        Path socket = agent(request -> new byte[] {(byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 12});
        assertThatThrownBy(() -> client(socket).identities()).isInstanceOf(AgentException.class)
                .hasMessageContaining("2147483647 bytes announced");
    }

    @Test
    void aRefusalIsAnError() throws Exception {
        Path socket = agent(request -> framed(new byte[] {5}));
        assertThatThrownBy(() -> client(socket).identities()).isInstanceOf(AgentException.class)
                .hasMessageContaining("refused to give the key list");
    }

    @Test
    void aMissingSocketIsAnError() {
        Path socket = dir.resolve("gone.sock");
        assertThatThrownBy(() -> client(socket).identities()).isInstanceOf(AgentException.class)
                .hasMessageContaining("ssh-agent " + socket + ": cannot list keys");
    }
}
