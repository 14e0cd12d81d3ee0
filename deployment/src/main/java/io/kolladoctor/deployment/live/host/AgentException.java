package io.kolladoctor.deployment.live.host;

import java.io.IOException;

/** The ssh-agent could not be reached, did not answer in time, refused, or answered something malformed. */
final class AgentException extends IOException {

    AgentException(String message) {
        super(message);
    }

    AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
