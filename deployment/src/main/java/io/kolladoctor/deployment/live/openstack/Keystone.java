package io.kolladoctor.deployment.live.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kolladoctor.deployment.parse.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The smallest Keystone v3 client that does the job: {@code POST /v3/auth/tokens} with a password or an
 * application credential, scoped to a project, a domain or the system; the token and its catalog come back in
 * one answer (no discovery round trip).
 */
final class Keystone {

    private Keystone() {
    }

    /** A token (a secret: never printed), when it expires and the endpoints it may use. */
    record Token(String id, Instant expiresAt, String projectId, ServiceCatalog catalog) {
        boolean expiresWithin(Duration margin) {
            return expiresAt != null && Instant.now().plus(margin).isAfter(expiresAt);
        }

        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + ", projectId=" + projectId + "]";
        }
    }

    static Token authenticate(Http http, CloudCredentials credentials, Duration requestTimeout, Instant deadline)
            throws Http.Failure, CredentialsException {
        List<String> missing = credentials.missing();
        if (!missing.isEmpty()) {
            throw new CredentialsException(credentials.origin() + " lacks " + String.join(", ", missing));
        }
        URI tokens = URI.create(credentials.identityV3() + "/auth/tokens");
        HttpRequest request = HttpRequest.newBuilder(tokens)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", Http.USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(body(credentials).toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, deadline);
        } catch (Http.Failure e) {
            throw new Http.Failure(0, "Keystone " + e.getMessage().replaceFirst("^POST \\S+", tokens.toString()));
        }
        String where = "Keystone " + tokens.toString();
        if (response.statusCode() == 401) {
            throw new Http.Failure(401, where + " refused the credentials of " + credentials.origin() + " (" + Http.describe(response) + ")");
        }
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new Http.Failure(response.statusCode(), where + ": " + Http.describe(response));
        }
        String id = response.headers().firstValue("X-Subject-Token").orElse(null);
        if (id == null || id.isBlank()) {
            throw new Http.Failure(response.statusCode(), where + " answered HTTP " + response.statusCode()
                    + " without an X-Subject-Token header: is auth_url really Keystone?");
        }
        JsonNode token;
        try {
            token = Json.parse(new String(response.body(), StandardCharsets.UTF_8)).path("token");
        } catch (Exception e) {
            throw new Http.Failure(response.statusCode(), where + " answered a token whose body is not JSON: " + e.getMessage());
        }
        Instant expires = null;
        String expiresAt = Json.text(token, "expires_at");
        if (expiresAt != null) {
            try {
                expires = OffsetDateTime.parse(expiresAt).toInstant();
            } catch (RuntimeException e) {
                expires = null; // Keystone always sends ISO-8601; an odd value just means "no early renewal"
            }
        }
        return new Token(id, expires, Json.text(token.path("project"), "id"), ServiceCatalog.from(token.path("catalog")));
    }

    /** The auth body of a token request (holds the password: never logged). */
    static ObjectNode body(CloudCredentials c) {
        ObjectNode auth = Json.MAPPER.createObjectNode();
        ObjectNode identity = auth.putObject("auth").putObject("identity");
        boolean applicationCredential = c.authType().contains("applicationcredential");
        if (applicationCredential) {
            identity.putArray("methods").add("application_credential");
            ObjectNode credential = identity.putObject("application_credential");
            if (c.applicationCredentialId() != null) {
                credential.put("id", c.applicationCredentialId());
            } else {
                credential.put("name", c.applicationCredentialName());
                credential.set("user", user(c));
            }
            credential.put("secret", c.applicationCredentialSecret());
            return auth; // an application credential carries its own scope
        }
        identity.putArray("methods").add("password");
        ObjectNode user = user(c);
        user.put("password", c.password());
        identity.putObject("password").set("user", user);
        ObjectNode scope = scope(c);
        if (scope != null) {
            ((ObjectNode) auth.get("auth")).set("scope", scope);
        }
        return auth;
    }

    private static ObjectNode user(CloudCredentials c) {
        ObjectNode user = Json.MAPPER.createObjectNode();
        if (c.userId() != null) {
            user.put("id", c.userId());
        } else {
            user.put("name", c.username());
            user.set("domain", domain(c.userDomainId(), c.userDomainName()));
        }
        return user;
    }

    private static ObjectNode scope(CloudCredentials c) {
        ObjectNode scope = Json.MAPPER.createObjectNode();
        if (c.projectId() != null) {
            scope.putObject("project").put("id", c.projectId());
        } else if (c.projectName() != null) {
            ObjectNode project = scope.putObject("project").put("name", c.projectName());
            project.set("domain", domain(c.projectDomainId(), c.projectDomainName()));
        } else if (c.domainId() != null || c.domainName() != null) {
            scope.set("domain", domain(c.domainId(), c.domainName()));
        } else if (c.systemScope() != null) {
            scope.putObject("system").put("all", true);
        } else {
            return null; // unscoped: Keystone returns no catalog, and every request says so
        }
        return scope;
    }

    private static ObjectNode domain(String id, String name) {
        ObjectNode domain = Json.MAPPER.createObjectNode();
        if (id != null) {
            domain.put("id", id);
        } else {
            domain.put("name", name);
        }
        return domain;
    }
}
