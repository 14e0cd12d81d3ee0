package io.kolladoctor.fixes.evacuation;

/**
 * How to reach one host's BMC over IPMI 2.0 (RMCP+). The password is a secret: {@link #toString()} masks it and
 * nothing else prints it; it reaches ipmitool through its environment, never its command line.
 */
public record BmcAccess(String host, String address, int port, String user, String password) {

    public static final int IPMI_PORT = 623;

    @Override
    public String toString() {
        return "BmcAccess[" + host + " " + address + ":" + port + " user " + user + " password ********]";
    }

    /** {@code 127.0.1.21} or {@code 127.0.1.21:6230}, for screens. */
    public String where() {
        return port == IPMI_PORT ? address : address + ":" + port;
    }
}
