package io.kolladoctor.checks.support;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.deployment.facts.host.ApacheConfig.Listen;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Listen directives sharing one network namespace (a Kolla host's containers all use the host network; a pod's
 * containers share the pod's): two that claim the same port on overlapping addresses cannot both bind.
 */
public final class PortClaims {

    /** A Listen from {@code source}, bound to {@code addresses} (resolved; empty for a wildcard). */
    public record Claim(String source, Listen listen, Set<String> addresses) {
        boolean overlaps(Claim other) {
            return listen.port() == other.listen.port() && (addresses.isEmpty() || other.addresses.isEmpty()
                    || !Collections.disjoint(addresses, other.addresses));
        }
    }

    /** The Listen lines of some claims, as evidence. */
    public static Evidence[] evidence(List<Claim> claims) {
        return claims.stream().map(c -> Evidence.line(c.source(), c.listen().line(), c.listen().text())).toArray(Evidence[]::new);
    }

    private final List<Claim> claims = new ArrayList<>();

    public void add(String source, Listen listen, Set<String> addresses) {
        claims.add(new Claim(source, listen, Set.copyOf(addresses)));
    }

    /** A resolved Listen; one whose name resolves to nothing binds nothing and claims no port. */
    public void add(String source, ListenBindings.Binding binding) {
        if (!binding.isUnresolved()) {
            add(source, binding.listen(), binding.addresses());
        }
    }

    /** Each port claimed at least twice on overlapping addresses, with every claim on it, by port. */
    public Map<Integer, List<Claim>> conflicts() {
        Map<Integer, List<Claim>> conflicts = new TreeMap<>();
        for (int i = 0; i < claims.size(); i++) {
            for (int j = i + 1; j < claims.size(); j++) {
                if (claims.get(i).overlaps(claims.get(j))) {
                    List<Claim> on = conflicts.computeIfAbsent(claims.get(i).listen().port(), p -> new ArrayList<>());
                    for (Claim c : List.of(claims.get(i), claims.get(j))) {
                        if (!on.contains(c)) {
                            on.add(c);
                        }
                    }
                }
            }
        }
        return conflicts;
    }
}
