package io.kolladoctor.app;

/** A usage mistake found after parsing (unknown check ID, no deployment given): exit 64 with the message. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
