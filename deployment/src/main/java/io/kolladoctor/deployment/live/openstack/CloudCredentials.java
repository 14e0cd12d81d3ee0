package io.kolladoctor.deployment.live.openstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What is needed to reach one OpenStack cloud: Keystone v3 credentials, the region and interface of the
 * endpoints to use, and how to verify TLS. Built by {@link OpenStackCredentials} from clouds.yaml, {@code OS_*}
 * variables or Kolla's {@code admin-openrc.sh}. {@link #toString()} never shows a secret.
 *
 * @param cloud     the cloud's name: the snapshot directory under {@code openstack/} and the requests' target
 * @param origin    where the credentials were read, for reports ("clouds.yaml cloud 'lab' (/etc/openstack/clouds.yaml)")
 * @param authUrl   Keystone's URL as configured ({@code /v3} is added when missing)
 * @param authType  {@code password} or {@code v3applicationcredential}
 * @param cacert    CA bundle that replaces the system trust store for this cloud, or null
 * @param verify    false only when the operator said so ({@code verify: false}, {@code OS_INSECURE=true})
 */
public record CloudCredentials(String cloud, String origin, String authUrl, String authType,
                               String username, String userId, String password,
                               String userDomainName, String userDomainId,
                               String projectName, String projectId, String projectDomainName, String projectDomainId,
                               String domainName, String domainId, String systemScope,
                               String applicationCredentialId, String applicationCredentialName,
                               String applicationCredentialSecret,
                               String region, String interfaceName, Path cacert, boolean verify) {

    /** OpenStackClient's default domain for names given without one. */
    public static final String DEFAULT_DOMAIN_ID = "default";

    public CloudCredentials {
        Objects.requireNonNull(cloud, "cloud");
        authType = authType == null || authType.isBlank() ? "password" : authType.trim().toLowerCase(Locale.ROOT);
        interfaceName = normalizeInterface(interfaceName);
    }

    /** {@code publicURL}/{@code internalURL}/{@code adminURL} (Keystone v2 names, {@code OS_ENDPOINT_TYPE}) to v3 names. */
    static String normalizeInterface(String value) {
        if (value == null || value.isBlank()) {
            return "public";
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.endsWith("url") ? v.substring(0, v.length() - 3) : v;
    }

    /** Keystone's v3 root, e.g. {@code http://10.0.0.10:5000/v3}. */
    public URI identityV3() throws CredentialsException {
        if (authUrl == null || authUrl.isBlank()) {
            throw new CredentialsException(origin + ": no auth_url");
        }
        String url = authUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith("/v2.0")) {
            url = url.substring(0, url.length() - "/v2.0".length());
        }
        if (!url.endsWith("/v3")) {
            url = url + "/v3";
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                throw new CredentialsException(origin + ": auth_url '" + authUrl + "' is not an http(s) URL with a host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CredentialsException(origin + ": auth_url '" + authUrl + "' is not a URL: " + e.getMessage());
        }
    }

    /** Which of the fields Keystone needs are missing; empty when a token request can be made. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (authUrl == null || authUrl.isBlank()) {
            missing.add("auth_url");
        }
        switch (authType) {
            case "password", "v3password" -> {
                if (blank(username) && blank(userId)) {
                    missing.add("username or user_id");
                }
                if (password == null) {
                    missing.add("password");
                }
            }
            case "v3applicationcredential", "applicationcredential" -> {
                if (blank(applicationCredentialId) && (blank(applicationCredentialName) || (blank(username) && blank(userId)))) {
                    missing.add("application_credential_id (or its name and the user)");
                }
                if (applicationCredentialSecret == null) {
                    missing.add("application_credential_secret");
                }
            }
            default -> missing.add("a supported auth_type (password, v3applicationcredential), not '" + authType + "'");
        }
        return missing;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "CloudCredentials[cloud=" + cloud + ", origin=" + origin + ", authUrl=" + authUrl + ", authType=" + authType
                + ", user=" + (username != null ? username : userId) + ", project=" + (projectName != null ? projectName : projectId)
                + ", region=" + region + ", interface=" + interfaceName + ", cacert=" + cacert + ", verify=" + verify
                + ", password=" + (password == null ? "none" : "********") + "]";
    }
}
