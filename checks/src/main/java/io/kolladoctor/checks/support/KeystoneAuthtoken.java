package io.kolladoctor.checks.support;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.deployment.facts.host.IniConfig;
import io.kolladoctor.deployment.facts.openstack.KeystoneNamed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The identity a service authenticates as to validate tokens: the {@code [keystone_authtoken]} section of its
 * config (keystonemiddleware's password plugin: {@code username}, {@code project_name} and the user's and project's
 * domain, by id or by name). Equal identities from several configs are the same Keystone user.
 */
public record KeystoneAuthtoken(String username, Domain userDomain, String project, Domain projectDomain) {

    public static final String SECTION = "keystone_authtoken";
    /** keystoneauth's default domain when a config names none; Kolla puts service users there. */
    public static final String DEFAULT_DOMAIN_ID = "default";
    /** Kolla-Ansible registers every service user on this project ({@code service-ks-register}). */
    public static final String SERVICE_PROJECT = "service";

    /** A user or project domain as a config names it: by id or by name. */
    public record Domain(String value, boolean byId) {

        static Domain from(IniConfig ini, String prefix) {
            Optional<String> id = ini.value(SECTION, prefix + "_domain_id").filter(v -> !v.isBlank());
            if (id.isPresent()) {
                return new Domain(id.get(), true);
            }
            return ini.value(SECTION, prefix + "_domain_name").filter(v -> !v.isBlank())
                    .map(name -> new Domain(name, false)).orElse(new Domain(DEFAULT_DOMAIN_ID, true));
        }

        /**
         * The domain's id, or null when none matches. Names compare ignoring case, as Keystone's SQL backend looks
         * them up (MySQL's case-insensitive collation): Kolla's "default" finds the domain named "Default".
         */
        public String resolve(List<KeystoneNamed> domains) {
            return byId ? value : domains.stream().filter(d -> value.equalsIgnoreCase(d.name()))
                    .map(KeystoneNamed::id).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return byId ? "domain id " + value : "domain " + value;
        }
    }

    /** One config that names an identity: the service using it, the file, and its username / project_name lines. */
    public record Use(String service, String source, KeystoneAuthtoken identity, List<Evidence> lines) {
    }

    /** Kolla's own registration of a service user: project service, domain default. */
    public static KeystoneAuthtoken kollaDefault(String username) {
        Domain domain = new Domain(DEFAULT_DOMAIN_ID, true);
        return new KeystoneAuthtoken(username, domain, SERVICE_PROJECT, domain);
    }

    /** The identity of a config's {@code [keystone_authtoken]}, when it names a user. */
    public static Optional<Use> read(String service, String source, IniConfig ini) {
        Optional<IniConfig.Option> username = ini.option(SECTION, "username").filter(o -> !o.value().isBlank());
        if (username.isEmpty()) {
            return Optional.empty();
        }
        Optional<IniConfig.Option> project = ini.option(SECTION, "project_name").filter(o -> !o.value().isBlank());
        KeystoneAuthtoken identity = new KeystoneAuthtoken(username.get().value(), Domain.from(ini, "user"),
                project.map(IniConfig.Option::value).orElse(SERVICE_PROJECT), Domain.from(ini, "project"));
        // Only these two lines are quoted: the section also holds password and memcache_secret_key.
        List<Evidence> lines = new ArrayList<>();
        lines.add(Evidence.line(source, username.get().line(), "[" + SECTION + "] username = " + username.get().value()));
        project.ifPresent(p -> lines.add(Evidence.line(source, p.line(), "[" + SECTION + "] project_name = " + p.value())));
        return Optional.of(new Use(service, source, identity, List.copyOf(lines)));
    }
}
