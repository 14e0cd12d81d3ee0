package io.kolladoctor.deployment.facts.host;

/** One address of {@code ip -j addr}: interface, family (inet/inet6), address and prefix length. */
public record InterfaceAddress(String ifname, String family, String address, int prefixLength) {
}
