package io.kolladoctor.deployment.facts.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.util.ArrayList;
import java.util.List;

/** A Neutron port ({@code GET /v2.0/ports}) with its fixed IPs. */
public record Port(String id, String name, String networkId, String deviceOwner, String deviceId, List<FixedIp> fixedIps) {

    /** An address of the port on a subnet. */
    public record FixedIp(String subnetId, String ipAddress) {
    }

    static Port from(JsonNode n) {
        List<FixedIp> ips = new ArrayList<>();
        n.path("fixed_ips").forEach(ip -> ips.add(new FixedIp(Json.text(ip, "subnet_id"), Json.text(ip, "ip_address"))));
        return new Port(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "network_id"), Json.text(n, "device_owner"),
                Json.text(n, "device_id"), List.copyOf(ips));
    }

    public boolean onSubnet(String subnetId) {
        return fixedIps.stream().anyMatch(ip -> subnetId.equals(ip.subnetId()));
    }
}
