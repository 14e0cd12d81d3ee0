package io.kolladoctor.checks.support;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.ApacheConfig.Listen;
import io.kolladoctor.deployment.facts.host.HostCommands;
import io.kolladoctor.deployment.facts.kubernetes.KubeService;
import io.kolladoctor.deployment.facts.kubernetes.Pod;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an Apache {@code Listen} binds. Apache resolves a name and binds every address it gets, so a Listen binds
 * its literal, or all of its name's addresses: on a host as {@code getent ahostsv4} answers there; in a pod as the
 * cluster DNS would (a Service name → its ClusterIP, the pod's own name → its IPs, localhost → 127.0.0.1).
 */
public final class ListenBindings {

    /**
     * A Listen and the addresses it binds ({@code addresses} empty for a wildcard, or for a name that resolves to
     * nothing known), the lookup that told ({@code lookup}, may be null), and the Service a name designates (or null).
     */
    public record Binding(Listen listen, Set<String> addresses, Evidence lookup, KubeService service) {
        public boolean isUnresolved() {
            return !listen.isWildcard() && addresses.isEmpty();
        }
    }

    private ListenBindings() {
    }

    /** On a Kolla host; a lookup the snapshot lacks is thrown (the verdict rests on it). */
    public static Binding onHost(Facts facts, String host, Listen listen) throws FactUnavailableException {
        Optional<Binding> simple = literal(listen);
        if (simple.isPresent()) {
            return simple.get();
        }
        List<String> resolved = facts.find(HostCommands.resolve(host, listen.address())).orElse(List.of());
        Evidence lookup = Evidence.of(host + ": " + HostCommands.GETENT.replace("NAME", listen.address()),
                resolved.isEmpty() ? "(no answer: the name does not resolve)" : String.join(" ", resolved));
        return new Binding(listen, normalized(resolved), lookup, null);
    }

    /** In the pods of namespace {@code ns} (those mounting the config): Service names, pod names, literals. */
    public static Binding inPod(Listen listen, String ns, List<KubeService> services, List<Pod> pods) {
        Optional<Binding> simple = literal(listen);
        if (simple.isPresent()) {
            return simple.get();
        }
        Optional<KubeService> service = KubeNames.service(listen.address(), ns, services);
        if (service.isPresent() && !KubeNames.isHeadless(service.get())) {
            return new Binding(listen, normalized(List.of(service.get().clusterIp())), null, service.get());
        }
        Set<String> own = pods.stream().filter(p -> p.name().equals(listen.address())).findFirst()
                .map(p -> normalized(p.podIps())).orElse(Set.of());
        return new Binding(listen, own, null, service.orElse(null));
    }

    private static Optional<Binding> literal(Listen listen) {
        if (listen.isWildcard()) {
            return Optional.of(new Binding(listen, Set.of(), null, null));
        }
        if (IpAddresses.isLiteral(listen.address())) {
            return Optional.of(new Binding(listen, Set.of(IpAddresses.normalize(listen.address())), null, null));
        }
        if (listen.address().equalsIgnoreCase("localhost")) {
            return Optional.of(new Binding(listen, Set.of("127.0.0.1"), null, null));
        }
        return Optional.empty();
    }

    public static Set<String> normalized(List<String> addresses) {
        return addresses.stream().map(IpAddresses::normalize).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
