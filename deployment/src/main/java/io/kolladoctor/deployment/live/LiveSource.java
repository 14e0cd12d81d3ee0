package io.kolladoctor.deployment.live;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.FactUnavailableException.Kind;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.live.host.HostAccessOptions;
import io.kolladoctor.deployment.live.host.HostFetcher;
import io.kolladoctor.deployment.live.kubernetes.KubeFetcher;
import io.kolladoctor.deployment.live.openstack.CloudCredentials;
import io.kolladoctor.deployment.live.openstack.CloudFetcher;
import io.kolladoctor.deployment.live.openstack.CredentialsException;
import io.kolladoctor.deployment.live.openstack.OpenStackCredentials;
import io.kolladoctor.deployment.model.Host;
import io.kolladoctor.deployment.model.Inventory;
import io.kolladoctor.deployment.model.InventoryParser;
import io.kolladoctor.deployment.model.Topology;
import io.kolladoctor.deployment.parse.MalformedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The deployment in front of the operator, live. Each request goes to the fetcher of its scope: the Kolla files are
 * read from this machine, hosts through {@link HostFetcher} (SSH, Docker), the cloud through {@link CloudFetcher},
 * Kubernetes through {@link KubeFetcher}. Every fetcher — and so every client library — is created on the first
 * request of its scope, so a sweep that never asks Kubernetes never loads fabric8.
 */
public final class LiveSource implements FactSource {

    private static final Logger LOG = Logger.getLogger(LiveSource.class.getName());

    /** Everything that says where to look; see {@link #standard}. */
    public record Options(KollaLocations kolla, Path workingDir, OpenStackCredentials.Lookup credentials,
                          HostAccessOptions hosts, CloudFetcher.Options cloud, KubeFetcher.Options kube,
                          LiveConfig config) {
    }

    /** The standard places for this process, with what the command line said (nulls: not said). */
    public static Options standard(Path kollaDir, Path inventory, String osCloud, LiveConfig config) {
        KollaLocations kolla = KollaLocations.of(kollaDir, inventory);
        OpenStackCredentials.Lookup std = OpenStackCredentials.Lookup.standard(osCloud);
        OpenStackCredentials.Lookup lookup = new OpenStackCredentials.Lookup(std.osCloud(), std.env(), std.cwd(),
                std.home(), kolla.adminOpenrc());
        return new Options(kolla, Path.of("").toAbsolutePath(), lookup, HostAccessOptions.defaults(),
                CloudFetcher.Options.defaults(), KubeFetcher.Options.standard(), config);
    }

    private final Options options;
    private final Lazy<Inventory> inventory;
    private final Lazy<HostFetcher> hosts;
    private final Lazy<CloudCredentials> credentials;
    private final Lazy<CloudFetcher> cloud;
    private final Lazy<KubeFetcher> kube;
    private final Lazy<Topology> topology;

    public LiveSource(Options options) {
        this.options = options;
        this.inventory = new Lazy<>(this::readInventory);
        this.hosts = new Lazy<>(() -> new HostFetcher(this::host, options.hosts()));
        this.credentials = new Lazy<>(() -> {
            try {
                return OpenStackCredentials.locate(options.credentials());
            } catch (CredentialsException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        this.cloud = new Lazy<>(() -> new CloudFetcher(credentials.get(), options.cloud()));
        this.kube = new Lazy<>(() -> new KubeFetcher(options.kube()));
        this.topology = new Lazy<>(this::discoverTopology);
    }

    public Options options() {
        return options;
    }

    @Override
    public Material fetch(FactRequest request) throws FactUnavailableException {
        return switch (request.scope()) {
            case DEPLOYMENT -> kollaFile(request);
            case HOST -> hosts.get().fetch(request);
            case CLOUD -> cloudFetcher(request).fetch(request);
            case KUBERNETES -> kube.get().fetch(request);
        };
    }

    private CloudFetcher cloudFetcher(FactRequest request) throws FactUnavailableException {
        try {
            credentials.get();
        } catch (IllegalStateException e) {
            throw new FactUnavailableException(request, Kind.FAILED, "OpenStack: " + e.getMessage());
        }
        if (!request.target().equals(credentials.get().cloud())) {
            throw new FactUnavailableException(request, Kind.NOT_COLLECTED, request.describe()
                    + ": this live source reaches cloud '" + credentials.get().cloud() + "', not '" + request.target() + "'");
        }
        return cloud.get();
    }

    private Material kollaFile(FactRequest request) throws FactUnavailableException {
        Path path = switch (request.name()) {
            case "inventory" -> options.kolla().findInventory(options.workingDir()).orElseThrow(() ->
                    new FactUnavailableException(request, Kind.FAILED, "no Kolla-Ansible inventory: give --inventory FILE "
                            + "(looked for " + options.kolla().inventoryCandidates(options.workingDir()) + ")"));
            case "globals.yml" -> options.kolla().globals();
            case "passwords.yml" -> options.kolla().passwords();
            default -> throw new FactUnavailableException(request, Kind.NOT_COLLECTED,
                    request.name() + ": not a Kolla deployment file");
        };
        try {
            return new Material(request, Files.readAllBytes(path), path.toString(), Instant.now());
        } catch (NoSuchFileException e) {
            throw new FactUnavailableException(request, Kind.ABSENT, path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new FactUnavailableException(request, Kind.FAILED, path + ": permission denied (Kolla's files are "
                    + "usually root-only: run kolla-doctor with sudo)");
        } catch (IOException e) {
            throw new FactUnavailableException(request, Kind.FAILED, path + ": " + e.getMessage());
        }
    }

    /** An inventory host or an extra host of the configuration, by name. */
    private Optional<Host> host(String name) {
        Optional<Host> extra = options.config().extraHosts().stream().filter(h -> h.name().equals(name)).findFirst();
        if (extra.isPresent()) {
            return extra;
        }
        try {
            return inventory.get().host(name);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private Inventory readInventory() {
        Path path = options.kolla().findInventory(options.workingDir()).orElseThrow(() ->
                new IllegalStateException("no Kolla-Ansible inventory"));
        try {
            return InventoryParser.parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException | MalformedException e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        String inv = options.kolla().findInventory(options.workingDir()).map(Path::toString).orElse("no inventory");
        return "live deployment '" + topology().name() + "' (" + inv + ", " + options.kolla().configDir() + ")";
    }

    @Override
    public Topology topology() {
        return topology.get();
    }

    private Topology discoverTopology() {
        String name = options.config().name() != null ? options.config().name() : localHostName();
        String cloudName;
        try {
            cloudName = credentials.get().cloud();
        } catch (IllegalStateException e) {
            // Without credentials the cloud's checks must ERROR with the reason, not vanish: keep a cloud name.
            cloudName = "openstack";
        }
        Map<String, List<String>> kubernetes = new LinkedHashMap<>();
        if (kube.get().kubeconfigFiles().stream().anyMatch(java.io.File::isFile)) {
            try {
                kube.get().contexts().forEach(c -> kubernetes.put(c, options.config().kubernetesNamespaces()));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "kubeconfig unreadable; Kubernetes is left out", e);
            }
        }
        return new Topology(name, cloudName, kubernetes, options.config().extraHosts());
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public Instant asOf() {
        return Instant.now();
    }

    /** Commands on hosts and API requests to the cloud, for fixes and playbooks (see {@link Actions}). */
    public Actions actions() {
        return new Actions() {
            @Override
            public HostFetcher.CommandResult run(String host, List<String> argv, boolean sudo, java.time.Duration timeout)
                    throws IOException {
                return hosts.get().execute(host, argv, sudo, timeout);
            }

            @Override
            public CloudFetcher.ApiResult call(String method, String serviceType, String path, String jsonBody)
                    throws IOException {
                return call(method, serviceType, path, jsonBody, null);
            }

            @Override
            public CloudFetcher.ApiResult call(String method, String serviceType, String path, String jsonBody,
                                               String microversion) throws IOException {
                try {
                    credentials.get();
                } catch (IllegalStateException e) {
                    throw new IOException("OpenStack: " + e.getMessage(), e);
                }
                return cloud.get().call(method, serviceType, path, jsonBody, microversion);
            }

            @Override
            public KubeFetcher.Answer kube(String context, String method, String path, String contentType, String body)
                    throws IOException {
                return kube.get().send(context, method, path, contentType, body);
            }

            @Override
            public HostFetcher.CommandResult runLocal(List<String> argv, java.time.Duration timeout) throws IOException {
                return LocalCommands.run(argv, timeout);
            }
        };
    }

    /** Requests and connections so far, per scope, for the benchmark and the "one request per collection" test. */
    public record Counts(int hostRequests, int sshConnections, int cloudRequests, int kubeRequests) {
    }

    public Counts counts() {
        HostFetcher.Stats h = hosts.ifCreated().map(HostFetcher::stats).orElse(new HostFetcher.Stats(0, 0, 0));
        return new Counts(h.requests(), h.sshConnectionsOpened(), cloud.ifCreated().map(CloudFetcher::requestsSent).orElse(0),
                kube.ifCreated().map(KubeFetcher::requestsSent).orElse(0));
    }

    @Override
    public void close() {
        hosts.ifCreated().ifPresent(HostFetcher::close);
        cloud.ifCreated().ifPresent(CloudFetcher::close);
        kube.ifCreated().ifPresent(KubeFetcher::close);
    }

    /** A value made on first use, once; a failure is remembered and rethrown (a sweep asks once). */
    private static final class Lazy<T> {
        private final Supplier<T> make;
        private volatile Object value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        @SuppressWarnings("unchecked")
        T get() {
            Object v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        try {
                            v = make.get();
                        } catch (RuntimeException e) {
                            v = e;
                        }
                        value = v;
                    }
                }
            }
            if (v instanceof RuntimeException e) {
                throw e;
            }
            return (T) v;
        }

        @SuppressWarnings("unchecked")
        Optional<T> ifCreated() {
            Object v = value;
            return v == null || v instanceof RuntimeException ? Optional.empty() : Optional.of((T) v);
        }
    }
}
