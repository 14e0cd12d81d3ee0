package io.kolladoctor.deployment.live.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One cloud's HTTP client: every request bounded by a hard deadline (the exchange is cancelled when it passes,
 * body included), counted, and every failure turned into one sentence for the operator.
 */
final class Http {

    static final String USER_AGENT = "kolla-doctor (live facts)";

    private final HttpClient client;
    private final AtomicInteger sent = new AtomicInteger();

    Http(HttpClient client) {
        this.client = client;
    }

    /** A failed exchange: no answer, or not the answer wanted. {@code status} is 0 when there was no HTTP answer. */
    static final class Failure extends Exception {
        private final int status;

        Failure(int status, String reason) {
            super(reason);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    HttpResponse<byte[]> send(HttpRequest request, Instant deadline) throws Failure {
        Duration left = Duration.between(Instant.now(), deadline);
        String what = request.method() + " " + request.uri();
        if (left.isNegative() || left.isZero()) {
            throw new Failure(0, what + ": deadline reached before the request was sent");
        }
        sent.incrementAndGet();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(left.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Failure(0, what + ": no answer within " + seconds(left));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure(0, what + ": interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException && !(e.getCause() instanceof HttpConnectTimeoutException)) {
                Duration limit = request.timeout().filter(t -> t.compareTo(left) < 0).orElse(left);
                throw new Failure(0, what + ": no answer within " + seconds(limit));
            }
            throw new Failure(0, what + ": " + reason(e.getCause(), request.uri()));
        }
    }

    int sent() {
        return sent.get();
    }

    HttpClient client() {
        return client;
    }

    /** Why an exchange failed, without a stack trace. */
    static String reason(Throwable e, URI uri) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                    || t instanceof UnresolvedAddressException) {
                root = t;
                break;
            }
            root = t;
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        if (root instanceof HttpConnectTimeoutException) {
            return "cannot connect to " + hostPort(uri) + " (connect timed out)";
        }
        if (root instanceof ConnectException) {
            return "cannot connect to " + hostPort(uri) + (message.isBlank() ? " (connection refused)" : " (" + message + ")");
        }
        if (root instanceof UnresolvedAddressException) {
            return "cannot resolve " + uri.getHost();
        }
        if (root instanceof SSLHandshakeException || root instanceof SSLException) {
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.contains("pkix") || lower.contains("certification path")) {
                return "TLS certificate of " + hostPort(uri) + " is not trusted (" + firstLine(message)
                        + "); give the CA bundle as cacert in clouds.yaml or OS_CACERT";
            }
            if (lower.contains("subject alternative name") || lower.contains("no name matching")) {
                return "TLS certificate of " + hostPort(uri) + " does not name that host (" + firstLine(message) + ")";
            }
            return "TLS handshake with " + hostPort(uri) + " failed (" + firstLine(message) + ")";
        }
        if (root instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (root instanceof IOException) {
            return (message.isBlank() ? root.getClass().getSimpleName() : firstLine(message));
        }
        return root.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + firstLine(message));
    }

    /** "HTTP 503 Service Unavailable: <the API's own message>", from an OpenStack error body of any service. */
    static String describe(HttpResponse<byte[]> response) {
        String message = errorMessage(response.body());
        return "HTTP " + response.statusCode() + (message.isBlank() ? "" : ": " + message);
    }

    static String errorMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode node = Json.parse(text);
            String found = findMessage(node, 0);
            if (found != null) {
                return clip(found);
            }
        } catch (Exception notJson) {
            // an HTML error page from a proxy or uwsgi: its text says enough
        }
        return clip(text.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim());
    }

    /** Keystone {error:{message}}, Nova {computeFault:{message}}, Neutron {NeutronError:{message}}, Octavia faultstring, Magnum errors[].detail, Heat explanation. */
    private static String findMessage(JsonNode node, int depth) {
        if (node == null || depth > 3) {
            return null;
        }
        for (String field : new String[] {"message", "faultstring", "detail", "explanation", "title"}) {
            JsonNode value = node.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                String found = findMessage(child, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String clip(String s) {
        String line = firstLine(s);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").trim();
    }

    static String hostPort(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
