package io.kolladoctor.fixes;

import static org.assertj.core.api.Assertions.assertThat;

import io.kolladoctor.deployment.facts.kubernetes.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When the restarted pods count as back: the old ones gone (by uid, not name) and as many new ones Ready. */
class PodsReadyWaitTest {

    private static final Operation.KubeAwaitPods WAIT = new Operation.KubeAwaitPods("ctx", "kolla", "aodh-api",
            Set.of("uid-old"), Duration.ofSeconds(5));

    private static Pod pod(String name, String uid, boolean ready, String... maps) {
        return new Pod("kolla", name, "node1", ready ? "Running" : "Pending", List.of("10.0.0.1"), List.of(maps), 0, ready,
                uid, "ReplicaSet/aodh-api-1");
    }

    @Test
    void doneWhenTheOldPodIsGoneAndItsReplacementIsReady() {
        var result = PodsReadyWait.judge(List.of(pod("aodh-api-new", "uid-new", true, "aodh-api"),
                pod("other", "uid-x", false, "other-map")), WAIT);
        assertThat(result.done()).isTrue();
        assertThat(result.detail()).isEqualTo("1 pod(s) Ready: aodh-api-new");
    }

    @Test
    void aStatefulSetPodBackUnderItsOldNameCountsByItsNewUid() {
        assertThat(PodsReadyWait.judge(List.of(pod("aodh-api-0", "uid-new", true, "aodh-api")), WAIT).done()).isTrue();
        var stillOld = PodsReadyWait.judge(List.of(pod("aodh-api-0", "uid-old", true, "aodh-api")), WAIT);
        assertThat(stillOld.done()).isFalse();
        assertThat(stillOld.detail()).contains("still terminating: aodh-api-0");
    }

    @Test
    void notDoneWhileTheReplacementIsNotReadyOrMissing() {
        var notReady = PodsReadyWait.judge(List.of(pod("aodh-api-new", "uid-new", false, "aodh-api")), WAIT);
        assertThat(notReady.done()).isFalse();
        assertThat(notReady.detail()).contains("0 of 1 replacement(s) Ready").contains("not ready: aodh-api-new Pending");
        assertThat(PodsReadyWait.judge(List.of(), WAIT).done()).isFalse();
    }
}
