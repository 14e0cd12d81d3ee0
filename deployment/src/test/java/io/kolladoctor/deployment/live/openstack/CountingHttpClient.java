package io.kolladoctor.deployment.live.openstack;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The fetcher's real HTTP client, wrapped to count what leaves it: every request by method and URL, and the
 * tokens it carried (to revoke one). Counting happens here, outside the code under test.
 */
final class CountingHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final Map<String, AtomicInteger> byRequest = new ConcurrentHashMap<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();

    CountingHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    private void count(HttpRequest request) {
        byRequest.computeIfAbsent(request.method() + " " + request.uri(), k -> new AtomicInteger()).incrementAndGet();
        request.headers().firstValue("X-Auth-Token").ifPresent(tokens::add);
    }

    int total() {
        return byRequest.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int count(String methodAndUrlPart) {
        return byRequest.entrySet().stream().filter(e -> e.getKey().contains(methodAndUrlPart)).mapToInt(e -> e.getValue().get()).sum();
    }

    Map<String, Integer> snapshot() {
        return byRequest.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    void reset() {
        byRequest.clear();
    }

    String lastToken() {
        return tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        count(request);
        return delegate.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        count(request);
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        count(request);
        return delegate.sendAsync(request, handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public void shutdownNow() {
        delegate.shutdownNow();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
