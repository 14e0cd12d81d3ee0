package io.kolladoctor.deployment.live.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.facts.kubernetes.ConfigMap;
import io.kolladoctor.deployment.facts.kubernetes.KubeService;
import io.kolladoctor.deployment.facts.kubernetes.KubernetesApi;
import io.kolladoctor.deployment.facts.kubernetes.Pod;
import io.kolladoctor.deployment.parse.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KubeFetcher} against fabric8's kubernetes-server-mock (CRUD mode) — a MOCK API server: no real
 * kube-apiserver can run on these machines (LAB-FACTS). It is fed with real object shapes (the demo's Kolla-Kubernetes
 * pods, configmaps and services; kubectl-shaped deployments, jobs, events) and reached through a real kubeconfig file
 * over HTTPS, as an operator's would be.
 */
@EnableKubernetesMockClient(crud = true)
class KubeFetcherTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    static Path kubeconfig;
    static ServerSocket silent;
    static final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void feedTheMockAndWriteAKubeconfig(@TempDir Path tmp) throws Exception {
        for (String kind : List.of("pods", "configmaps", "services", "deployments", "jobs", "events")) {
            try (InputStream in = KubeFetcherTest.class.getResourceAsStream("/live/kubernetes/" + kind + ".json")) {
                for (HasMetadata item : client.load(in).items()) {
                    item.getMetadata().setResourceVersion(null);
                    client.resource(item).inNamespace("kolla").create();
                }
            }
        }
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    held.add(silent.accept()); // a hung API server: accepts, never answers
                }
            } catch (IOException closed) {
                // done
            }
        });
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        String url = server.url("/").replaceAll("/$", "");
        kubeconfig = Files.writeString(tmp.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                current-context: dead
                clusters:
                - name: kolla
                  cluster: {server: "%1$s", insecure-skip-tls-verify: true}
                - name: kolla-strict
                  cluster: {server: "%1$s"}
                - name: dead
                  cluster: {server: "http://127.0.0.1:%2$d"}
                - name: hung
                  cluster: {server: "http://127.0.0.1:%3$d"}
                users:
                - name: operator
                  user: {token: "kd-test-token-0000"}
                contexts:
                - name: kolla-k8s
                  context: {cluster: kolla, user: operator, namespace: kolla}
                - name: kolla-k8s-strict
                  context: {cluster: kolla-strict, user: operator}
                - name: dead
                  context: {cluster: dead, user: operator}
                - name: hung
                  context: {cluster: hung, user: operator}
                """.formatted(url, dead, silent.getLocalPort()));
    }

    @AfterAll
    static void stop() throws IOException {
        silent.close();
        for (Socket s : held) {
            s.close();
        }
    }

    private static KubeFetcher fetcher() {
        return new KubeFetcher(new KubeFetcher.Options(List.of(kubeconfig), Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    @Test
    void clientsAreCreatedOnTheFirstRequestOfAContextNotBefore() throws Exception {
        try (KubeFetcher fetcher = fetcher()) {
            assertThat(fetcher.contexts()).containsExactly("dead", "hung", "kolla-k8s", "kolla-k8s-strict");
            assertThat(fetcher.clientsCreated()).isZero();
            fetcher.fetch(FactRequest.kubernetes("kolla-k8s", "kolla/pods.json"));
            fetcher.fetch(FactRequest.kubernetes("kolla-k8s", "kolla/services.json"));
            assertThat(fetcher.clientsCreated()).isEqualTo(1);
        }
    }

    @Test
    void listBodiesAreTheApiServersBytesAndParseAsTheTypedFacts() throws Exception {
        try (KubeFetcher fetcher = fetcher()) {
            int before = server.getRequestCount();
            Material pods = fetcher.fetch(FactRequest.kubernetes("kolla-k8s", "kolla/pods.json"));
            Material configMaps = fetcher.fetch(FactRequest.kubernetes("kolla-k8s", "kolla/configmaps.json"));
            Material services = fetcher.fetch(FactRequest.kubernetes("kolla-k8s", "kolla/services.json"));
            assertThat(server.getRequestCount() - before).as("one request per list, counted by the server").isEqualTo(3);
            assertThat(fetcher.requestsSent()).isEqualTo(3);

            assertThat(pods.origin()).isEqualTo("GET " + server.url("/api/v1/namespaces/kolla/pods"));
            List<Pod> podList = KubernetesApi.pods("kolla-k8s", "kolla").parser().parse(pods);
            assertThat(podList).extracting(Pod::name).containsExactlyInAnyOrder("aodh-api-6b8f9d7c4-xk2lq",
                    "aodh-evaluator-5d7f8b9c6-p9t2m", "aodh-listener-7c9d5f6b8-w4r8n", "aodh-notifier-84f6c7d9b-h7j3v");
            assertThat(KubernetesApi.containerStatuses("kolla-k8s", "kolla").parser().parse(pods)).isNotEmpty();
            assertThat(KubernetesApi.configMaps("kolla-k8s", "kolla").parser().parse(configMaps)).extracting(ConfigMap::name)
                    .contains("aodh-api", "aodh-api-logging").hasSize(8);
            assertThat(KubernetesApi.services("kolla-k8s", "kolla").parser().parse(services)).extracting(KubeService::name)
                    .containsExactly("aodh-api");

            // byte for byte what the API server sent: the same GET through fabric8's raw call
            assertThat(pods.text()).isEqualTo(client.raw("/api/v1/namespaces/kolla/pods"));
            // (the mock answers "kind": "List" where a real API server says "PodList": bytes pass through either way)
            assertThat(Json.parse(pods.text()).path("items").size()).isEqualTo(4);
        }
    }

    @Test
    void deploymentsJobsAndEventsComeFromTheirApiGroups() throws Exception {
        try (KubeFetcher fetcher = fetcher()) {
            for (String[] kind : new String[][] {{"deployments", "/apis/apps/v1/", "Deployment", "aodh-api"},
                    {"jobs", "/apis/batch/v1/", "Job", "aodh-create-db"},
                    {"events", "/api/v1/", "Event", "aodh-api-6b8f9d7c4-xk2lq.1879a3c2d4e5f601"}}) {
                Material m = fetcher.fetch(FactRequest.kubernetes("kolla-k8s", "kolla/" + kind[0] + ".json"));
                assertThat(m.origin()).contains(kind[1] + "namespaces/kolla/" + kind[0]);
                JsonNode body = KubernetesApi.raw("kolla-k8s", "kolla", kind[0]).parser().parse(m);
                assertThat(body.path("items")).hasSize(1);
                assertThat(body.path("items").get(0).path("kind").asText()).isEqualTo(kind[2]);
                assertThat(body.path("items").get(0).path("metadata").path("name").asText()).isEqualTo(kind[3]);
            }
        }
    }

    @Test
    void anUnknownContextIsRefusedNotReplacedByTheCurrentOne() {
        try (KubeFetcher fetcher = fetcher()) {
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.kubernetes("prod", "kolla/pods.json")))
                    .isInstanceOfSatisfying(FactUnavailableException.class,
                            e -> assertThat(e.kind()).isEqualTo(FactUnavailableException.Kind.FAILED))
                    .hasMessageContaining("context 'prod': no context 'prod' in kubeconfig " + kubeconfig)
                    .hasMessageContaining("(it has: dead, hung, kolla-k8s, kolla-k8s-strict)");
            assertThat(fetcher.clientsCreated()).isZero();
        }
    }

    @Test
    void deadAndHungApiServersFailWithinTheDeadline() {
        try (KubeFetcher fetcher = fetcher()) {
            Instant start = Instant.now();
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.kubernetes("dead", "kolla/pods.json")))
                    .hasMessageContaining("context 'dead': GET http://127.0.0.1:").hasMessageContaining("cannot connect");
            assertThat(Duration.between(start, Instant.now())).as("no fabric8 retries").isLessThan(Duration.ofSeconds(2));
            start = Instant.now();
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.kubernetes("hung", "kolla/pods.json")))
                    .isInstanceOfSatisfying(FactUnavailableException.class,
                            e -> assertThat(e.kind()).isEqualTo(FactUnavailableException.Kind.FAILED))
                    .hasMessageContaining("context 'hung': GET http://127.0.0.1:" + silent.getLocalPort());
            assertThat(Duration.between(start, Instant.now())).isBetween(Duration.ofMillis(1500), Duration.ofMillis(3500));
        }
    }

    @Test
    void anApiServerCertificateIsVerifiedUnlessKubeconfigSaysSkip() {
        try (KubeFetcher fetcher = fetcher()) {
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.kubernetes("kolla-k8s-strict", "kolla/pods.json")))
                    .hasMessageContaining("TLS handshake with localhost:").hasMessageContaining("certificate-authority");
        }
    }

    @Test
    void anErrorStatusCarriesTheApiServersMessage() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/kube-system/pods")
                .andReturn(403, """
                        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods is forbidden: User \\"system:serviceaccount:kolla:doctor\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"kube-system\\"","reason":"Forbidden","details":{"kind":"pods"},"code":403}
                        """).once();
        try (KubeFetcher fetcher = fetcher()) {
            assertThatThrownBy(() -> fetcher.fetch(FactRequest.kubernetes("kolla-k8s", "kube-system/pods.json")))
                    .isInstanceOfSatisfying(FactUnavailableException.class,
                            e -> assertThat(e.kind()).isEqualTo(FactUnavailableException.Kind.FAILED))
                    .hasMessageEndingWith("HTTP 403: pods is forbidden: User \"system:serviceaccount:kolla:doctor\" cannot list"
                            + " resource \"pods\" in API group \"\" in the namespace \"kube-system\"");
        }
    }

    @Test
    void secretsAndOddNamesAreNeverRequested() {
        try (KubeFetcher fetcher = fetcher()) {
            List<String> refused = new ArrayList<>();
            for (String name : List.of("kolla/secrets.json", "kolla/pods.yaml", "pods.json")) {
                try {
                    fetcher.fetch(FactRequest.kubernetes("kolla-k8s", name));
                } catch (FactUnavailableException e) {
                    refused.add(e.getMessage());
                }
            }
            assertThat(refused).hasSize(3).allMatch(m -> m.contains("is not <namespace>/<kind>.json"));
            assertThat(fetcher.requestsSent()).isZero();
            assertThat(fetcher.clientsCreated()).isZero();
        }
    }
}
