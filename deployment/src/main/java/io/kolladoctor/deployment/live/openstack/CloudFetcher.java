package io.kolladoctor.deployment.live.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.FactUnavailableException.Kind;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.live.ScopeFetcher;
import io.kolladoctor.deployment.parse.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The CLOUD-scope facts of one OpenStack cloud, live: each request is one GET whose body is returned byte for byte
 * (what a snapshot stores under {@code openstack/<cloud>/}). One Keystone token serves every request (renewed
 * once on a 401 or when about to expire); endpoints come from its catalog with the credentials' interface and
 * region. A service missing from the catalog is ABSENT; any other failure is FAILED with the status and the API's
 * own message; every request (token included) ends by its deadline. Thread-safe: a sweep calls it from many
 * threads at once, and concurrent callers share one token request.
 */
public final class CloudFetcher implements ScopeFetcher {

    /** Time limits: to open a connection, and for a whole request including the token it may have to wait for. */
    public record Options(Duration connectTimeout, Duration requestTimeout) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ofSeconds(30));
        }
    }

    /** A token is renewed before use when it expires sooner than this. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);
    /** A failed authentication is not retried sooner than this (one answer per sweep, not one per request). */
    private static final Duration AUTH_FAILURE_HOLD = Duration.ofSeconds(15);
    /** A stack missing from a stacks list older than this makes the list be read again. */
    private static final Duration STACKS_FRESH = Duration.ofSeconds(10);

    private final CloudCredentials credentials;
    private final Options options;
    private final UnaryOperator<HttpClient> decorate;
    private final Object httpLock = new Object();
    private volatile Http http;
    private final AtomicReference<Attempt> token = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<StackListing>> stacks = new AtomicReference<>();
    private final AtomicInteger authentications = new AtomicInteger();
    private final AtomicBoolean globalStacksDenied = new AtomicBoolean();

    private record Attempt(CompletableFuture<Keystone.Token> future, Instant started) {
    }

    /** A stacks list body and the stack names by id it gives (Heat's resource URLs need both). */
    private record StackListing(Material material, Map<String, String> namesById, String parseError, Instant at,
                                AtomicBoolean served) {
    }

    public CloudFetcher(CloudCredentials credentials, Options options) {
        this(credentials, options, UnaryOperator.identity());
    }

    /** With a hook around the HTTP client (tests count the requests that really leave). */
    CloudFetcher(CloudCredentials credentials, Options options, UnaryOperator<HttpClient> decorate) {
        this.credentials = credentials;
        this.options = options;
        this.decorate = decorate;
    }

    public String cloud() {
        return credentials.cloud();
    }

    /** HTTP requests sent so far, token requests included. */
    public int requestsSent() {
        Http h = http;
        return h == null ? 0 : h.sent();
    }

    /** Token requests sent so far. */
    public int authentications() {
        return authentications.get();
    }

    @Override
    public Material fetch(FactRequest request) throws FactUnavailableException {
        if (request.scope() != FactRequest.Scope.CLOUD) {
            throw failed(request, "not an OpenStack request (" + request.scope() + ")");
        }
        if (!credentials.cloud().equals(request.target())) {
            throw failed(request, "this source reaches cloud '" + credentials.cloud() + "', not '" + request.target() + "'");
        }
        CloudApi.Route route = CloudApi.route(request.name()).orElseThrow(() -> failed(request,
                "'" + request.name() + "' is not an OpenStack collection kolla-doctor fetches live (it fetches: " + CloudApi.known() + ")"));
        Instant deadline;
        try {
            http(); // built once, before the clock starts: loading the trust store is local work, not the cloud's delay
            deadline = Instant.now().plus(options.requestTimeout());
            return switch (route.kind()) {
                case COLLECTION -> route.path().startsWith("/stacks")
                        ? stacksList(request, route, deadline).material()
                        : get(request, route, route.path(), false, deadline);
                case STACK_RESOURCES -> get(request, route,
                        CloudApi.resourcesPath(stackName(request, route.stackId(), deadline), route.stackId()), true, deadline);
                case STACK_EVENTS -> get(request, route,
                        CloudApi.eventsPath(stackName(request, route.stackId(), deadline), route.stackId()), true, deadline);
                case RESOURCE_METADATA -> get(request, route,
                        CloudApi.metadataPath(stackName(request, route.stackId(), deadline), route.stackId(), route.resourceName()),
                        true, deadline);
            };
        } catch (Http.Failure e) {
            throw failed(request, e.getMessage());
        } catch (CredentialsException e) {
            throw failed(request, e.getMessage());
        } catch (RuntimeException e) {
            // e.g. a catalog URL that is no URL: still one sentence, never a crash of the sweep
            throw failed(request, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Material get(FactRequest request, CloudApi.Route route, String path, boolean notFoundIsAbsent, Instant deadline)
            throws FactUnavailableException, Http.Failure, CredentialsException {
        Keystone.Token current = token(request, deadline);
        String url = url(request, route, path, current);
        HttpResponse<byte[]> response = http().send(get(url, route, current), deadline);
        if (response.statusCode() == 401) {
            current = renew(request, current, deadline);
            response = http().send(get(url, route, current), deadline);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Material(request, response.body(), "GET " + url, Instant.now());
        }
        if (status == 404 && notFoundIsAbsent) {
            throw new FactUnavailableException(request, Kind.ABSENT, prefix() + "GET " + url + ": " + Http.describe(response));
        }
        throw new StatusException(request, status, prefix() + "GET " + url + ": " + Http.describe(response));
    }

    /** The answer to {@link #call}: status, body, and the request as sent ({@code DELETE http://…}). */
    public record ApiResult(int status, String body, String request) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * One API request of any method — for fixes and playbooks, never for gathering facts: {@code serviceType} picks the
     * endpoint from the token's catalog (interface and region of the credentials), {@code path} is relative to it
     * (the project is filled in for Heat). A 401 renews the token once. The request is bounded by the request timeout.
     */
    public ApiResult call(String method, String serviceType, String path, String jsonBody) throws java.io.IOException {
        return call(method, serviceType, path, jsonBody, null);
    }

    /** {@link #call} with a compute microversion of its own (null: the one reads use). */
    public ApiResult call(String method, String serviceType, String path, String jsonBody, String microversion)
            throws java.io.IOException {
        FactRequest request = FactRequest.cloud(credentials.cloud(), serviceType + "/call");
        CloudApi.Route route = new CloudApi.Route(CloudApi.Kind.COLLECTION, serviceType, versionOf(serviceType), path, null, null);
        try {
            http();
            Instant deadline = Instant.now().plus(options.requestTimeout());
            Keystone.Token current = token(request, deadline);
            String url = url(request, route, path, current);
            String version = microversion != null ? microversion : CloudApi.COMPUTE_MICROVERSION;
            HttpResponse<byte[]> response = http().send(mutation(method, url, jsonBody, route, current, version), deadline);
            if (response.statusCode() == 401) {
                current = renew(request, current, deadline);
                response = http().send(mutation(method, url, jsonBody, route, current, version), deadline);
            }
            return new ApiResult(response.statusCode(), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8),
                    method + " " + url);
        } catch (FactUnavailableException | Http.Failure | CredentialsException e) {
            throw new java.io.IOException(e.getMessage(), e);
        }
    }

    private static String versionOf(String serviceType) {
        return switch (serviceType) {
            case "identity" -> "v3";
            case "compute" -> "v2.1";
            case "network" -> "v2.0";
            case "load-balancer" -> "v2";
            case "orchestration", "container-infra" -> "v1";
            case "alarming" -> "v2";
            case "block-storage" -> "v3";
            default -> "";
        };
    }

    private HttpRequest mutation(String method, String url, String jsonBody, CloudApi.Route route, Keystone.Token current,
                                 String microversion) {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .method(method, body)
                .timeout(options.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", Http.USER_AGENT)
                .header("X-Auth-Token", current.id());
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json");
        }
        if (route.serviceType().equals("compute")) {
            builder.header("OpenStack-API-Version", "compute " + microversion)
                    .header("X-OpenStack-Nova-API-Version", microversion);
        }
        return builder.build();
    }

    /** FAILED because the API answered an error status. */
    private static final class StatusException extends FactUnavailableException {
        private final int status;

        StatusException(FactRequest request, int status, String reason) {
            super(request, Kind.FAILED, reason);
            this.status = status;
        }
    }

    private String url(FactRequest request, CloudApi.Route route, String path, Keystone.Token current)
            throws FactUnavailableException, CredentialsException {
        var endpoint = current.catalog().find(route.serviceType(), credentials.interfaceName(), credentials.region());
        if (endpoint.isPresent()) {
            // Heat alone puts the project in its paths (/v1/<project>/stacks, /v1/<project>/services)
            String project = route.serviceType().equals("orchestration") ? current.projectId() : null;
            return CloudApi.url(endpoint.get().url(), route.version(), path, project);
        }
        if (route.serviceType().equals("identity")) {
            return CloudApi.url(credentials.identityV3().toString(), route.version(), path, null); // Keystone itself
        }
        throw new FactUnavailableException(request, Kind.ABSENT,
                prefix() + current.catalog().whyMissing(route.serviceType(), credentials.interfaceName(), credentials.region()));
    }

    private HttpRequest get(String url, CloudApi.Route route, Keystone.Token current) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .GET()
                .timeout(options.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", Http.USER_AGENT)
                .header("X-Auth-Token", current.id());
        if (route.serviceType().equals("compute")) {
            builder.header("OpenStack-API-Version", "compute " + CloudApi.COMPUTE_MICROVERSION)
                    .header("X-OpenStack-Nova-API-Version", CloudApi.COMPUTE_MICROVERSION);
        }
        return builder.build();
    }

    // ---- the token: one per sweep, shared by every thread ----

    private Keystone.Token token(FactRequest request, Instant deadline) throws FactUnavailableException {
        Attempt attempt = token.get();
        if (attempt == null || stale(attempt)) {
            Attempt mine = new Attempt(new CompletableFuture<>(), Instant.now());
            if (token.compareAndSet(attempt, mine)) {
                authenticate(mine, deadline);
            }
            attempt = token.get();
        }
        return await(request, attempt.future(), deadline, keystoneUrl());
    }

    /** After a 401: a new token unless another thread already got one since {@code rejected} was issued. */
    private Keystone.Token renew(FactRequest request, Keystone.Token rejected, Instant deadline) throws FactUnavailableException {
        Attempt attempt = token.get();
        Keystone.Token current = attempt.future().getNow(null);
        if (current == rejected) {
            Attempt mine = new Attempt(new CompletableFuture<>(), Instant.now());
            if (token.compareAndSet(attempt, mine)) {
                authenticate(mine, deadline);
            }
            attempt = token.get();
        }
        return await(request, attempt.future(), deadline, keystoneUrl() + " (a new token)");
    }

    private String keystoneUrl() {
        try {
            return "Keystone " + credentials.identityV3() + "/auth/tokens";
        } catch (CredentialsException e) {
            return "Keystone";
        }
    }

    private boolean stale(Attempt attempt) {
        CompletableFuture<Keystone.Token> f = attempt.future();
        if (!f.isDone()) {
            return false;
        }
        if (f.isCompletedExceptionally()) {
            return Instant.now().isAfter(attempt.started().plus(AUTH_FAILURE_HOLD));
        }
        return f.join().expiresWithin(TOKEN_MARGIN);
    }

    private void authenticate(Attempt attempt, Instant deadline) {
        authentications.incrementAndGet();
        try {
            attempt.future().complete(Keystone.authenticate(http(), credentials, options.requestTimeout(), deadline));
        } catch (Http.Failure | CredentialsException e) {
            attempt.future().completeExceptionally(e);
        } catch (RuntimeException e) {
            attempt.future().completeExceptionally(new Http.Failure(0, "Keystone: " + e));
        }
    }

    // ---- Heat: resource URLs need the stack's name, read from the stacks list of this sweep ----

    private StackListing stacksList(FactRequest request, CloudApi.Route route, Instant deadline)
            throws FactUnavailableException, Http.Failure, CredentialsException {
        CompletableFuture<StackListing> current = stacks.get();
        if (current != null) {
            StackListing loaded = awaitQuietly(current, deadline);
            if (loaded != null && loaded.served().compareAndSet(false, true)
                    && Instant.now().isBefore(loaded.at().plus(STACKS_FRESH))) {
                // read moments ago to resolve a stack name, not yet handed out: the same one request serves both
                return new StackListing(new Material(request, loaded.material().bytes(), loaded.material().origin(),
                        loaded.material().collectedAt()), loaded.namesById(), loaded.parseError(), loaded.at(), loaded.served());
            }
        }
        StackListing listing = index(listStacks(request, route, deadline), true);
        stacks.set(CompletableFuture.completedFuture(listing));
        return listing;
    }

    /**
     * Every project's stacks ({@code global_tenant=true}) when Heat's policy allows it; Heat's default policy
     * ({@code stacks:global_index: rule:deny_everybody}) does not, even for admin: then this project's stacks, and the
     * denial is remembered so that later sweeps ask the allowed question at once.
     */
    private Material listStacks(FactRequest request, CloudApi.Route route, Instant deadline)
            throws FactUnavailableException, Http.Failure, CredentialsException {
        if (!globalStacksDenied.get()) {
            try {
                return get(request, route, route.path(), false, deadline);
            } catch (StatusException e) {
                if (e.status != 403) {
                    throw e;
                }
                globalStacksDenied.set(true);
            }
        }
        return get(request, route, CloudApi.STACKS_OWN_PROJECT, false, deadline);
    }

    private String stackName(FactRequest request, String stackId, Instant deadline)
            throws FactUnavailableException, Http.Failure, CredentialsException {
        for (int pass = 0; pass < 2; pass++) {
            CompletableFuture<StackListing> current = stacks.get();
            boolean reload = current == null || (current.isDone() && (current.isCompletedExceptionally()
                    || (pass == 1 && Instant.now().isAfter(current.join().at().plus(STACKS_FRESH)))));
            if (reload) {
                CompletableFuture<StackListing> mine = new CompletableFuture<>();
                if (stacks.compareAndSet(current, mine)) {
                    FactRequest list = FactRequest.cloud(credentials.cloud(), "orchestration/stacks.json");
                    CloudApi.Route route = CloudApi.route(list.name()).orElseThrow();
                    try {
                        mine.complete(index(listStacks(list, route, deadline), false));
                    } catch (FactUnavailableException | Http.Failure | CredentialsException | RuntimeException e) {
                        mine.completeExceptionally(e);
                    }
                }
                current = stacks.get();
            }
            StackListing listing = await(request, current, deadline, "reading the stacks list to find stack " + stackId);
            if (listing.parseError() != null) {
                throw failed(request, "cannot find stack " + stackId + ": the stacks list (" + listing.material().origin()
                        + ") is not valid JSON: " + listing.parseError());
            }
            String name = listing.namesById().get(stackId);
            if (name != null) {
                return name;
            }
            if (Instant.now().isBefore(listing.at().plus(STACKS_FRESH))) {
                break;
            }
        }
        throw new FactUnavailableException(request, Kind.ABSENT,
                prefix() + "no stack " + stackId + " in the stacks list (show_nested, global_tenant)");
    }

    private static StackListing index(Material material, boolean served) {
        Map<String, String> names = new HashMap<>();
        String error = null;
        try {
            for (JsonNode stack : Json.list(Json.parse(material.text()), "stacks")) {
                String id = Json.text(stack, "id");
                String name = Json.text(stack, "stack_name");
                if (id != null && name != null) {
                    names.put(id, name);
                }
            }
        } catch (Exception e) {
            error = e.getMessage();
        }
        return new StackListing(material, Map.copyOf(names), error, Instant.now(), new AtomicBoolean(served));
    }

    // ---- plumbing ----

    private Http http() throws CredentialsException {
        Http h = http;
        if (h == null) {
            synchronized (httpLock) {
                h = http;
                if (h == null) {
                    HttpClient client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(options.connectTimeout())
                            .sslContext(Tls.context(credentials))
                            .build();
                    h = new Http(decorate.apply(client));
                    http = h;
                }
            }
        }
        return h;
    }

    private <T> T await(FactRequest request, CompletableFuture<T> future, Instant deadline, String what)
            throws FactUnavailableException {
        Duration left = Duration.between(Instant.now(), deadline);
        try {
            return future.get(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failed(request, what + ": no answer within " + Http.seconds(options.requestTimeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(request, what + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FactUnavailableException unavailable) {
                throw new FactUnavailableException(request, unavailable.kind(), unavailable.getMessage(), unavailable);
            }
            throw failed(request, cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }

    private static <T> T awaitQuietly(CompletableFuture<T> future, Instant deadline) {
        try {
            return future.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private String prefix() {
        return "cloud '" + credentials.cloud() + "': ";
    }

    private FactUnavailableException failed(FactRequest request, String reason) {
        String message = reason.startsWith(prefix()) ? reason : prefix() + reason;
        return new FactUnavailableException(request, Kind.FAILED, message);
    }

    @Override
    public void close() {
        Http h = http;
        if (h != null) {
            h.client().shutdownNow();
        }
    }
}
