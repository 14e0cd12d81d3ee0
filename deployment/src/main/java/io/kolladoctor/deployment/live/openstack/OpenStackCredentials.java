package io.kolladoctor.deployment.live.openstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the OpenStack credentials an operator already has, in the order the OpenStack client would honour them,
 * then Kolla's own file:
 * <ol>
 *   <li>{@code --os-cloud NAME}, then {@code $OS_CLOUD}: that cloud of {@code clouds.yaml} ({@link CloudsYaml}'s
 *       search path, {@code secure.yaml} merged);</li>
 *   <li>{@code $OS_AUTH_URL} set: the {@code OS_*} variables (cloud name {@code envvars}, as openstacksdk names it);</li>
 *   <li>Kolla's {@code /etc/kolla/admin-openrc.sh}, its exports read without a shell (cloud name {@code kolla-admin}).</li>
 * </ol>
 * Nothing else is guessed: with none of these the error lists every place looked at.
 */
public final class OpenStackCredentials {

    /** The cloud name of credentials taken from {@code OS_*} variables. */
    public static final String ENV_CLOUD = "envvars";
    /** The cloud name of credentials taken from Kolla's admin-openrc.sh. */
    public static final String KOLLA_CLOUD = "kolla-admin";

    private OpenStackCredentials() {
    }

    /**
     * Where to look.
     *
     * @param osCloud     the {@code --os-cloud} option, or null
     * @param env         the environment
     * @param cwd         the current directory (first place for clouds.yaml)
     * @param home        the user's home
     * @param kollaOpenrc Kolla's admin-openrc.sh (normally {@code /etc/kolla/admin-openrc.sh})
     */
    public record Lookup(String osCloud, Map<String, String> env, Path cwd, Path home, Path kollaOpenrc) {

        /** The standard places for this process. */
        public static Lookup standard(String osCloud) {
            return new Lookup(osCloud, System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")),
                    Path.of("/etc/kolla/admin-openrc.sh"));
        }
    }

    public static CloudCredentials locate(Lookup lookup) throws CredentialsException {
        Map<String, String> env = lookup.env();
        String cloud = nonBlank(lookup.osCloud()).or(() -> nonBlank(env.get("OS_CLOUD"))).orElse(null);
        if (cloud != null) {
            String why = nonBlank(lookup.osCloud()).isPresent() ? "--os-cloud " + cloud : "OS_CLOUD=" + cloud;
            Path clouds = CloudsYaml.findClouds(env, lookup.cwd(), lookup.home()).orElseThrow(() -> new CredentialsException(
                    why + " but no clouds.yaml in " + describe(CloudsYaml.searchDirectories(env, lookup.cwd(), lookup.home()))
                            + (env.containsKey("OS_CLIENT_CONFIG_FILE") ? " or OS_CLIENT_CONFIG_FILE=" + env.get("OS_CLIENT_CONFIG_FILE") : "")));
            Path secure = CloudsYaml.findSecure(env, lookup.cwd(), lookup.home()).orElse(null);
            return CloudsYaml.load(cloud, clouds, secure, lookup.home());
        }
        if (nonBlank(env.get("OS_AUTH_URL")).isPresent()) {
            return fromVariables(env, ENV_CLOUD, "OS_* environment variables", lookup.home());
        }
        Path openrc = lookup.kollaOpenrc();
        if (openrc != null && Files.isRegularFile(openrc)) {
            if (!Files.isReadable(openrc)) {
                throw new CredentialsException(openrc + " exists but is not readable by this user (it is usually root-only:"
                        + " run kolla-doctor with sudo, or use clouds.yaml / OS_CLOUD)");
            }
            String text;
            try {
                text = Files.readString(openrc, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CredentialsException("cannot read " + openrc + ": " + e.getMessage(), e);
            }
            Map<String, String> variables;
            try {
                variables = OpenRc.parse(text);
            } catch (CredentialsException e) {
                throw new CredentialsException(openrc + ": " + e.getMessage(), e);
            }
            return fromVariables(variables, KOLLA_CLOUD, openrc.toString(), lookup.home());
        }
        throw new CredentialsException("no OpenStack credentials: no --os-cloud, no OS_CLOUD, no OS_AUTH_URL, and no "
                + (openrc == null ? "Kolla admin-openrc.sh" : openrc) + " (clouds.yaml is looked for in "
                + describe(CloudsYaml.searchDirectories(env, lookup.cwd(), lookup.home())) + ")");
    }

    /** Credentials from {@code OS_*} variables (the environment or an openrc file's exports). */
    public static CloudCredentials fromVariables(Map<String, String> v, String cloud, String origin, Path home)
            throws CredentialsException {
        String apiVersion = v.get("OS_IDENTITY_API_VERSION");
        if (apiVersion != null && apiVersion.trim().startsWith("2")) {
            throw new CredentialsException(origin + ": OS_IDENTITY_API_VERSION=" + apiVersion + " (Keystone v2) is not supported; use v3");
        }
        String authType = first(v.get("OS_AUTH_TYPE"), v.get("OS_AUTH_PLUGIN"));
        String cacert = v.get("OS_CACERT");
        String insecure = v.get("OS_INSECURE");
        boolean verify = insecure == null || !List.of("true", "yes", "1").contains(insecure.trim().toLowerCase(Locale.ROOT));
        return withDefaultDomain(new CloudCredentials(cloud, origin, v.get("OS_AUTH_URL"), authType,
                v.get("OS_USERNAME"), v.get("OS_USER_ID"), v.get("OS_PASSWORD"),
                v.get("OS_USER_DOMAIN_NAME"), v.get("OS_USER_DOMAIN_ID"),
                first(v.get("OS_PROJECT_NAME"), v.get("OS_TENANT_NAME")), first(v.get("OS_PROJECT_ID"), v.get("OS_TENANT_ID")),
                v.get("OS_PROJECT_DOMAIN_NAME"), v.get("OS_PROJECT_DOMAIN_ID"),
                v.get("OS_DOMAIN_NAME"), v.get("OS_DOMAIN_ID"), v.get("OS_SYSTEM_SCOPE"),
                v.get("OS_APPLICATION_CREDENTIAL_ID"), v.get("OS_APPLICATION_CREDENTIAL_NAME"),
                v.get("OS_APPLICATION_CREDENTIAL_SECRET"),
                v.get("OS_REGION_NAME"), first(v.get("OS_INTERFACE"), v.get("OS_ENDPOINT_TYPE")),
                cacert == null || cacert.isBlank() ? null : expandHome(cacert, home), verify),
                v.get("OS_DEFAULT_DOMAIN"));
    }

    /**
     * OpenStackClient's rule: a user or project given by name without a domain is in the default domain
     * ({@code default_domain} / {@code OS_DEFAULT_DOMAIN}, else the domain with id {@code default}).
     */
    static CloudCredentials withDefaultDomain(CloudCredentials c, String defaultDomain) {
        String domain = defaultDomain == null || defaultDomain.isBlank() ? CloudCredentials.DEFAULT_DOMAIN_ID : defaultDomain;
        boolean userNeedsDomain = c.username() != null && c.userId() == null && c.userDomainName() == null && c.userDomainId() == null;
        boolean projectNeedsDomain = c.projectName() != null && c.projectId() == null
                && c.projectDomainName() == null && c.projectDomainId() == null;
        if (!userNeedsDomain && !projectNeedsDomain) {
            return c;
        }
        return new CloudCredentials(c.cloud(), c.origin(), c.authUrl(), c.authType(), c.username(), c.userId(), c.password(),
                c.userDomainName(), userNeedsDomain ? domain : c.userDomainId(),
                c.projectName(), c.projectId(), c.projectDomainName(), projectNeedsDomain ? domain : c.projectDomainId(),
                c.domainName(), c.domainId(), c.systemScope(), c.applicationCredentialId(), c.applicationCredentialName(),
                c.applicationCredentialSecret(), c.region(), c.interfaceName(), c.cacert(), c.verify());
    }

    static Path expandHome(String path, Path home) throws CredentialsException {
        String p = path.trim();
        try {
            if (p.equals("~")) {
                return home;
            }
            if (p.startsWith("~/")) {
                return home.resolve(p.substring(2));
            }
            return Path.of(p);
        } catch (InvalidPathException e) {
            throw new CredentialsException("cacert is not a usable path: " + e.getReason());
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static String describe(List<Path> directories) {
        return String.join(", ", directories.stream().map(Path::toString).toList());
    }
}
