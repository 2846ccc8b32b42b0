package dev.tandem.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** One place per backend for server state (runtime API "set server ... state|weight"). */
class BackendStateTest {

    private final List<BackendServer> servers = List.of(BackendServer.of(0, "a", 10), BackendServer.of(1, "b", 1));
    private final BackendState state = new BackendState("be", servers, false, 0);

    @Test
    void statusIsMaintThenDownThenDrainThenUp() {
        BackendServer a = servers.getFirst();
        assertThat(state.snapshot(a).status()).isEqualTo(ServerStatus.UP);
        state.setAdmin(a, AdminState.DRAIN, 1);
        assertThat(state.snapshot(a).status()).isEqualTo(ServerStatus.DRAIN);
        state.setChecksSayUp(a, false, 2);
        assertThat(state.snapshot(a).status()).isEqualTo(ServerStatus.DOWN);
        state.setAdmin(a, AdminState.MAINT, 3);
        assertThat(state.snapshot(a).status()).isEqualTo(ServerStatus.MAINT);
        assertThat(state.snapshot(a).lastChangeMillis()).isEqualTo(3);
    }

    @Test
    void weightZeroDrainsWithoutMarkingDown() {
        BackendServer a = servers.getFirst();
        state.setWeight(a, 0);
        ServerSnapshot s = state.snapshot(a);
        assertThat(s.status()).isEqualTo(ServerStatus.DRAIN);
        assertThat(s.configuredWeight()).isEqualTo(10);
        assertThat(s.effectiveWeight()).isZero();
        assertThat(state.isUsable(a)).isFalse();
        assertThatThrownBy(() -> state.setWeight(a, 257)).hasMessage("weight must be 0..256, got 257");
    }

    @Test
    void everyBalancingChangeBumpsTheVersionAndCountersDoNot() {
        long v = state.version();
        state.takeSession(servers.getFirst());
        state.recordCheck(servers.getFirst(), new CheckSummary("L7OK", 200, 1));
        assertThat(state.version()).isEqualTo(v);
        state.setWeight(servers.getFirst(), 5);
        assertThat(state.version()).isEqualTo(v + 1);
        assertThat(state.setChecksSayUp(servers.getFirst(), true, 1)).as("no change").isFalse();
        assertThat(state.version()).isEqualTo(v + 1);
    }

    @Test
    void sessionCountersStayExactUnderConcurrentEventLoops() throws Exception {
        BackendServer a = servers.getFirst();
        int threads = 4;
        int perThread = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    state.takeSession(a);
                    if (i % 2 == 0) {
                        state.releaseSession(a);
                    }
                    if (i % 1000 == 0) {
                        state.snapshots();
                    }
                }
            });
            workers.add(w);
        }
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(state.sessions(a)).isEqualTo(threads * perThread / 2);
        assertThat(state.snapshot(a).maxSessions()).isGreaterThanOrEqualTo(threads * perThread / 2);
    }

    @Test
    void serversComeFromTheModelInDeclarationOrderWithIdsFromOne() {
        var model = new dev.tandem.config.haproxy.model.Server("app1", "10.1.0.11", java.util.OptionalInt.of(8080),
                dev.tandem.config.haproxy.model.Server.ServerCheck.DEFAULT, 3, true, false, java.util.OptionalInt.of(50),
                java.util.OptionalInt.empty(), dev.tandem.config.haproxy.model.Server.SendProxy.NONE,
                java.util.Optional.empty(), List.of(), false, dev.tandem.config.haproxy.model.Origin.DEFAULT);
        assertThat(BackendServer.fromModel(List.of(model, model))).containsExactly(
                new BackendServer(1, 0, "app1", true, 3, 50, 0), new BackendServer(2, 1, "app1", true, 3, 50, 0));
    }
}
