package io.kolladoctor.deployment.live.host;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The ssh-agent wire protocol (draft-miller-ssh-agent), the client's half: encodes requests and parses answers.
 * Every message is {@code uint32 length, byte type, contents}. Parsing is bounded: a length beyond
 * {@link #MAX_MESSAGE} or beyond the bytes at hand, an unexpected type or a truncated field is an
 * {@link AgentException} naming what was wrong, never a large allocation or a read past the end.
 */
final class AgentProtocol {

    /** OpenSSH's own limit for one agent message (AGENT_MAX_LEN). */
    static final int MAX_MESSAGE = 256 * 1024;
    /** More keys than any agent holds (OpenSSH's ssh-agent stops at 2048). */
    static final int MAX_IDENTITIES = 2048;

    static final int FAILURE = 5;
    static final int REQUEST_IDENTITIES = 11;
    static final int IDENTITIES_ANSWER = 12;
    static final int SIGN_REQUEST = 13;
    static final int SIGN_RESPONSE = 14;
    /** Answers that also mean "no": SSH_AGENT_EXTENSION_FAILURE, and ssh.com's SSH_COM_AGENT2_FAILURE. */
    static final int EXTENSION_FAILURE = 28;
    static final int COM_AGENT2_FAILURE = 102;

    static final int RSA_SHA2_256 = 2;
    static final int RSA_SHA2_512 = 4;

    private AgentProtocol() {
    }

    /** The whole SSH2_AGENTC_REQUEST_IDENTITIES message, length prefix included. */
    static byte[] requestIdentities() {
        return frame(new Writer().u8(REQUEST_IDENTITIES));
    }

    /** The whole SSH2_AGENTC_SIGN_REQUEST message: sign {@code data} with the key of {@code keyBlob}. */
    static byte[] signRequest(byte[] keyBlob, byte[] data, int flags) {
        return frame(new Writer().u8(SIGN_REQUEST).string(keyBlob).string(data).u32(flags));
    }

    /** The length announced by a message's first four bytes, checked against {@link #MAX_MESSAGE}. */
    static int messageLength(byte[] header) throws AgentException {
        if (header.length != 4) {
            throw new AgentException("agent answer: " + header.length + " length bytes, expected 4");
        }
        long length = new Reader(header).u32("message length");
        if (length < 1) {
            throw new AgentException("agent answer: empty message");
        }
        if (length > MAX_MESSAGE) {
            throw new AgentException("agent answer: message of " + length + " bytes announced (limit " + MAX_MESSAGE
                    + "); not an ssh-agent?");
        }
        return (int) length;
    }

    /** Parses the body (type byte onwards) of the answer to a REQUEST_IDENTITIES. */
    static List<AgentIdentity> parseIdentities(byte[] body) throws AgentException {
        Reader in = new Reader(body);
        expectType(in, IDENTITIES_ANSWER, "the key list");
        long count = in.u32("key count");
        // each key takes at least two empty strings (8 bytes): a count the body cannot hold is malformed
        if (count > MAX_IDENTITIES || count * 8 > in.remaining()) {
            throw new AgentException("agent answer: " + count + " keys announced in a " + body.length
                    + "-byte answer");
        }
        List<AgentIdentity> identities = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            byte[] blob = in.string("key " + (i + 1) + " blob");
            String comment = printable(AgentIdentity.text(in.string("key " + (i + 1) + " comment")));
            identities.add(new AgentIdentity(blob, keyType(blob, i + 1), comment));
        }
        return identities;
    }

    /**
     * Parses the body of the answer to a SIGN_REQUEST: the signature blob ({@code string algorithm, string sig}),
     * returned whole, as it goes into SSH_MSG_USERAUTH_REQUEST. Its algorithm must be the one asked for (an agent
     * that ignores the RSA flags answers ssh-rsa, which servers refuse).
     */
    static byte[] parseSignResponse(byte[] body, String expectedAlgorithm) throws AgentException {
        Reader in = new Reader(body);
        expectType(in, SIGN_RESPONSE, "a signature");
        byte[] signature = in.string("signature");
        Reader sig = new Reader(signature);
        String algorithm = printable(AgentIdentity.text(sig.string("signature algorithm")));
        byte[] bits = sig.string("signature bits");
        if (sig.remaining() != 0) {
            throw new AgentException("agent answer: " + sig.remaining() + " stray bytes after the signature");
        }
        if (bits.length == 0) {
            throw new AgentException("agent answer: empty " + algorithm + " signature");
        }
        if (!algorithm.equals(expectedAlgorithm)) {
            throw new AgentException("agent signed with " + algorithm + " instead of " + expectedAlgorithm
                    + " (an agent too old for rsa-sha2 signatures?)");
        }
        return signature;
    }

    private static void expectType(Reader in, int expected, String what) throws AgentException {
        int type = in.u8("message type");
        if (type == expected) {
            return;
        }
        if (type == FAILURE || type == EXTENSION_FAILURE || type == COM_AGENT2_FAILURE) {
            throw new AgentException("the agent refused to give " + what + " (SSH_AGENT_FAILURE)");
        }
        throw new AgentException("agent answer: message type " + type + " where " + expected + " (" + what
                + ") was expected");
    }

    /** The type name a public key blob starts with; a blob without one is malformed. */
    private static String keyType(byte[] blob, int index) throws AgentException {
        Reader in = new Reader(blob);
        byte[] type = in.string("key " + index + " type");
        String name = AgentIdentity.text(type);
        if (type.length == 0 || type.length > 64 || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new AgentException("agent answer: key " + index + " has no valid key type name");
        }
        return name;
    }

    /** Control characters of a comment (it is only shown) replaced. */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }

    private static byte[] frame(Writer body) {
        byte[] bytes = body.bytes();
        return new Writer().u32(bytes.length).raw(bytes).bytes();
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer u8(int value) {
            out.write(value);
            return this;
        }

        Writer u32(long value) {
            out.write((int) (value >>> 24));
            out.write((int) (value >>> 16));
            out.write((int) (value >>> 8));
            out.write((int) value);
            return this;
        }

        Writer string(byte[] value) {
            return u32(value.length).raw(value);
        }

        Writer raw(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Bounds-checked reads over one message. */
    private static final class Reader {
        private final byte[] data;
        private int at;

        Reader(byte[] data) {
            this.data = data;
        }

        int remaining() {
            return data.length - at;
        }

        int u8(String field) throws AgentException {
            need(1, field);
            return data[at++] & 0xff;
        }

        long u32(String field) throws AgentException {
            need(4, field);
            long value = ((long) (data[at] & 0xff) << 24) | ((data[at + 1] & 0xff) << 16)
                    | ((data[at + 2] & 0xff) << 8) | (data[at + 3] & 0xff);
            at += 4;
            return value;
        }

        byte[] string(String field) throws AgentException {
            long length = u32(field + " length");
            if (length > remaining()) {
                throw new AgentException("agent answer: " + field + " of " + length + " bytes announced, "
                        + remaining() + " left (truncated or malformed)");
            }
            byte[] value = java.util.Arrays.copyOfRange(data, at, at + (int) length);
            at += (int) length;
            return value;
        }

        private void need(int bytes, String field) throws AgentException {
            if (remaining() < bytes) {
                throw new AgentException("agent answer: truncated at the " + field + " (" + remaining()
                        + " of " + bytes + " bytes)");
            }
        }
    }
}
