package dev.tandem.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.HashType;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** configuration.txt "maxconn"/"maxqueue" (server), "timeout queue"; queue.c dequeue order. */
class PendingQueuesTest {

    private final List<BackendServer> servers = List.of(BackendServer.of(0, "s1", 1).withMaxconn(1).withMaxqueue(2),
            BackendServer.of(1, "s2", 1).withMaxconn(1));
    private final BackendState state = new BackendState("be", servers, false, 0);
    private final Balancer balancer = Balancer.of(new Balance.RoundRobin(), HashType.MAP_BASED, state, new Random(1));
    private final PendingQueues<String> queues = new PendingQueues<>(state, Duration.ofSeconds(5));

    private void fillBoth() {
        assertThat(balancer.pick(RequestKey.none())).isInstanceOf(Pick.Assigned.class);
        assertThat(balancer.pick(RequestKey.none())).isInstanceOf(Pick.Assigned.class);
    }

    @Test
    void requestsWaitInOrderAndGoWhenASlotFrees() {
        fillBoth();
        Pick full = balancer.pick(RequestKey.none());
        assertThat(full).isEqualTo(Pick.QUEUE_ON_BACKEND);
        queues.enqueue(full, "r1", 100);
        queues.enqueue(full, "r2", 110);
        assertThat(state.backendQueueLength()).isEqualTo(2);
        assertThat(queues.next(servers.get(1), 200)).isEmpty();
        balancer.release(servers.get(1));
        assertThat(queues.next(servers.get(1), 200)).contains(new PendingQueues.Dequeued<>("r1", servers.get(1), 100, false, 1));
        assertThat(state.sessions(servers.get(1))).isEqualTo(1);
        assertThat(state.backendQueueLength()).isEqualTo(1);
    }

    @Test
    void aFreedServerTakesTheOlderOfItsOwnAndTheBackendQueue() {
        fillBoth();
        queues.enqueue(Pick.QUEUE_ON_BACKEND, "shared-old", 10);
        queues.enqueue(new Pick.QueueOnServer(servers.get(0)), "own-new", 20);
        balancer.release(servers.get(0));
        assertThat(queues.next(servers.get(0), 30).orElseThrow().request()).isEqualTo("shared-old");
        balancer.release(servers.get(0));
        assertThat(queues.next(servers.get(0), 30).orElseThrow().request()).isEqualTo("own-new");
        assertThat(state.queueLength(servers.get(0))).isZero();
    }

    @Test
    void queuePositionsCountTheRequestsServedAheadPlusOne() {
        // queue.c: queue_idx is the queue's served count at enqueue minus one; %bq is the count at dequeue minus it
        fillBoth();
        queues.enqueue(Pick.QUEUE_ON_BACKEND, "r1", 0);
        queues.enqueue(Pick.QUEUE_ON_BACKEND, "r2", 0);
        queues.enqueue(Pick.QUEUE_ON_BACKEND, "r3", 0);
        balancer.release(servers.get(0));
        assertThat(queues.next(servers.get(0), 10).orElseThrow().position()).isEqualTo(1);
        balancer.release(servers.get(0));
        PendingQueues.Dequeued<String> second = queues.next(servers.get(0), 10).orElseThrow();
        assertThat(second.request()).isEqualTo("r2");
        assertThat(second.position()).isEqualTo(2);
        assertThat(second.fromServerQueue()).isFalse();
        assertThat(queues.withdraw("r3")).contains(new PendingQueues.Withdrawn(false, 3));
        assertThat(queues.withdraw("r3")).isEmpty();
        queues.enqueue(Pick.QUEUE_ON_BACKEND, "r4", 20);
        assertThat(queues.withdraw("r4")).as("a newcomer after two were served").contains(
                new PendingQueues.Withdrawn(false, 1));
    }

    @Test
    void maxqueueRefusesBeyondTheLimit() {
        Pick onS1 = new Pick.QueueOnServer(servers.get(0));
        assertThat(queues.enqueue(onS1, "a", 0)).isInstanceOf(PendingQueues.Enqueue.Queued.class);
        assertThat(queues.enqueue(onS1, "b", 0)).isInstanceOf(PendingQueues.Enqueue.Queued.class);
        assertThat(queues.enqueue(onS1, "c", 0)).isEqualTo(new PendingQueues.Enqueue.Full(servers.get(0)));
        assertThat(state.queueLength(servers.get(0))).isEqualTo(2);
    }

    @Test
    void requestsWaitingPastTimeoutQueueExpire() {
        queues.enqueue(Pick.QUEUE_ON_BACKEND, "old", 1000);
        queues.enqueue(new Pick.QueueOnServer(servers.get(0)), "young", 3000);
        assertThat(queues.nextDeadline()).contains(6000L);
        assertThat(queues.expire(5999)).isEmpty();
        assertThat(queues.expire(6000)).containsExactly("old");
        assertThat(queues.expire(8000)).containsExactly("young");
        assertThat(queues.size()).isZero();
        assertThat(state.backendQueueLength()).isZero();
        assertThat(state.queueLength(servers.get(0))).isZero();
    }

    @Test
    void cancelledRequestLeavesItsQueue() {
        queues.enqueue(new Pick.QueueOnServer(servers.get(0)), "gone", 0);
        assertThat(queues.cancel("gone")).isTrue();
        assertThat(queues.cancel("gone")).isFalse();
        assertThat(state.queueLength(servers.get(0))).isZero();
    }

    @Test
    void aServerGoingDownHandsItsQueueToTheBackend() {
        fillBoth();
        queues.enqueue(new Pick.QueueOnServer(servers.get(0)), "bound", 5);
        state.setChecksSayUp(servers.get(0), false, 6);
        assertThat(queues.redistribute(servers.get(0))).isEqualTo(1);
        assertThat(state.backendQueueLength()).isEqualTo(1);
        balancer.release(servers.get(1));
        assertThat(queues.next(servers.get(1), 7).orElseThrow().request()).isEqualTo("bound");
    }

    @Test
    void aDownServerDoesNotFeedFromTheBackendQueue() {
        queues.enqueue(Pick.QUEUE_ON_BACKEND, "r", 0);
        state.setChecksSayUp(servers.get(0), false, 1);
        assertThat(queues.next(servers.get(0), 2)).isEmpty();
        assertThat(queues.next(servers.get(1), 2)).isPresent();
    }
}
