package io.kolladoctor.deployment.parse;

/** Source material that cannot be parsed; the message says where and why, for an operator. */
public class MalformedException extends Exception {
    public MalformedException(String message) {
        super(message);
    }
}
