package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A3 fix on Kolla-Kubernetes, end to end through the real command line: {@code kolla-doctor fix
 * wsgi.listen-address} against an API server reached with a kubeconfig over HTTPS. The API server is fabric8's
 * kubernetes-server-mock in CRUD mode — no real kube-apiserver can run on these machines (LAB-FACTS) — fed with the
 * demo's real Kolla-Kubernetes objects (aodh-api's ConfigMap says {@code Listen aodh-api:8042}, a Service name).
 * The mock has no controllers, so a thread stands in for aodh-api's ReplicaSet: when its pod is deleted it creates
 * a Ready replacement.
 */
@EnableKubernetesMockClient(crud = true)
class FixKubernetesTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    static final Path OBJECTS = Path.of("../deployment/src/test/resources/live/kubernetes");
    static final String POD = "aodh-api-6b8f9d7c4-xk2lq";

    @TempDir
    Path tmp;
    Path kubeconfig;
    Path config;
    Path audit;
    final AtomicBoolean controllerRuns = new AtomicBoolean(true);

    @BeforeEach
    void feedTheApiServer() throws Exception {
        for (String kind : List.of("pods", "configmaps", "services")) {
            try (InputStream in = Files.newInputStream(OBJECTS.resolve(kind + ".json"))) {
                for (HasMetadata item : client.load(in).items()) {
                    item.getMetadata().setResourceVersion(null);
                    client.resource(item).inNamespace("kolla").createOr(r -> r.update());
                }
            }
        }
        kubeconfig = Files.writeString(tmp.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                current-context: kolla-k8s
                clusters:
                - name: kolla
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                - name: operator
                  user: {token: "kd-test-token-0000"}
                contexts:
                - name: kolla-k8s
                  context: {cluster: kolla, user: operator, namespace: kolla}
                """.formatted(server.url("/").replaceAll("/$", "")));
        config = Files.writeString(tmp.resolve("config.yaml"), "name: kolla-k8s-test\nkubernetes_namespaces: [kolla]\n");
        // Kolla-Kubernetes: the Kolla directory has globals, no host runs a Kolla container (an inventory of empty groups)
        Files.createDirectories(tmp.resolve("kolla"));
        Files.writeString(tmp.resolve("kolla/globals.yml"), "kolla_base_distro: ubuntu\nenable_aodh: yes\n");
        Files.writeString(tmp.resolve("kolla/multinode"), "[control]\n\n[compute]\n");
        audit = tmp.resolve("audit.jsonl");
        server.clearExpectations();
        drainRequests();
    }

    @AfterEach
    void stopTheController() {
        controllerRuns.set(false);
    }

    @Test
    void theDryRunNamesTheConfigMapAndThePodAndSendsNothingButReads() throws Exception {
        Cli r = fix();
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("Plan wsgi.listen-address/rebind-configmap for wsgi.listen-address on kolla-k8s:kolla/aodh-api/wsgi-aodh.conf")
                .contains("line 1: Listen aodh-api:8042 → Listen 0.0.0.0:8042")
                .contains("PATCH /api/v1/namespaces/kolla/configmaps/aodh-api")
                .contains("DELETE /api/v1/namespaces/kolla/pods/" + POD)
                .contains("Dry run: nothing was changed");
        assertThat(drainRequests()).isNotEmpty().allMatch(m -> m.startsWith("GET "));
        assertThat(wsgiConfig()).contains("Listen aodh-api:8042");
        assertThat(client.pods().inNamespace("kolla").withName(POD).get()).isNotNull();
    }

    @Test
    void armedItPatchesTheConfigMapRestartsThePodWaitsForItAndVerifies() throws Exception {
        standInForTheReplicaSet();
        Cli r = fix("--arm", "--yes", "--audit-log", audit.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("VERIFIED: wsgi.listen-address no longer finds anything wrong with "
                + "kolla-k8s:kolla/aodh-api/wsgi-aodh.conf");
        assertThat(wsgiConfig()).contains("Listen 0.0.0.0:8042").doesNotContain("aodh-api:8042");
        assertThat(client.pods().inNamespace("kolla").withName(POD).get()).isNull();
        List<String> sent = drainRequests();
        assertThat(sent).anyMatch(m -> m.startsWith("PATCH /api/v1/namespaces/kolla/configmaps/aodh-api"))
                .anyMatch(m -> m.startsWith("DELETE /api/v1/namespaces/kolla/pods/" + POD));
        String log = Files.readString(audit);
        assertThat(log).contains("PATCH /api/v1/namespaces/kolla/configmaps/aodh-api")
                .contains("DELETE /api/v1/namespaces/kolla/pods/" + POD).contains("1 pod(s) Ready: aodh-api-6b8f9d7c4-new01")
                .contains("healed");
        assertThat(log.lines().count()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aConfigMapChangedSinceTheSweepIsNotOverwritten() throws Exception {
        // the operator (or a deploy) edits the ConfigMap between the sweep and the PATCH: the JSON patch's test fails
        // and the plan stops before restarting anything
        // (the edit happens while the operator reads the plan: when the confirmation prompt reads its answer)
        InputStream stdin = System.in;
        System.setIn(new InputStream() {
            private final byte[] answer = "y\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            private int next = -1;

            @Override
            public int read() {
                if (next < 0) {
                    ConfigMap map = client.configMaps().inNamespace("kolla").withName("aodh-api").get();
                    map.getData().put("wsgi-aodh.conf", map.getData().get("wsgi-aodh.conf")
                            .replace("aodh-api:8042", "aodh-api.kolla:8042"));
                    map.getMetadata().setResourceVersion(null);
                    client.resource(map).update();
                    next = 0;
                }
                return next < answer.length ? answer[next++] : -1;
            }
        });
        Cli r;
        try {
            r = fix("--arm", "--audit-log", audit.toString());
        } finally {
            System.setIn(stdin);
        }
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        // kube-apiserver answers a failed test op with 422; the mock never answers it (its handler throws), so the
        // request times out: either way the step fails and nothing after it runs
        assertThat(r.out()).contains("FAILED: stopped at a failed step: 0 of 4 steps done");
        assertThat(wsgiConfig()).contains("Listen aodh-api.kolla:8042");
        assertThat(client.pods().inNamespace("kolla").withName(POD).get()).as("no pod restarted").isNotNull();
    }

    private Cli fix(String... more) {
        List<String> args = new ArrayList<>(List.of("fix", "wsgi.listen-address"));
        args.addAll(List.of(more));
        return Cli.run(withSource(args.toArray(String[]::new)));
    }

    private String[] withSource(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--config", config.toString(),
                "--kolla-dir", tmp.resolve("kolla").toString()));
        return all.toArray(String[]::new);
    }

    private String wsgiConfig() {
        return client.configMaps().inNamespace("kolla").withName("aodh-api").get().getData().get("wsgi-aodh.conf");
    }

    /** What a ReplicaSet does: a deleted pod is replaced by a new one (new name, new uid) that becomes Ready. */
    private void standInForTheReplicaSet() {
        Pod original = client.pods().inNamespace("kolla").withName(POD).get();
        Thread.ofVirtual().start(() -> {
            while (controllerRuns.get()) {
                if (client.pods().inNamespace("kolla").withName(POD).get() == null) {
                    Pod replacement = new PodBuilder(original).editMetadata().withName("aodh-api-6b8f9d7c4-new01")
                            .withUid(UUID.randomUUID().toString()).withResourceVersion(null).endMetadata().build();
                    replacement.getStatus().getContainerStatuses().forEach(cs -> {
                        cs.setReady(true);
                        cs.setRestartCount(0);
                    });
                    client.resource(replacement).inNamespace("kolla").create();
                    return;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** The requests the API server got since the last call, as {@code METHOD path}, minus the test's own. */
    private static List<String> drainRequests() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
            if (request.getHeader("Authorization") != null && request.getHeader("Authorization").contains("kd-test-token")) {
                seen.add(request.getMethod() + " " + request.getPath());
            }
        }
        return seen;
    }
}
