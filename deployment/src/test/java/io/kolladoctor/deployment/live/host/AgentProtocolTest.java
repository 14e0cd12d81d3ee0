package io.kolladoctor.deployment.live.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The agent protocol's parser with good and bad answers: every truncation, oversized lengths, wrong message types,
 * and seeded random and mutated input (plain seeded generation, as {@code parse.FuzzInputs}: jqwik is not used in
 * this project). A bad answer must be an {@link AgentException}, never another exception, a hang or a huge
 * allocation.
 */
class AgentProtocolTest {

    // real public key blobs' shape: string type, then the type's fields
    private static final byte[] ED25519 = concat(str("ssh-ed25519"), str(new byte[32]));
    private static final byte[] RSA = concat(str("ssh-rsa"), str(new byte[] {1, 0, 1}), str(new byte[257]));
    private static final byte[] ECDSA = concat(str("ecdsa-sha2-nistp384"), str("nistp384"), str(new byte[97]));
    private static final byte[] CERT = concat(str("ssh-ed25519-cert-v01@openssh.com"), str(new byte[32]));

    static byte[] identitiesAnswer(byte[]... blobsAndComments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(12);
        out.writeBytes(u32(blobsAndComments.length / 2));
        for (byte[] field : blobsAndComments) {
            out.writeBytes(str(field));
        }
        return out.toByteArray();
    }

    static byte[] signResponse(String algorithm, byte[] bits) {
        return concat(new byte[] {14}, str(concat(str(algorithm), str(bits))));
    }

    private static final byte[] VALID_IDENTITIES = identitiesAnswer(ED25519, utf8("ops@controller"), RSA, utf8("rsa"),
            ECDSA, utf8(""), CERT, utf8("cert"));
    private static final byte[] VALID_SIGNATURE = signResponse("rsa-sha2-512", new byte[256]);

    @Test
    void parsesTheKeyListInTheAgentsOrder() throws Exception {
        List<AgentIdentity> keys = AgentProtocol.parseIdentities(VALID_IDENTITIES);
        assertThat(keys).extracting(AgentIdentity::keyType).containsExactly("ssh-ed25519", "ssh-rsa",
                "ecdsa-sha2-nistp384", "ssh-ed25519-cert-v01@openssh.com");
        assertThat(keys.get(0).comment()).isEqualTo("ops@controller");
        assertThat(keys.get(0).blob()).isEqualTo(ED25519);
        assertThat(keys.get(0).algorithms()).containsExactly("ssh-ed25519");
        assertThat(keys.get(1).algorithms()).containsExactly("rsa-sha2-512");
        assertThat(keys.get(2).algorithms()).containsExactly("ecdsa-sha2-nistp384");
        assertThat(keys.get(3).algorithms()).isEmpty(); // certificates: not offered
        assertThat(keys.get(0).fingerprint()).startsWith("SHA256:").doesNotEndWith("=").hasSize(7 + 43);
        assertThat(AgentProtocol.parseIdentities(identitiesAnswer())).isEmpty();
    }

    @Test
    void encodesRequestsAsTheDraftSays() {
        assertThat(AgentProtocol.requestIdentities()).containsExactly(0, 0, 0, 1, 11);
        byte[] sign = AgentProtocol.signRequest(new byte[] {7, 7}, new byte[] {9}, AgentIdentity.signFlags("rsa-sha2-256"));
        assertThat(sign).containsExactly(0, 0, 0, 16, 13, 0, 0, 0, 2, 7, 7, 0, 0, 0, 1, 9, 0, 0, 0, 2);
        assertThat(AgentIdentity.signFlags("rsa-sha2-512")).isEqualTo(4);
        assertThat(AgentIdentity.signFlags("ssh-ed25519")).isZero();
    }

    @Test
    void returnsTheSignatureBlobWholeAndChecksItsAlgorithm() throws Exception {
        assertThat(AgentProtocol.parseSignResponse(VALID_SIGNATURE, "rsa-sha2-512"))
                .isEqualTo(Arrays.copyOfRange(VALID_SIGNATURE, 5, VALID_SIGNATURE.length));
        assertThatThrownBy(() -> AgentProtocol.parseSignResponse(signResponse("ssh-rsa", new byte[256]), "rsa-sha2-512"))
                .isInstanceOf(AgentException.class).hasMessageContaining("signed with ssh-rsa instead of rsa-sha2-512");
        assertThatThrownBy(() -> AgentProtocol.parseSignResponse(signResponse("ssh-ed25519", new byte[0]), "ssh-ed25519"))
                .isInstanceOf(AgentException.class).hasMessageContaining("empty");
    }

    @Test
    void failureAndWrongTypesAreClearErrors() {
        assertThatThrownBy(() -> AgentProtocol.parseIdentities(new byte[] {5}))
                .isInstanceOf(AgentException.class).hasMessageContaining("refused").hasMessageContaining("SSH_AGENT_FAILURE");
        assertThatThrownBy(() -> AgentProtocol.parseSignResponse(new byte[] {5}, "ssh-ed25519"))
                .isInstanceOf(AgentException.class).hasMessageContaining("refused to give a signature");
        assertThatThrownBy(() -> AgentProtocol.parseIdentities(VALID_SIGNATURE))
                .isInstanceOf(AgentException.class).hasMessageContaining("message type 14 where 12");
        assertThatThrownBy(() -> AgentProtocol.parseSignResponse(VALID_IDENTITIES, "ssh-ed25519"))
                .isInstanceOf(AgentException.class).hasMessageContaining("message type 12 where 14");
        assertThatThrownBy(() -> AgentProtocol.parseIdentities(new byte[0]))
                .isInstanceOf(AgentException.class).hasMessageContaining("truncated");
    }

    @Test
    void oversizedLengthsAreRefusedBeforeAnyAllocation() throws Exception {
        assertThatThrownBy(() -> AgentProtocol.messageLength(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(AgentException.class).hasMessageContaining("4294967295 bytes announced");
        assertThatThrownBy(() -> AgentProtocol.messageLength(u32(AgentProtocol.MAX_MESSAGE + 1)))
                .isInstanceOf(AgentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> AgentProtocol.messageLength(u32(0))).isInstanceOf(AgentException.class);
        // a key count the body cannot hold
        byte[] manyKeys = concat(new byte[] {12}, u32(0x7fffffff));
        assertThatThrownBy(() -> AgentProtocol.parseIdentities(manyKeys))
                .isInstanceOf(AgentException.class).hasMessageContaining("2147483647 keys announced");
        // a string longer than the message
        byte[] longBlob = concat(new byte[] {12}, u32(1), u32(0xfffffff0), new byte[16]);
        assertThatThrownBy(() -> AgentProtocol.parseIdentities(longBlob))
                .isInstanceOf(AgentException.class).hasMessageContaining("key 1 blob of 4294967280 bytes announced");
        byte[] noType = identitiesAnswer(new byte[0], utf8("x"));
        assertThatThrownBy(() -> AgentProtocol.parseIdentities(noType))
                .isInstanceOf(AgentException.class).hasMessageContaining("key 1");
        assertThat(AgentProtocol.messageLength(u32(AgentProtocol.MAX_MESSAGE))).isEqualTo(AgentProtocol.MAX_MESSAGE);
    }

    @Test
    void everyTruncationIsAnAgentException() {
        for (byte[] valid : List.of(VALID_IDENTITIES, VALID_SIGNATURE)) {
            for (int cut = 0; cut < valid.length; cut++) {
                byte[] part = Arrays.copyOf(valid, cut);
                assertThatThrownBy(() -> parse(part)).as("cut at %d of %d", cut, valid.length)
                        .isInstanceOf(AgentException.class);
            }
        }
    }

    @Test
    void randomAndMutatedAnswersParseOrFailCleanly() throws Exception {
        Random random = new Random(0x5eed_a6e7L);
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] base = switch (i % 3) {
                case 0 -> VALID_IDENTITIES;
                case 1 -> VALID_SIGNATURE;
                default -> randomBytes(random);
            };
            inputs.add(i % 3 == 2 ? base : mutate(base, random));
        }
        int parsed = 0;
        for (byte[] input : inputs) {
            try {
                parse(input);
                parsed++;
            } catch (AgentException e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                fail("input " + Arrays.toString(Arrays.copyOf(input, Math.min(64, input.length))) + " threw " + e, e);
            }
        }
        assertThat(parsed).as("some mutations stay valid (e.g. a changed comment byte)").isPositive();
        // the length header, fuzzed: in range or an AgentException
        for (int i = 0; i < 10_000; i++) {
            byte[] header = new byte[4];
            random.nextBytes(header);
            try {
                assertThat(AgentProtocol.messageLength(header)).isBetween(1, AgentProtocol.MAX_MESSAGE);
            } catch (AgentException expected) {
                // fine
            }
        }
    }

    /** Either parser, by the message's type byte (each also checks the other's types). */
    private static void parse(byte[] body) throws AgentException {
        if (body.length > 0 && body[0] == 14) {
            AgentProtocol.parseSignResponse(body, "rsa-sha2-512");
        } else {
            AgentProtocol.parseIdentities(body);
        }
    }

    private static byte[] mutate(byte[] sample, Random random) {
        byte[] bytes = sample.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = (byte) (random.nextBoolean() ? 0xff : 0); // length bytes to extremes
                case 2 -> bytes = Arrays.copyOf(bytes, at); // truncated
                default -> bytes = concat(bytes, randomBytes(random)); // trailing junk
            }
            if (bytes.length == 0) {
                break;
            }
        }
        return bytes;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = (byte) (random.nextBoolean() ? 12 : 14);
        }
        return bytes;
    }

    static byte[] u32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    static byte[] str(byte[] value) {
        return concat(u32(value.length), value);
    }

    static byte[] str(String value) {
        return str(utf8(value));
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
