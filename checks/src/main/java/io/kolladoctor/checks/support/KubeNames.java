package io.kolladoctor.checks.support;

import io.kolladoctor.deployment.facts.kubernetes.KubeService;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a name resolves inside a pod, as far as the namespace's own lists tell: a Service name in any of its
 * DNS spellings ({@code aodh-api}, {@code aodh-api.kolla}, {@code aodh-api.kolla.svc},
 * {@code aodh-api.kolla.svc.cluster.local}) resolves to the Service's ClusterIP — a virtual address that
 * kube-proxy answers for and that no pod interface holds.
 */
public final class KubeNames {

    private KubeNames() {
    }

    /** The Service of {@code namespace} a name designates, if it designates one of them. */
    public static Optional<KubeService> service(String name, String namespace, List<KubeService> services) {
        String n = name.toLowerCase(Locale.ROOT);
        n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
        String[] parts = n.split("\\.");
        if (parts.length >= 2 && !parts[1].equals(namespace) || parts.length >= 3 && !parts[2].equals("svc")) {
            return Optional.empty();
        }
        return services.stream()
                .filter(s -> parts[0].equals(s.name()) && (s.namespace() == null || s.namespace().equals(namespace)))
                .findFirst();
    }

    /** A headless Service ({@code clusterIP: None}) resolves to its ready pods' own addresses instead. */
    public static boolean isHeadless(KubeService service) {
        return service.clusterIp() == null || service.clusterIp().isBlank() || service.clusterIp().equals("None");
    }
}
