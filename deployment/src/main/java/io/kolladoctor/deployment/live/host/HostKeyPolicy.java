package io.kolladoctor.deployment.live.host;

/** What to do with a host key that known_hosts does not vouch for. */
public enum HostKeyPolicy {
    /** Refuse unknown and changed keys (the default; OpenSSH's {@code StrictHostKeyChecking yes}). */
    STRICT,
    /** Accept a host known_hosts does not list at all; still refuse a changed key ({@code accept-new}, not saved). */
    ACCEPT_NEW,
    /** Accept any key, changed ones included. Only when the operator asks for it explicitly. */
    ACCEPT_ANY
}
