package io.kolladoctor.deployment.live.openstack;

/** OpenStack credentials cannot be found or read; the message says where kolla-doctor looked and what is wrong. */
public class CredentialsException extends Exception {

    public CredentialsException(String message) {
        super(message);
    }

    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
