package io.kolladoctor.deployment.live.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.FactUnavailableException.Kind;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.live.ScopeFetcher;
import io.kolladoctor.deployment.parse.Json;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * The KUBERNETES-scope facts, live: {@code kubernetes/<context>/<namespace>/<kind>.json} is the list body the API
 * server returns for {@code GET …/namespaces/<namespace>/<kind>}, byte for byte (fabric8's authenticated HTTP client,
 * so every kubeconfig auth method fabric8 knows works: certificates, tokens, exec plugins, OIDC).
 *
 * <p>Contexts come from kubeconfig: the files given, else {@code $KUBECONFIG} (several, merged like kubectl), else
 * {@code ~/.kube/config} — Magnum clusters' kubeconfigs ({@code openstack coe cluster config}) are just more files.
 * A client is created per context on its first request, never before. A context the kubeconfig does not define is
 * refused rather than replaced by the current one (fabric8 would silently fall back). TLS is verified unless the
 * kubeconfig says {@code insecure-skip-tls-verify}. fabric8's own retries are off: a dead API server fails once,
 * within the deadline. Secrets are never listed.
 */
public final class KubeFetcher implements ScopeFetcher {

    /**
     * @param kubeconfigs    kubeconfig files, merged in order (first wins); empty means {@code $KUBECONFIG} or ~/.kube/config
     * @param connectTimeout to open a connection to an API server
     * @param requestTimeout for a whole request
     */
    public record Options(List<Path> kubeconfigs, Duration connectTimeout, Duration requestTimeout) {
        public Options {
            kubeconfigs = List.copyOf(kubeconfigs);
        }

        public static Options standard() {
            return new Options(List.of(), Duration.ofSeconds(5), Duration.ofSeconds(20));
        }
    }

    /** The list kinds kolla-doctor reads and the API group each is served by. No secrets, on purpose. */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("pods", "/api/v1"), Map.entry("configmaps", "/api/v1"), Map.entry("services", "/api/v1"),
            Map.entry("events", "/api/v1"), Map.entry("endpoints", "/api/v1"),
            Map.entry("persistentvolumeclaims", "/api/v1"), Map.entry("serviceaccounts", "/api/v1"),
            Map.entry("deployments", "/apis/apps/v1"), Map.entry("statefulsets", "/apis/apps/v1"),
            Map.entry("daemonsets", "/apis/apps/v1"), Map.entry("replicasets", "/apis/apps/v1"),
            Map.entry("jobs", "/apis/batch/v1"), Map.entry("cronjobs", "/apis/batch/v1"));

    private final Options options;
    private final Map<String, CompletableFuture<KubernetesClient>> clients = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile List<File> files;

    public KubeFetcher(Options options) {
        this.options = options;
    }

    /** The kubeconfig files in use (resolved once). */
    public List<File> kubeconfigFiles() {
        List<File> f = files;
        if (f == null) {
            List<File> found = new ArrayList<>();
            if (!options.kubeconfigs().isEmpty()) {
                options.kubeconfigs().forEach(p -> found.add(p.toFile()));
            } else {
                String env = System.getenv("KUBECONFIG");
                if (env != null && !env.isBlank()) {
                    for (String part : env.split(File.pathSeparator)) {
                        if (!part.isBlank()) {
                            found.add(new File(part));
                        }
                    }
                } else {
                    found.add(new File(System.getProperty("user.home"), ".kube/config"));
                }
            }
            f = List.copyOf(found);
            files = f;
        }
        return f;
    }

    /** Every context the kubeconfig files define, without creating a client. */
    public List<String> contexts() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (io.fabric8.kubernetes.api.model.Config kubeconfig : parsed()) {
            if (kubeconfig.getContexts() != null) {
                kubeconfig.getContexts().stream().map(NamedContext::getName).forEach(names::add);
            }
        }
        return List.copyOf(names);
    }

    /** HTTP requests sent so far. */
    public int requestsSent() {
        return requests.get();
    }

    /** Clients created so far (they are created on a context's first request). */
    public int clientsCreated() {
        return (int) clients.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
    }

    @Override
    public Material fetch(FactRequest request) throws FactUnavailableException {
        try {
            return list(request);
        } catch (RuntimeException e) {
            // a kubeconfig fabric8 cannot use, a server URL that is no URL: one sentence, never a crash of the sweep
            throw failed(request, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Material list(FactRequest request) throws FactUnavailableException {
        if (request.scope() != FactRequest.Scope.KUBERNETES) {
            throw failed(request, "not a Kubernetes request (" + request.scope() + ")");
        }
        String[] parts = request.name().split("/");
        String kind = parts.length == 2 && parts[1].endsWith(".json") ? parts[1].substring(0, parts[1].length() - 5) : null;
        String group = kind == null ? null : KINDS.get(kind);
        if (group == null) {
            throw failed(request, "'" + request.name() + "' is not <namespace>/<kind>.json for a kind kolla-doctor lists ("
                    + String.join(", ", new TreeSet<>(KINDS.keySet())) + ")");
        }
        Instant deadline = Instant.now().plus(options.requestTimeout());
        KubernetesClient client = client(request);
        String master = client.getConfiguration().getMasterUrl();
        String url = (master.endsWith("/") ? master.substring(0, master.length() - 1) : master)
                + group + "/namespaces/" + java.net.URLEncoder.encode(parts[0], StandardCharsets.UTF_8).replace("+", "%20") + "/" + kind;
        HttpRequest httpRequest = client.getHttpClient().newHttpRequestBuilder()
                .uri(URI.create(url))
                .header("Accept", "application/json")
                .timeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        requests.incrementAndGet();
        CompletableFuture<HttpResponse<byte[]>> future = client.getHttpClient().sendAsync(httpRequest, byte[].class);
        HttpResponse<byte[]> response;
        try {
            response = future.get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failed(request, "GET " + url + ": no answer within " + options.requestTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw failed(request, "GET " + url + ": interrupted");
        } catch (ExecutionException e) {
            throw failed(request, "GET " + url + ": " + reason(e.getCause(), url));
        }
        int status = response.code();
        if (status >= 200 && status < 300) {
            return new Material(request, response.body(), "GET " + url, Instant.now());
        }
        String message = statusMessage(response.body());
        if (status == 404) {
            throw new FactUnavailableException(request, Kind.ABSENT, prefix(request) + "GET " + url + ": HTTP 404"
                    + (message.isEmpty() ? "" : ": " + message) + " (the API server does not serve " + kind + ")");
        }
        throw failed(request, "GET " + url + ": HTTP " + status + (message.isEmpty() ? "" : ": " + message));
    }

    /** What the API server answered to a request that changes something: status, body, and the request as sent. */
    public record Answer(int status, String body, String request) {
        /** The Status body's message when there is one ("the server rejected our request…"), else the body's first line. */
        public String message() {
            String m = statusMessage(body.getBytes(StandardCharsets.UTF_8));
            return m.isEmpty() ? body.strip().lines().findFirst().orElse("") : m;
        }
    }

    /**
     * Sends one request of a fix (a PATCH or DELETE, or the GET that watches its effect) to a context's API server, with the same
     * client, credentials and deadline as the reads; the path is the API path ({@code /api/v1/namespaces/kolla/…}).
     * Never retried: a PATCH guarded by a JSON-patch {@code test} must not be replayed blindly.
     */
    public Answer send(String context, String method, String path, String contentType, String body) throws IOException {
        FactRequest any = FactRequest.kubernetes(context, "_/pods.json");
        KubernetesClient client;
        try {
            client = client(any);
        } catch (FactUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        }
        String master = client.getConfiguration().getMasterUrl();
        String url = (master.endsWith("/") ? master.substring(0, master.length() - 1) : master) + path;
        var builder = client.getHttpClient().newHttpRequestBuilder().uri(URI.create(url)).header("Accept", "application/json")
                .timeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!"GET".equals(method) || body != null) {
            builder = builder.method(method, contentType == null ? "application/json" : contentType, body == null ? "" : body);
        }
        requests.incrementAndGet();
        CompletableFuture<HttpResponse<byte[]>> future = client.getHttpClient().sendAsync(builder.build(), byte[].class);
        String sent = method + " " + url;
        try {
            HttpResponse<byte[]> response = future.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            byte[] bytes = response.body() == null ? new byte[0] : response.body();
            return new Answer(response.code(), new String(bytes, StandardCharsets.UTF_8), sent);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException(prefix(any) + sent + ": no answer within " + options.requestTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException(prefix(any) + sent + ": interrupted");
        } catch (ExecutionException e) {
            throw new IOException(prefix(any) + sent + ": " + reason(e.getCause(), url), e.getCause());
        }
    }

    private KubernetesClient client(FactRequest request) throws FactUnavailableException {
        String context = request.target();
        CompletableFuture<KubernetesClient> mine = new CompletableFuture<>();
        CompletableFuture<KubernetesClient> existing = clients.putIfAbsent(context, mine);
        if (existing == null) {
            try {
                mine.complete(create(context));
            } catch (FactUnavailableException e) {
                clients.remove(context, mine); // the kubeconfig may be fixed; ask again next time
                mine.completeExceptionally(e);
            } catch (RuntimeException e) {
                clients.remove(context, mine);
                mine.completeExceptionally(failed(request, "cannot create a client for context '" + context + "': " + e.getMessage()));
            }
            existing = mine;
        }
        try {
            return existing.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof FactUnavailableException unavailable) {
                throw new FactUnavailableException(request, unavailable.kind(), unavailable.getMessage(), unavailable);
            }
            throw failed(request, String.valueOf(e.getCause()));
        }
    }

    private KubernetesClient create(String context) throws FactUnavailableException {
        FactRequest any = FactRequest.kubernetes(context, "_/pods.json");
        List<io.fabric8.kubernetes.api.model.Config> kubeconfigs;
        try {
            kubeconfigs = parsed();
        } catch (IOException | RuntimeException e) {
            throw failed(any, "cannot read kubeconfig " + describeFiles() + ": " + e.getMessage());
        }
        if (kubeconfigs.isEmpty()) {
            throw failed(any, "no kubeconfig (looked at " + describeFiles() + ")");
        }
        Config config = Config.empty();
        KubeConfigUtils.merge(config, context, kubeconfigs.toArray(io.fabric8.kubernetes.api.model.Config[]::new));
        if (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName())) {
            List<String> known = new ArrayList<>();
            try {
                known = contexts();
            } catch (IOException e) {
                // already read once above
            }
            throw failed(any, "no context '" + context + "' in kubeconfig " + describeFiles() + " (it has: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
        }
        config.setConnectionTimeout((int) options.connectTimeout().toMillis());
        config.setRequestTimeout((int) options.requestTimeout().toMillis());
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private List<io.fabric8.kubernetes.api.model.Config> parsed() throws IOException {
        List<io.fabric8.kubernetes.api.model.Config> result = new ArrayList<>();
        for (File file : kubeconfigFiles()) {
            if (file.isFile()) {
                if (Files.size(file.toPath()) == 0) {
                    continue;
                }
                result.add(KubeConfigUtils.parseConfig(file));
            }
        }
        return result;
    }

    private String describeFiles() {
        return String.join(":", kubeconfigFiles().stream().map(File::getPath).toList());
    }

    /** A Kubernetes Status body's message ("pods is forbidden: User … cannot list …"). */
    private static String statusMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode node = Json.parse(text);
            return Optional.ofNullable(Json.text(node, "message")).orElse("");
        } catch (Exception e) {
            String line = text.lines().findFirst().orElse("").trim();
            return line.length() > 300 ? line.substring(0, 300) + "…" : line;
        }
    }

    private static String reason(Throwable e, String url) {
        URI uri = URI.create(url);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "cannot connect to " + uri.getHost() + ":" + uri.getPort()
                        + (t.getMessage() == null || t.getMessage().isBlank() ? " (connection refused)" : " (" + t.getMessage() + ")");
            }
            if (t instanceof SSLException) {
                return "TLS handshake with " + uri.getHost() + ":" + uri.getPort() + " failed (" + t.getMessage()
                        + "); give the cluster's certificate-authority in kubeconfig";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
    }

    private static String prefix(FactRequest request) {
        return "context '" + request.target() + "': ";
    }

    private static FactUnavailableException failed(FactRequest request, String reason) {
        return new FactUnavailableException(request, Kind.FAILED, prefix(request) + reason);
    }

    @Override
    public void close() {
        for (CompletableFuture<KubernetesClient> future : clients.values()) {
            KubernetesClient client = future.getNow(null);
            if (client != null) {
                client.close();
            }
        }
        clients.clear();
    }
}
