package io.kolladoctor.fixes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void planRiskIsItsRiskiestStep() {
        Plan plan = new Plan("disk.relabel", "ceph.osd-bootstrap-labels", "stor1:/dev/sdb", List.of(
                new Step("lsblk -J /dev/sdb", "stor1", Risk.SAFE, null),
                new Step("parted /dev/sdb -s -- mklabel gpt mkpart KOLLA_CEPH_OSD_BOOTSTRAP_BS 1 -1", "stor1", Risk.DESTRUCTIVE, null)));
        assertThat(plan.risk()).isEqualTo(Risk.DESTRUCTIVE);
        assertThat(plan.steps().get(1).isReversible()).isFalse();
        assertThat(new Plan("x", "y", "z", List.of()).risk()).isEqualTo(Risk.SAFE);
    }
}
