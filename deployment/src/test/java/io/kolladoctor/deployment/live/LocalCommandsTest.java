package io.kolladoctor.deployment.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kolladoctor.deployment.live.host.HostFetcher.CommandResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands on this machine for fixes: exit status and merged output, only its end kept, killed at the timeout. */
class LocalCommandsTest {

    @Test
    void exitStatusAndMergedOutput() throws IOException {
        CommandResult r = LocalCommands.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
        assertThat(r.exitStatus()).isEqualTo(3);
        assertThat(r.stdout()).contains("out").contains("err");
    }

    @Test
    void aLongOutputDoesNotStopTheCommandAndItsEndIsKept() throws IOException {
        // ~1.6 MB, more than host reads accept: a kolla-ansible run must not be cut off for talking a lot
        CommandResult r = LocalCommands.run(List.of("sh", "-c",
                "i=0; while [ $i -lt 20000 ]; do echo \"task $i ok: [ctl01] ........................................\"; "
                        + "i=$((i+1)); done; echo 'PLAY RECAP'; exit 0"), Duration.ofSeconds(60));
        assertThat(r.exitStatus()).isZero();
        assertThat(r.stdout().length()).isLessThanOrEqualTo(LocalCommands.KEPT);
        assertThat(r.stdout()).endsWith("PLAY RECAP\n").contains("task 19999 ok").doesNotContain("task 0 ok");
    }

    @Test
    void pastTheTimeoutTheCommandAndItsChildrenAreKilled() {
        Instant start = Instant.now();
        assertThatThrownBy(() -> LocalCommands.run(List.of("sh", "-c", "echo started; sleep 30"), Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("did not finish within 1 s (killed)");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aMissingProgramSaysSo() {
        assertThatThrownBy(() -> LocalCommands.run(List.of("/nonexistent/kolla-ansible", "-i", "x"), Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot run /nonexistent/kolla-ansible");
    }
}
