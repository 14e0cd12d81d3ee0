package io.kolladoctor.deployment.live.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.facts.openstack.ComputeService;
import io.kolladoctor.deployment.facts.openstack.HeatStack;
import io.kolladoctor.deployment.facts.openstack.KeystoneNamed;
import io.kolladoctor.deployment.facts.openstack.KeystoneProject;
import io.kolladoctor.deployment.facts.openstack.KeystoneUser;
import io.kolladoctor.deployment.facts.openstack.OpenStackApi;
import io.kolladoctor.deployment.facts.openstack.RoleAssignment;
import io.kolladoctor.deployment.facts.openstack.StackResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CloudFetcher} against the REAL lab cloud (Keystone, Nova, Neutron, Octavia, Heat, Magnum of Debian's Zed,
 * lab/up): credentials from the lab's clouds.yaml and admin-openrc.sh exactly as an operator has them. Requests
 * are counted by {@link CountingHttpClient} around the fetcher's real HTTP client.
 */
class CloudFetcherIT {

    static final String CLOUD = "lab";
    static Path labOut;
    static CloudCredentials lab;

    /** Every CLOUD-scope collection the checks read (OpenStackApi), with its typed view. */
    static Map<String, Fact<? extends List<?>>> collections() {
        Map<String, Fact<? extends List<?>>> all = new LinkedHashMap<>();
        all.put("identity/users.json", OpenStackApi.users(CLOUD));
        all.put("identity/projects.json", OpenStackApi.projects(CLOUD));
        all.put("identity/roles.json", OpenStackApi.roles(CLOUD));
        all.put("identity/domains.json", OpenStackApi.domains(CLOUD));
        all.put("identity/role_assignments.json", OpenStackApi.roleAssignments(CLOUD));
        all.put("compute/os-services.json", OpenStackApi.computeServices(CLOUD));
        all.put("network/floatingips.json", OpenStackApi.floatingIps(CLOUD));
        all.put("network/routers.json", OpenStackApi.routers(CLOUD));
        all.put("network/ports.json", OpenStackApi.ports(CLOUD));
        all.put("network/subnets.json", OpenStackApi.subnets(CLOUD));
        all.put("load-balancer/loadbalancers.json", OpenStackApi.loadBalancers(CLOUD));
        all.put("orchestration/stacks.json", OpenStackApi.stacks(CLOUD));
        all.put("container-infra/clusters.json", OpenStackApi.clusters(CLOUD));
        return all;
    }

    @BeforeAll
    static void labCredentials() throws Exception {
        labOut = Path.of(System.getProperty("kd.lab.dir", "../lab"), "out").toAbsolutePath().normalize();
        Path clouds = labOut.resolve("clouds.yaml");
        assertThat(clouds).as("the lab is up (lab/status) and wrote its clouds.yaml").isRegularFile();
        lab = OpenStackCredentials.locate(new OpenStackCredentials.Lookup(null,
                Map.of("OS_CLOUD", CLOUD, "OS_CLIENT_CONFIG_FILE", clouds.toString()), Path.of("/nonexistent"),
                Path.of("/nonexistent"), null));
    }

    private static CloudFetcher fetcher(CloudCredentials credentials, CountingHttpClient[] counter, CloudFetcher.Options options) {
        return new CloudFetcher(credentials, options, client -> counter[0] = new CountingHttpClient(client));
    }

    private record Sweep(Map<String, Material> materials, Duration took, Map<String, Long> millis) {
    }

    /** Fetches every collection in parallel (virtual threads), as a sweep does. */
    private static Sweep sweep(CloudFetcher fetcher) throws Exception {
        Instant start = Instant.now();
        Map<String, Future<Material>> futures = new LinkedHashMap<>();
        Map<String, Long> millis = new java.util.concurrent.ConcurrentSkipListMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : collections().keySet()) {
                futures.put(name, pool.submit(() -> {
                    Instant t = Instant.now();
                    Material m = fetcher.fetch(FactRequest.cloud(CLOUD, name));
                    millis.put(name, Duration.between(t, Instant.now()).toMillis());
                    return m;
                }));
            }
        }
        Map<String, Material> materials = new LinkedHashMap<>();
        for (var e : futures.entrySet()) {
            materials.put(e.getKey(), e.getValue().get());
        }
        return new Sweep(materials, Duration.between(start, Instant.now()), millis);
    }

    @Test
    void everyCollectionIsFetchedOnceParsedByItsTypedFactAndTheTokenIsReused() throws Exception {
        CountingHttpClient[] counter = new CountingHttpClient[1];
        try (CloudFetcher fetcher = fetcher(lab, counter, CloudFetcher.Options.defaults())) {
            Sweep first = sweep(fetcher);
            Map<String, Integer> firstRequests = counter[0].snapshot();
            int firstTotal = counter[0].total();

            for (var e : first.materials().entrySet()) {
                List<?> parsed = collections().get(e.getKey()).parser().parse(e.getValue());
                assertThat(parsed).as(e.getKey() + " parses").isNotNull();
                assertThat(e.getValue().origin()).startsWith("GET http://172.29.0.11:");
            }
            // one token, one request per collection; Heat's default policy denies global_tenant, which costs one
            // more request on the first sweep only (the denial is remembered)
            assertThat(counter[0].count("POST http://172.29.0.11:5000/v3/auth/tokens")).isEqualTo(1);
            boolean globalDenied = counter[0].count("global_tenant=true") == 1 && counter[0].count("/stacks?show_nested=true") == 2;
            for (var e : firstRequests.entrySet()) {
                assertThat(e.getValue()).as(e.getKey() + " sent once").isEqualTo(1);
            }
            assertThat(firstTotal).isEqualTo(1 + collections().size() + (globalDenied ? 1 : 0));

            counter[0].reset();
            Sweep second = sweep(fetcher);
            assertThat(counter[0].count("/auth/tokens")).as("the token is reused").isZero();
            assertThat(counter[0].total()).as("warm sweep: exactly one request per collection").isEqualTo(collections().size());
            assertThat(fetcher.authentications()).isEqualTo(1);

            System.out.printf("[lab] cloud sweep, %d collections in parallel: first %d ms (%d HTTP requests incl. token%s),"
                            + " warm %d ms (%d requests)%n", collections().size(), first.took().toMillis(), firstTotal,
                    globalDenied ? " and Heat's global_tenant denial" : "", second.took().toMillis(), counter[0].total());
            System.out.println("[lab] warm sweep, ms per collection (token in hand): " + second.millis());

            // what the typed facts see is the lab's real content
            List<KeystoneUser> users = parse(OpenStackApi.users(CLOUD), first);
            assertThat(users).extracting(KeystoneUser::name).contains("admin");
            assertThat(parse(OpenStackApi.domains(CLOUD), first)).extracting(KeystoneNamed::name).contains("Default");
            assertThat(parse(OpenStackApi.projects(CLOUD), first)).extracting(KeystoneProject::name).contains("admin", "service");
            assertThat(parse(OpenStackApi.roleAssignments(CLOUD), first))
                    .as("include_names filled the names").anyMatch(a -> "admin".equals(a.userName()) && "admin".equals(a.roleName()));
            List<ComputeService> services = parse(OpenStackApi.computeServices(CLOUD), first);
            assertThat(services).extracting(ComputeService::binary).contains("nova-compute", "nova-scheduler", "nova-conductor");
            assertThat(first.materials().get("compute/os-services.json").text()).as("microversion 2.11").contains("\"forced_down\"");
        }
    }

    @Test
    void bodiesAreTheApisBytesUnchanged() throws Exception {
        CountingHttpClient[] counter = new CountingHttpClient[1];
        try (CloudFetcher fetcher = fetcher(lab, counter, CloudFetcher.Options.defaults());
             HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (String name : List.of("identity/roles.json", "identity/domains.json", "network/subnets.json")) {
                Material material = fetcher.fetch(FactRequest.cloud(CLOUD, name));
                String url = material.origin().substring("GET ".length());
                HttpResponse<byte[]> direct = plain.send(HttpRequest.newBuilder(URI.create(url))
                        .header("X-Auth-Token", counter[0].lastToken()).header("Accept", "application/json").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(material.bytes()).as(name + " byte for byte").isEqualTo(direct.body());
            }
        }
    }

    @Test
    void heatStacksResourcesAndMetadataResolveStackNamesFromTheSameList() throws Exception {
        CountingHttpClient[] counter = new CountingHttpClient[1];
        try (CloudFetcher fetcher = fetcher(lab, counter, CloudFetcher.Options.defaults())) {
            Material stacksBody = fetcher.fetch(FactRequest.cloud(CLOUD, "orchestration/stacks.json"));
            List<HeatStack> stacks = OpenStackApi.stacks(CLOUD).parser().parse(stacksBody);
            assertThat(stacks).as("the lab's Heat stacks (lab/up and its breaks make some)").isNotEmpty();
            int listRequests = counter[0].count("/stacks?show_nested=true");
            int resourceRequests = 0;
            for (HeatStack stack : stacks) {
                Material body = fetcher.fetch(FactRequest.cloud(CLOUD, "orchestration/stacks/" + stack.id() + "/resources.json"));
                resourceRequests++;
                assertThat(body.origin()).contains("/stacks/" + stack.name() + "/" + stack.id() + "/resources?nested_depth=5");
                List<StackResource> resources = OpenStackApi.stackResources(CLOUD, stack.id()).parser().parse(body);
                for (StackResource resource : resources.stream().filter(r -> stack.id().equals(r.stackId())).limit(1).toList()) {
                    Material metadata = fetcher.fetch(FactRequest.cloud(CLOUD,
                            "orchestration/stacks/" + stack.id() + "/resources/" + resource.name() + "/metadata.json"));
                    resourceRequests++;
                    assertThat(OpenStackApi.resourceMetadata(CLOUD, stack.id(), resource.name()).parser().parse(metadata).isObject()).isTrue();
                }
            }
            assertThat(counter[0].count("/stacks?show_nested=true")).as("names came from the list already read").isEqualTo(listRequests);
            assertThat(counter[0].total()).isEqualTo(1 + listRequests + resourceRequests);

            assertThatThrownBy(() -> fetcher.fetch(FactRequest.cloud(CLOUD,
                    "orchestration/stacks/00000000-0000-4000-8000-000000000000/resources.json")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> assertThat(e.isAbsent()).isTrue())
                    .hasMessageContaining("no stack 00000000-0000-4000-8000-000000000000 in the stacks list");
        }
    }

    @Test
    void resourcesAskedBeforeTheListReadItOnceAndTheListIsNotAskedAgain() throws Exception {
        List<HeatStack> stacks;
        try (CloudFetcher probe = new CloudFetcher(lab, CloudFetcher.Options.defaults())) {
            stacks = OpenStackApi.stacks(CLOUD).parser().parse(probe.fetch(FactRequest.cloud(CLOUD, "orchestration/stacks.json")));
        }
        assertThat(stacks).isNotEmpty();
        CountingHttpClient[] counter = new CountingHttpClient[1];
        try (CloudFetcher fetcher = fetcher(lab, counter, CloudFetcher.Options.defaults())) {
            fetcher.fetch(FactRequest.cloud(CLOUD, "orchestration/stacks/" + stacks.get(0).id() + "/resources.json"));
            int afterResources = counter[0].count("/stacks?show_nested=true");
            fetcher.fetch(FactRequest.cloud(CLOUD, "orchestration/stacks.json"));
            assertThat(counter[0].count("/stacks?show_nested=true")).as("the list read for the name serves the list request")
                    .isEqualTo(afterResources);
        }
    }

    @Test
    void aRevokedTokenIsRenewedOnceAndTheRequestRetried() throws Exception {
        CountingHttpClient[] counter = new CountingHttpClient[1];
        try (CloudFetcher fetcher = fetcher(lab, counter, CloudFetcher.Options.defaults());
             HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            fetcher.fetch(FactRequest.cloud(CLOUD, "identity/domains.json"));
            String token = counter[0].lastToken();
            HttpResponse<String> revoked = plain.send(HttpRequest.newBuilder(URI.create("http://172.29.0.11:5000/v3/auth/tokens"))
                    .header("X-Auth-Token", token).header("X-Subject-Token", token).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(revoked.statusCode()).isEqualTo(204);
            counter[0].reset();
            Material users = fetcher.fetch(FactRequest.cloud(CLOUD, "identity/users.json"));
            assertThat(OpenStackApi.users(CLOUD).parser().parse(users)).isNotEmpty();
            assertThat(fetcher.authentications()).isEqualTo(2);
            assertThat(counter[0].count("GET http://172.29.0.11:5000/v3/users")).as("401, then the retry").isEqualTo(2);
            assertThat(counter[0].count("/auth/tokens")).isEqualTo(1);
            assertThat(counter[0].lastToken()).isNotEqualTo(token);
        }
    }

    @Test
    void kollasAdminOpenrcWorksWithItsInternalInterface() throws Exception {
        CloudCredentials kolla = OpenStackCredentials.locate(new OpenStackCredentials.Lookup(null, Map.of(),
                Path.of("/nonexistent"), Path.of("/nonexistent"), labOut.resolve("admin-openrc.sh")));
        assertThat(kolla.cloud()).isEqualTo("kolla-admin");
        assertThat(kolla.interfaceName()).isEqualTo("internal");
        try (CloudFetcher fetcher = new CloudFetcher(kolla, CloudFetcher.Options.defaults())) {
            Material services = fetcher.fetch(FactRequest.cloud("kolla-admin", "compute/os-services.json"));
            assertThat(OpenStackApi.computeServices("kolla-admin").parser().parse(services)).isNotEmpty();
        }
    }

    @Test
    void aRegionTheCatalogLacksMakesEveryServiceAbsentWithTheReason() throws Exception {
        CloudCredentials elsewhere = new CloudCredentials(CLOUD, lab.origin(), lab.authUrl(), lab.authType(), lab.username(),
                lab.userId(), lab.password(), lab.userDomainName(), lab.userDomainId(), lab.projectName(), lab.projectId(),
                lab.projectDomainName(), lab.projectDomainId(), null, null, null, null, null, null, "RegionNine", "public", null, true);
        try (CloudFetcher fetcher = new CloudFetcher(elsewhere, CloudFetcher.Options.defaults())) {
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.cloud(CLOUD, "load-balancer/loadbalancers.json")))
                    .isInstanceOfSatisfying(FactUnavailableException.class, e -> assertThat(e.isAbsent()).isTrue())
                    .hasMessage("cloud 'lab': no load-balancer endpoint with interface public in region RegionNine in the catalog"
                            + " (it has: admin in RegionOne, internal in RegionOne, public in RegionOne)");
            assertThat(fetcher.requestsSent()).as("the token only").isEqualTo(1);
        }
    }

    @Test
    void wrongCredentialsAreFailedWithKeystonesAnswer() throws Exception {
        CloudCredentials wrong = OpenStackCredentials.fromVariables(Map.of("OS_AUTH_URL", lab.authUrl(),
                "OS_USERNAME", "kolla-doctor-no-such-user", "OS_PASSWORD", "WrongPassw0rd!", "OS_PROJECT_NAME", "admin"),
                CLOUD, "test", Path.of("/root"));
        try (CloudFetcher fetcher = new CloudFetcher(wrong, CloudFetcher.Options.defaults())) {
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.cloud(CLOUD, "identity/users.json")))
                    .isInstanceOfSatisfying(FactUnavailableException.class,
                            e -> assertThat(e.kind()).isEqualTo(FactUnavailableException.Kind.FAILED))
                    .hasMessageContaining("refused the credentials of test (HTTP 401")
                    .hasMessageNotContaining("WrongPassw0rd!");
        }
    }

    @Test
    void anUnreachableKeystoneOnTheLabNetworkFailsWithinTheDeadline() throws Exception {
        List<String> unreachable = new ArrayList<>();
        // nothing listens on 5001 of the controller (refused); nobody has .250 on the lab network (no ARP answer)
        for (String url : List.of("http://172.29.0.11:5001/v3", "http://172.29.0.250:5000/v3")) {
            CloudCredentials down = OpenStackCredentials.fromVariables(Map.of("OS_AUTH_URL", url, "OS_USERNAME", "admin",
                    "OS_PASSWORD", lab.password(), "OS_PROJECT_NAME", "admin"), CLOUD, "test", Path.of("/root"));
            try (CloudFetcher fetcher = new CloudFetcher(down, new CloudFetcher.Options(Duration.ofSeconds(2), Duration.ofSeconds(3)))) {
                Instant start = Instant.now();
                try {
                    fetcher.fetch(FactRequest.cloud(CLOUD, "compute/os-services.json"));
                } catch (FactUnavailableException e) {
                    Duration took = Duration.between(start, Instant.now());
                    assertThat(e.kind()).isEqualTo(FactUnavailableException.Kind.FAILED);
                    assertThat(e.getMessage()).startsWith("cloud 'lab': Keystone " + url + "/auth/tokens")
                            .containsAnyOf("cannot connect", "no answer within").doesNotContain(lab.password());
                    assertThat(took).isLessThan(Duration.ofMillis(3500));
                    unreachable.add(e.getMessage() + " (" + took.toMillis() + " ms)");
                }
            }
        }
        assertThat(unreachable).hasSize(2);
        unreachable.forEach(m -> System.out.println("[lab] " + m));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> parse(Fact<List<T>> fact, Sweep sweep) throws Exception {
        return fact.parser().parse(sweep.materials().get(fact.request().name()));
    }

}
