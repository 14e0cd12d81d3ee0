package io.kolladoctor.fixes.evacuation;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

/** Whether an address answers on the network at all, from this host (the controller). */
@FunctionalInterface
public interface Probes {

    boolean answers(String address, Duration timeout);

    /**
     * ICMP echo when this process may send it (root, CAP_NET_RAW), else a TCP connection to port 7, where a refusal
     * counts as an answer (a kernel that refuses is alive). Either way a powered-off host answers nothing.
     */
    static Probes network() {
        return (address, timeout) -> {
            try {
                return InetAddress.getByName(address).isReachable((int) timeout.toMillis());
            } catch (IOException e) {
                return false;
            }
        };
    }
}
