package io.kolladoctor.checks.catalog;

import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.CheckInfo;
import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Subject;
import io.kolladoctor.checks.support.ApacheConfigFiles;
import io.kolladoctor.checks.support.ContainerEvidence;
import io.kolladoctor.checks.support.IpAddresses;
import io.kolladoctor.checks.support.KollaServices;
import io.kolladoctor.checks.support.KubeEvidence;
import io.kolladoctor.checks.support.KubeNames;
import io.kolladoctor.checks.support.ListenBindings;
import io.kolladoctor.checks.support.ListenBindings.Binding;
import io.kolladoctor.checks.support.OptionalFacts;
import io.kolladoctor.checks.support.PortClaims;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.ApacheConfig;
import io.kolladoctor.deployment.facts.host.ApacheConfig.Listen;
import io.kolladoctor.deployment.facts.host.ConfigFile;
import io.kolladoctor.deployment.facts.host.HostCommands;
import io.kolladoctor.deployment.facts.host.HostFiles;
import io.kolladoctor.deployment.facts.host.InterfaceAddress;
import io.kolladoctor.deployment.facts.kubernetes.ConfigMap;
import io.kolladoctor.deployment.facts.kubernetes.ContainerStatus;
import io.kolladoctor.deployment.facts.kubernetes.KubeService;
import io.kolladoctor.deployment.facts.kubernetes.KubernetesApi;
import io.kolladoctor.deployment.facts.kubernetes.Pod;
import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.model.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A3 {@code wsgi.listen-address} — Apache {@code Listen} on an address the host (or pod) does not have. Seeds 000
 * (FAQ 4: {@code Listen aodh-api:8042} on Kolla-Kubernetes binds the Service's ClusterIP), 004 (a gnocchi vhost).
 * Apache binds every address a Listen names or resolves to and gives up on one its network namespace lacks.
 * <p>Sources: on every Kolla host the Apache configs {@link ApacheConfigFiles} finds (the /etc/kolla listing, else
 * Kolla-Ansible's own list); in every Kubernetes namespace each ConfigMap key named like a wsgi config, judged
 * against the pods mounting that ConfigMap. Also FAIL on a Listen line Apache refuses; WARN when a name's
 * resolution cannot be told.
 */
public final class WsgiListenAddress implements Check {

    static final CheckInfo INFO = new CheckInfo(
            "wsgi.listen-address",
            "Apache Listen on an address the host or pod does not have",
            "An API container or pod crash-loops; its log says 'AH00072: make_sock: could not bind to address "
                    + "20.0.24.58:8042' / '(99)Cannot assign requested address', then 'no listening sockets available'.",
            "FAIL when a Listen address of a wsgi config (or the address its name resolves to: getent on a Kolla host; "
                    + "a Kubernetes Service name resolves to a ClusterIP no pod interface holds) is neither a wildcard "
                    + "(0.0.0.0, [::], a bare port) nor an address of that host / pod; WARN on two vhosts claiming one "
                    + "port in one network namespace.",
            "Listen on api_interface_address (Kolla: fix the override in /etc/kolla/config/, then "
                    + "'kolla-ansible reconfigure -t <service>') or on 0.0.0.0 (Kubernetes: patch the ConfigMap, e.g. "
                    + "'Listen 0.0.0.0:8042', then delete the pod so its Deployment recreates it). Two vhosts on one "
                    + "port: give one its own port.",
            "The container/pod stays up and Apache binds (ss -ltn shows the port); the port answers.",
            List.of("000", "004"),
            List.of("listings/etc/kolla.txt or the files of Kolla's Apache services on every Kolla host",
                    "commands/ip-addr.json (ip -j addr) and getent-ahostsv4/<name>.txt on those hosts",
                    "configmaps.json, services.json and pods.json of the deployment's Kubernetes namespaces"),
            null);

    private static final String AH00072 = " (AH00072 make_sock: could not bind to address: Cannot assign requested address)";
    private static final String AH00077 = " (AH00077 alloc_listener: failed to set up sockaddr; Listen setup failed)";
    private static final String WONT_START = ": Apache will not start";

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public List<FactRequest> prefetch(Deployment deployment) {
        List<FactRequest> requests = new ArrayList<>();
        for (Host host : KollaServices.kollaHosts(deployment)) {
            requests.add(HostFiles.listing(host.name(), ApacheConfigFiles.KOLLA_DIR).request());
            requests.add(HostCommands.addresses(host.name()).request());
        }
        deployment.topology().kubernetes().forEach((context, namespaces) -> namespaces.forEach(ns -> requests.addAll(List.of(
                KubernetesApi.configMaps(context, ns).request(), KubernetesApi.services(context, ns).request(),
                KubernetesApi.pods(context, ns).request()))));
        return requests;
    }

    @Override
    public List<Finding> run(Facts facts) throws FactUnavailableException {
        Deployment deployment = Deployments.of(facts);
        List<Finding> findings = new ArrayList<>();
        for (Host host : KollaServices.kollaHosts(deployment)) {
            checkHost(facts, host.name(), findings);
        }
        new TreeMap<>(deployment.topology().kubernetes()).forEach((context, namespaces) ->
                namespaces.forEach(ns -> checkNamespace(facts, context, ns, findings)));
        if (findings.isEmpty()) {
            findings.add(INFO.skip(Subject.of("deployment", deployment.name()), "no Apache (wsgi) configuration on any "
                    + "Kolla host nor in any Kolla-Kubernetes ConfigMap"));
        }
        return findings;
    }

    private static void checkHost(Facts facts, String host, List<Finding> findings) {
        int before = findings.size();
        List<ConfigFile> configs;
        List<InterfaceAddress> addresses = List.of();
        try {
            configs = ApacheConfigFiles.onHost(facts, host);
            if (!configs.stream().allMatch(c -> c.apache().listens().stream().allMatch(Listen::isWildcard))) {
                addresses = facts.get(HostCommands.addresses(host));
            }
        } catch (FactUnavailableException e) {
            findings.add(INFO.error(Subject.of("host", host), e.getMessage()));
            return;
        }
        Set<String> own = ListenBindings.normalized(addresses.stream().map(InterfaceAddress::address).toList());
        Evidence ipAddr = Evidence.of(host + ": " + HostCommands.IP_ADDR, addresses.stream()
                .map(a -> a.ifname() + " " + a.address() + "/" + a.prefixLength()).collect(Collectors.joining(", ")));
        PortClaims claims = new PortClaims();
        int listens = 0;
        for (ConfigFile config : configs) {
            Subject subject = Subject.onHost("file", host, config.path());
            List<Evidence> evidence = new ArrayList<>(ApacheConfigFiles.refusedListens(config.where(), config.text()));
            List<String> why = new ArrayList<>(evidence.stream().map(e -> e.location() + " is a Listen Apache refuses (syntax)").toList());
            try {
                for (Listen listen : config.apache().listens()) {
                    listens++;
                    Binding b = ListenBindings.onHost(facts, host, listen);
                    claims.add(config.where(), b);
                    List<String> missing = b.addresses().stream().filter(a -> !own.contains(a)).toList();
                    if (b.isUnresolved() || !missing.isEmpty()) {
                        why.add("Listen " + listen.endpoint() + ": " + (b.isUnresolved() ? listen.address()
                                + " does not resolve on " + host + AH00077 : String.join(", ", missing) + " is not an address of "
                                + host + AH00072));
                        evidence.add(Evidence.line(config.where(), listen.line(), listen.text()));
                        Optional.ofNullable(b.lookup()).ifPresent(evidence::add);
                    }
                }
            } catch (FactUnavailableException e) {
                findings.add(INFO.error(subject, e.getMessage()));
                continue;
            }
            if (!why.isEmpty()) {
                evidence.add(ipAddr);
                ApacheConfigFiles.kollaContainer(config.path()).flatMap(c -> ContainerEvidence.state(facts, host, c)).ifPresent(evidence::add);
                findings.add(INFO.fail(subject, String.join("; ", why) + WONT_START, evidence));
            }
        }
        warnConflicts(claims, Subject.onHost("host", host, host), "on " + host + " (all Kolla containers share the host "
                + "network)", findings);
        if (findings.size() == before && !configs.isEmpty()) {
            findings.add(INFO.ok(Subject.of("host", host), configs.size() + " Apache config(s), " + listens
                    + " Listen directive(s), each a wildcard or an address of " + host));
        }
    }

    private static void warnConflicts(PortClaims claims, Subject subject, String where, List<Finding> findings) {
        claims.conflicts().forEach((port, on) -> findings.add(INFO.warn(subject, "port " + port + " is claimed by "
                + on.size() + " Listen directives " + where + ": only the first Apache to start can bind it",
                PortClaims.evidence(on))));
    }

    private static void checkNamespace(Facts facts, String context, String ns, List<Finding> findings) {
        List<ConfigMap> maps;
        List<KubeService> services;
        List<Pod> pods;
        try {
            maps = OptionalFacts.collected(facts, KubernetesApi.configMaps(context, ns)).orElse(List.of()).stream()
                    .filter(m -> m.data().keySet().stream().anyMatch(ApacheConfigFiles::isWsgiConfigName)).toList();
            if (maps.isEmpty()) {
                return;
            }
            services = facts.find(KubernetesApi.services(context, ns)).orElse(List.of());
            pods = facts.find(KubernetesApi.pods(context, ns)).orElse(List.of());
        } catch (FactUnavailableException e) {
            findings.add(INFO.error(Subject.of("namespace", context + ":" + ns), e.getMessage()));
            return;
        }
        List<ContainerStatus> statuses = OptionalFacts.bestEffort(facts, KubernetesApi.containerStatuses(context, ns)).orElse(List.of());
        for (ConfigMap map : maps) {
            List<Pod> mounting = pods.stream().filter(p -> p.configMaps().contains(map.name()) && !p.podIps().isEmpty()).toList();
            PortClaims claims = new PortClaims();
            new TreeMap<>(map.data()).forEach((key, text) -> {
                if (ApacheConfigFiles.isWsgiConfigName(key)) {
                    findings.add(judgeKey(context, ns, map, key, text, services, mounting, statuses, claims));
                }
            });
            warnConflicts(claims, Subject.of("configmap", context + ":" + ns + "/" + map.name()), "in the configs of one pod",
                    findings);
        }
    }

    private static Finding judgeKey(String context, String ns, ConfigMap map, String key, String text,
                                    List<KubeService> services, List<Pod> mounting, List<ContainerStatus> statuses,
                                    PortClaims claims) {
        Subject subject = Subject.of("configmap-key", context + ":" + ns + "/" + map.name() + "/" + key);
        String source = "configmap " + ns + "/" + map.name() + " key " + key + " (kubernetes context " + context + ")";
        ApacheConfig apache = ApacheConfig.parse(text);
        List<Evidence> evidence = new ArrayList<>(ApacheConfigFiles.refusedListens(source, text));
        List<String> why = new ArrayList<>(evidence.stream().map(e -> e.location() + " is a Listen Apache refuses (syntax)").toList());
        List<String> unsure = new ArrayList<>();
        for (Listen listen : apache.listens()) {
            Binding b = ListenBindings.inPod(listen, ns, services, mounting);
            claims.add(source, b);
            Optional<KubeService> virtual = services.stream().filter(s -> !KubeNames.isHeadless(s)
                    && b.addresses().contains(IpAddresses.normalize(s.clusterIp()))).findFirst();
            List<String> strangers = mounting.stream().filter(p -> b.addresses().stream().anyMatch(a -> !IpAddresses.isLoopback(a)
                    && !ListenBindings.normalized(p.podIps()).contains(a))).map(Pod::name).toList();
            if (virtual.isPresent()) {
                KubeService s = virtual.get();
                why.add("Listen " + listen.endpoint() + ": " + (b.service() != null ? listen.address() + " is a Service whose " : "")
                        + "ClusterIP " + s.clusterIp() + " is virtual: no pod interface holds it" + AH00072);
                evidence.addAll(List.of(Evidence.line(source, listen.line(), listen.text()), Evidence.field("kubernetes(" + context
                        + ") " + ns + "/services.json", "items[" + s.name() + "].spec.clusterIP", "Service " + s.name() + " type "
                        + s.type() + " clusterIP " + s.clusterIp())));
            } else if (b.isUnresolved()) {
                unsure.add("Listen " + listen.endpoint() + ": cannot tell what " + listen.address() + " resolves to in the pod");
                evidence.add(Evidence.line(source, listen.line(), listen.text()));
            } else if (!strangers.isEmpty()) {
                why.add("Listen " + listen.endpoint() + ": " + String.join(", ", b.addresses()) + " is not an address of pod "
                        + String.join(", ", strangers) + AH00072);
                evidence.add(Evidence.line(source, listen.line(), listen.text()));
            }
        }
        if (!why.isEmpty()) {
            mounting.forEach(p -> evidence.add(KubeEvidence.pod(context, p, statuses)));
            return INFO.fail(subject, String.join("; ", why) + WONT_START, evidence);
        }
        if (!unsure.isEmpty()) {
            return INFO.warn(subject, String.join("; ", unsure) + ": Apache binds whatever it resolves to; Listen on 0.0.0.0",
                    evidence.toArray(Evidence[]::new));
        }
        if (mounting.isEmpty() && apache.listens().stream().anyMatch(l -> !l.isWildcard())) {
            return INFO.skip(subject, "no pod with an address mounts ConfigMap " + ns + "/" + map.name() + ": nothing to compare with");
        }
        return INFO.ok(subject, apache.listens().size() + " Listen directive(s), each a wildcard or an address of "
                + (mounting.isEmpty() ? "the pod" : mounting.stream().map(Pod::name).collect(Collectors.joining(", "))));
    }
}
