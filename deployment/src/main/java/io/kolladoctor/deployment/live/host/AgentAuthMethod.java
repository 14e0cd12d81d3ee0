package io.kolladoctor.deployment.live.host;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * sshj's {@code publickey} authentication (RFC 4252 section 7) with a key held by an ssh-agent, as sshj 0.40's own
 * {@code AuthPublickey} does it with a key file: first a query with the public key only; on
 * SSH_MSG_USERAUTH_PK_OK (60) the same request with {@code TRUE} and a signature, which the agent makes over
 * {@code string session id || the request}. A refused key ends this method (sshj then tries the next one).
 */
final class AgentAuthMethod extends AbstractAuthMethod {

    private final SshAgent agent;
    private final AgentIdentity identity;
    private final String algorithm;

    AgentAuthMethod(SshAgent agent, AgentIdentity identity, String algorithm) {
        super("publickey");
        this.agent = agent;
        this.identity = identity;
        this.algorithm = algorithm;
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd != Message.USERAUTH_60) {
            super.handle(cmd, buf);
            return;
        }
        log.debug("Key {} acceptable, asking the agent at {} to sign", identity.fingerprint(), agent.socket());
        SSHPacket request = buildReq(true);
        byte[] signed = new Buffer.PlainBuffer()
                .putString(params.getTransport().getSessionID())
                .putBuffer(request) // from the message number on: what RFC 4252 says is signed
                .getCompactData();
        byte[] signature;
        try {
            signature = agent.sign(identity, signed, algorithm);
        } catch (AgentException e) {
            throw new UserAuthException(e.getMessage(), e);
        }
        params.getTransport().write(request.putString(signature));
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return buildReq(false);
    }

    private SSHPacket buildReq(boolean signed) throws UserAuthException {
        log.debug("Attempting authentication with agent key {} as {}", identity.fingerprint(), algorithm);
        return super.buildReq().putBoolean(signed).putString(algorithm).putString(identity.blob());
    }

    @Override
    public String toString() {
        return "agent key " + identity.describe();
    }
}
