package io.kolladoctor.checks.catalog;

import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.CheckInfo;
import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.Subject;
import io.kolladoctor.checks.support.KeystoneAuthtoken;
import io.kolladoctor.checks.support.KeystoneDirectory;
import io.kolladoctor.checks.support.KollaServices;
import io.kolladoctor.checks.support.KollaServices.ApiService;
import io.kolladoctor.checks.support.OptionalFacts;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.ConfigFile;
import io.kolladoctor.deployment.facts.host.HostFiles;
import io.kolladoctor.deployment.facts.host.IniConfig;
import io.kolladoctor.deployment.facts.kubernetes.ConfigMap;
import io.kolladoctor.deployment.facts.kubernetes.KubernetesApi;
import io.kolladoctor.deployment.facts.openstack.KeystoneProject;
import io.kolladoctor.deployment.facts.openstack.KeystoneUser;
import io.kolladoctor.deployment.facts.openstack.RoleAssignment;
import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.model.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A2 {@code keystone.service-project-membership} — service user not in project {@code service}. Seeds 000, 002, 004.
 *
 * <p>Symptom: a service's API answers 503; its log says {@code Unable to validate token: Identity server rejected
 * authorization necessary to fetch token data}.
 * <p>Rule: for every enabled Kolla-Ansible API service (its config on the API hosts; Kolla's registered user when no
 * config was collected) and every Kolla-Kubernetes ConfigMap key {@code *.conf} with a {@code [keystone_authtoken]}:
 * FAIL when the Keystone user it names does not exist (or is disabled), or holds no {@code admin} role on the project
 * it names (direct, or inherited from the project's domain); WARN when only a group holds it; OK otherwise.
 * <p>Fix: {@code openstack role add --project service --user <user> admin}.
 */
public final class KeystoneServiceProjectMembership implements Check {

    static final CheckInfo INFO = new CheckInfo(
            "keystone.service-project-membership",
            "Service user lacks the admin role on its project (service)",
            "A service API answers 503 (e.g. 'ceilometer meter-list', aodh); the service's app.wsgi.log says "
                    + "'Unable to validate token: Identity server rejected authorization necessary to fetch token data'.",
            "For every enabled service (Kolla-Ansible API configs on the API hosts, Kolla-Kubernetes ConfigMaps), FAIL "
                    + "when the Keystone user of its [keystone_authtoken] does not exist or is disabled, or holds no "
                    + "'admin' role on the project it names (normally 'service' in domain 'default'). Kolla-Ansible "
                    + "registers every service user with admin on project service.",
            "openstack role add --project service --user <user> admin   (Keystone API PUT "
                    + "/v3/projects/{project}/users/{user}/roles/{role}). If the user is missing, create it first with "
                    + "the password from passwords.yml (<service>_keystone_password): 'openstack user create --domain "
                    + "default --password <pw> <user>'. Then restart the service's API (container or pod).",
            "'openstack role assignment list --user <user> --project service --names' shows admin; the service's API "
                    + "answers an authenticated request.",
            List.of("000", "002", "004"),
            List.of("[keystone_authtoken] of /etc/kolla/<service>-api/<service>.conf on the API hosts",
                    "configmaps.json of the Kubernetes namespaces (optional)",
                    "identity/users.json, projects.json, roles.json, domains.json, role_assignments.json"),
            null);

    private static final String ADMIN = "admin";

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public List<FactRequest> prefetch(Deployment deployment) {
        List<FactRequest> requests = new ArrayList<>();
        for (ApiService service : KollaServices.enabledApiServices(deployment)) {
            for (Host host : KollaServices.apiHosts(deployment, service)) {
                service.configPaths().forEach(path -> requests.add(FactRequest.hostFile(host.name(), path)));
            }
        }
        deployment.topology().kubernetes().forEach((context, namespaces) -> namespaces.forEach(
                ns -> requests.add(KubernetesApi.configMaps(context, ns).request())));
        deployment.cloud().ifPresent(cloud -> requests.addAll(KeystoneDirectory.requests(cloud)));
        return requests;
    }

    @Override
    public List<Finding> run(Facts facts) throws FactUnavailableException {
        Deployment deployment = Deployments.of(facts);
        List<Finding> findings = new ArrayList<>();
        List<KeystoneAuthtoken.Use> uses = new ArrayList<>();
        kollaAnsibleUses(facts, deployment, uses, findings);
        kubernetesUses(facts, deployment, uses, findings);
        Subject whole = Subject.of("deployment", deployment.name());
        if (uses.isEmpty()) {
            findings.add(INFO.skip(whole, "no enabled service authenticates to Keystone: no Kolla-Ansible API service "
                    + "is enabled and no Kolla-Kubernetes ConfigMap has a [keystone_authtoken] username"));
            return findings;
        }
        if (deployment.cloud().isEmpty()) {
            findings.add(INFO.skip(whole, "this source does not reach an OpenStack cloud: Keystone's users and role "
                    + "assignments are unknown"));
            return findings;
        }
        KeystoneDirectory keystone = KeystoneDirectory.read(facts, deployment.cloud().get()); // the sweep reports why not
        uses.stream().collect(Collectors.groupingBy(KeystoneAuthtoken.Use::identity, LinkedHashMap::new, Collectors.toList()))
                .forEach((identity, same) -> findings.add(judge(keystone, identity, same)));
        return findings;
    }

    /** The API config of each enabled service on its API hosts; Kolla's registered user when none was collected. */
    private static void kollaAnsibleUses(Facts facts, Deployment deployment, List<KeystoneAuthtoken.Use> uses,
                                         List<Finding> findings) {
        for (ApiService service : KollaServices.enabledApiServices(deployment)) {
            List<Host> hosts = KollaServices.apiHosts(deployment, service);
            int before = uses.size();
            for (Host host : hosts) {
                for (String path : service.configPaths()) {
                    try {
                        Optional<ConfigFile> file = OptionalFacts.collected(facts, HostFiles.file(host.name(), path));
                        if (file.isPresent()) {
                            KeystoneAuthtoken.read(service.apiGroup(), file.get().where(), file.get().ini())
                                    .ifPresent(uses::add);
                            break; // the first rendered candidate is the one the container mounts
                        }
                    } catch (FactUnavailableException e) {
                        findings.add(INFO.error(Subject.onHost("file", host.name(), path), e.getMessage()));
                        break;
                    }
                }
            }
            if (uses.size() == before) {
                String user = KollaServices.keystoneUser(deployment.globals(), service);
                String where = hosts.stream().map(Host::name).collect(Collectors.joining(", "));
                uses.add(new KeystoneAuthtoken.Use(service.apiGroup(), "globals.yml", KeystoneAuthtoken.kollaDefault(user),
                        List.of(Evidence.field(deployment.globals().whereSet(service.name() + "_keystone_user"),
                                service.name() + "_keystone_user", user + " (no [keystone_authtoken] read from "
                                        + service.configPaths().get(0) + " on " + (where.isEmpty() ? "any host" : where)
                                        + "; judged as Kolla registers it: project service, domain default)"))));
            }
        }
    }

    /** Every {@code *.conf} key of the ConfigMaps of the deployment's Kubernetes namespaces (Kolla-Kubernetes). */
    private static void kubernetesUses(Facts facts, Deployment deployment, List<KeystoneAuthtoken.Use> uses,
                                       List<Finding> findings) {
        new TreeMap<>(deployment.topology().kubernetes()).forEach((context, namespaces) -> {
            for (String namespace : namespaces) {
                List<ConfigMap> maps;
                try {
                    maps = OptionalFacts.collected(facts, KubernetesApi.configMaps(context, namespace)).orElse(List.of());
                } catch (FactUnavailableException e) {
                    findings.add(INFO.error(Subject.of("source", e.request().describe()), e.getMessage()));
                    continue;
                }
                for (ConfigMap map : maps) {
                    new TreeMap<>(map.data()).forEach((key, text) -> {
                        if (key.endsWith(".conf")) {
                            String source = "configmap " + namespace + "/" + map.name() + " key " + key
                                    + " (kubernetes context " + context + ")";
                            KeystoneAuthtoken.read(map.name(), source, IniConfig.parse(text)).ifPresent(uses::add);
                        }
                    });
                }
            }
        });
    }

    private static Finding judge(KeystoneDirectory keystone, KeystoneAuthtoken identity, List<KeystoneAuthtoken.Use> uses) {
        String name = identity.username();
        Subject subject = Subject.of("user", name);
        String who = "Keystone user " + name + " (used by "
                + uses.stream().map(KeystoneAuthtoken.Use::service).distinct().collect(Collectors.joining(", ")) + ")";
        List<Evidence> evidence = new ArrayList<>(uses.get(0).lines());
        List<String> others = uses.stream().skip(1).map(KeystoneAuthtoken.Use::source).distinct().toList();
        if (!others.isEmpty()) {
            evidence.add(Evidence.of("the same identity is configured in", String.join("\n", others)));
        }
        Optional<KeystoneUser> user = keystone.user(name, identity.userDomain());
        if (user.isEmpty()) {
            evidence.add(Evidence.field(keystone.source("users.json"), "users[name=" + name + "]",
                    "no user " + name + " in " + identity.userDomain()));
            return INFO.fail(subject, who + " does not exist in " + identity.userDomain()
                    + ": every token validation fails, the API answers 503", evidence);
        }
        if (!user.get().enabled()) {
            evidence.add(Evidence.field(keystone.source("users.json"), "users[name=" + name + "].enabled", "false"));
            return INFO.fail(subject, who + " is disabled: every token validation fails, the API answers 503", evidence);
        }
        Optional<KeystoneProject> project = keystone.project(identity.project(), identity.projectDomain());
        if (project.isEmpty()) {
            evidence.add(Evidence.field(keystone.source("projects.json"), "projects[name=" + identity.project() + "]",
                    "no project " + identity.project() + " in " + identity.projectDomain()));
            return INFO.fail(subject, who + " authenticates on project " + identity.project()
                    + ", which does not exist in " + identity.projectDomain(), evidence);
        }
        return judgeRoles(keystone, user.get(), project.get(), subject, who, evidence);
    }

    private static Finding judgeRoles(KeystoneDirectory keystone, KeystoneUser user, KeystoneProject project,
                                      Subject subject, String who, List<Evidence> evidence) {
        String source = keystone.source("role_assignments.json");
        String field = "role_assignments[user.name=" + user.name() + "]";
        List<RoleAssignment> own = keystone.assignmentsOf(user);
        Optional<RoleAssignment> admin = own.stream().filter(a -> keystone.grants(a, ADMIN, project)).findFirst();
        if (admin.isPresent()) {
            evidence.add(Evidence.field(source, field, keystone.describe(admin.get())));
            return INFO.finding(Status.OK, subject, who + " holds admin on project " + project.name(), evidence);
        }
        evidence.add(Evidence.field(source, field, own.isEmpty() ? "no role assignment at all"
                : "no admin on project " + project.name() + "; holds: "
                + own.stream().map(keystone::describe).collect(Collectors.joining(", "))));
        List<RoleAssignment> groups = keystone.groupGrants(ADMIN, project);
        if (!groups.isEmpty()) {
            String group = groups.get(0).groupId();
            evidence.add(Evidence.field(source, "role_assignments[group.id=" + group + "]",
                    keystone.describe(groups.get(0)) + " (held by a group)"));
            return INFO.warn(subject, who + " holds admin on project " + project.name() + " only if it is a member of "
                    + "group " + group + " (group membership was not collected)", evidence.toArray(Evidence[]::new));
        }
        return INFO.fail(subject, who + " holds no admin role on project " + project.name() + ": keystonemiddleware "
                + "cannot validate tokens, so the API answers 503 ('Identity server rejected authorization necessary to "
                + "fetch token data')", evidence);
    }
}
