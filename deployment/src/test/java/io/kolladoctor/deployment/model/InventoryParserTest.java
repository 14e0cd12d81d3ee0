package io.kolladoctor.deployment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.parse.FuzzInputs;
import io.kolladoctor.deployment.parse.MalformedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryParserTest {

    static final String MULTINODE = """
            # These initial groups are the only groups required to be modified.
            [control]
            control[01:03] ansible_user=kolla
            [network]
            network01 ansible_host=10.0.0.41 ansible_user="ops user"
            [compute]
            compute01
            [storage]
            storage[a:b]
            [deployment]
            localhost       ansible_connection=local
            [nova:children]
            control
            [nova-scheduler:children]
            nova
            [compute:vars]
            ansible_become=true
            """;

    @Test
    void expandsRangesAndKeepsVars() throws Exception {
        Inventory inv = InventoryParser.parse(MULTINODE);
        assertThat(inv.hostsIn("control")).extracting(Host::name).containsExactly("control01", "control02", "control03");
        assertThat(inv.hostsIn("storage")).extracting(Host::name).containsExactly("storagea", "storageb");
        Host network = inv.host("network01").orElseThrow();
        assertThat(network.address()).isEqualTo("10.0.0.41");
        assertThat(network.user()).isEqualTo("ops user");
        assertThat(inv.host("control02").orElseThrow().address()).isEqualTo("control02");
    }

    @Test
    void resolvesChildrenGroupsTransitively() throws Exception {
        Inventory inv = InventoryParser.parse(MULTINODE);
        assertThat(inv.hostsIn("nova-scheduler")).extracting(Host::name).containsExactly("control01", "control02", "control03");
        assertThat(inv.host("control01").orElseThrow().groups()).contains("control", "nova", "nova-scheduler");
        assertThat(inv.host("compute01").orElseThrow().vars()).containsEntry("ansible_become", "true");
        assertThat(inv.hostsIn("no-such-group")).isEmpty();
    }

    @Test
    void survivesCyclesInChildren() throws Exception {
        Inventory inv = InventoryParser.parse("[a]\nh1\n[a:children]\nb\n[b:children]\na\n");
        assertThat(inv.hostsIn("b")).extracting(Host::name).containsExactly("h1");
    }

    @Test
    void rejectsBadRangesWithLineNumbers() {
        assertThatThrownBy(() -> InventoryParser.parse("[control]\nnode[09:01]\n"))
                .isInstanceOf(MalformedException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> InventoryParser.parse("[control]\nnode[1:99999999]\n"))
                .isInstanceOf(MalformedException.class);
        assertThatThrownBy(() -> InventoryParser.parse("[control\nnode1\n"))
                .isInstanceOf(MalformedException.class).hasMessageContaining("line 1");
    }

    @Test
    void fuzzedInventoriesParseOrFailCleanly() {
        for (String input : FuzzInputs.around(List.of(MULTINODE), 20261122L, 2000)) {
            try {
                InventoryParser.parse(input);
            } catch (MalformedException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
