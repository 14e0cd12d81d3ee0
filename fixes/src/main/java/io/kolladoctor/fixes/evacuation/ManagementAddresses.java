package io.kolladoctor.fixes.evacuation;

import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.model.Host;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each inventory host's management address ({@code ansible_host}), the first thing the preflight probes. */
public final class ManagementAddresses {

    private ManagementAddresses() {
    }

    /** Empty when the deployment could not be read: then only UMHA's storage addresses and the BMC prove a host dead. */
    public static Map<String, List<String>> of(Deployment deployment) {
        Map<String, List<String>> addresses = new LinkedHashMap<>();
        if (deployment != null) {
            for (Host h : deployment.hosts()) {
                if (h.address() != null && !h.address().isBlank()) {
                    addresses.put(h.name(), List.of(h.address()));
                }
            }
        }
        return addresses;
    }
}
