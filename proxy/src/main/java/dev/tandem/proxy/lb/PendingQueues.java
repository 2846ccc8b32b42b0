package dev.tandem.proxy.lb;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The waiting rooms of one backend (configuration.txt "maxconn" and "maxqueue" on server lines,
 * "timeout queue"): a FIFO queue per server for requests bound to a server at its maxconn, and
 * the backend's queue for requests any server may take. When a slot frees on a server it takes
 * the oldest request of its own queue and of the backend queue (queue.c
 * pendconn_process_next_strm); a request that waited longer than {@code timeout queue} is expired
 * and the caller answers 503. Thread-safe: every method holds this object's monitor.
 *
 * @param <T> the caller's handle of a waiting request
 */
public final class PendingQueues<T> {

    /** What became of an enqueue. */
    public sealed interface Enqueue {
        record Queued() implements Enqueue {}

        /** The server's queue is at its {@code maxqueue}: redispatch or answer 503. */
        record Full(BackendServer server) implements Enqueue {}
    }

    /**
     * A request that may go on now, to {@code server}, with a session slot already taken.
     *
     * @param fromServerQueue it waited in the server's own queue rather than the backend's
     * @param position haproxy's queue position for the log ({@code %sq} or {@code %bq}): requests
     *     served from that queue while it waited, plus one (queue.c, queue_idx)
     */
    public record Dequeued<T>(T request, BackendServer server, long waitedMillis, boolean fromServerQueue,
            long position) {}

    /** A request that left the queues without a server (queue timeout, client gone), and its log position. */
    public record Withdrawn(boolean fromServerQueue, long position) {}

    /** @param queueIdx the served count of its queue at enqueue, minus one (queue.c pendconn_add) */
    private record Entry<T>(T request, long sinceMillis, long seq, long queueIdx) {}

    private final BackendState state;
    private final long timeoutMillis;
    private final List<ArrayDeque<Entry<T>>> serverQueues;
    private final ArrayDeque<Entry<T>> backendQueue = new ArrayDeque<>();
    private final long[] servedFromServerQueue;
    private long servedFromBackendQueue;
    private long seq;

    /** @param timeoutQueue "timeout queue", which falls back to "timeout connect"; zero waits forever */
    public PendingQueues(BackendState state, Duration timeoutQueue) {
        this.state = state;
        this.timeoutMillis = timeoutQueue.toMillis();
        this.serverQueues = new ArrayList<>();
        for (int i = 0; i < state.servers().size(); i++) {
            serverQueues.add(new ArrayDeque<>());
        }
        this.servedFromServerQueue = new long[state.servers().size()];
    }

    /** Queues after a {@link Pick.QueueOnServer} or {@link Pick.QueueOnBackend}. */
    public synchronized Enqueue enqueue(Pick pick, T request, long nowMillis) {
        switch (pick) {
            case Pick.QueueOnServer(BackendServer s) -> {
                ArrayDeque<Entry<T>> q = serverQueues.get(s.index());
                if (s.maxqueue() > 0 && q.size() >= s.maxqueue()) {
                    return new Enqueue.Full(s);
                }
                q.addLast(new Entry<>(request, nowMillis, seq++, servedFromServerQueue[s.index()] - 1));
                state.addQueued(s, 1);
            }
            case Pick.QueueOnBackend b -> {
                backendQueue.addLast(new Entry<>(request, nowMillis, seq++, servedFromBackendQueue - 1));
                state.addBackendQueued(1);
            }
            default -> throw new IllegalArgumentException("only queue picks can be queued, got " + pick);
        }
        return new Enqueue.Queued();
    }

    /**
     * A slot may have freed on {@code server} (a session ended, or it came up): hands out the
     * oldest waiting request it can take, with the session slot taken, or nothing.
     */
    public synchronized Optional<Dequeued<T>> next(BackendServer server, long nowMillis) {
        if (server.maxconn() > 0 && state.sessions(server) >= server.maxconn()) {
            return Optional.empty();
        }
        ArrayDeque<Entry<T>> own = serverQueues.get(server.index());
        Entry<T> mine = own.peekFirst();
        // the backend queue only feeds servers the balancer could choose now
        Entry<T> shared = state.isUsable(server) && state.candidates().servers().contains(server)
                ? backendQueue.peekFirst() : null;
        Entry<T> taken;
        boolean fromServerQueue;
        long position;
        if (mine != null && (shared == null || mine.seq < shared.seq)) {
            taken = own.pollFirst();
            state.addQueued(server, -1);
            fromServerQueue = true;
            position = servedFromServerQueue[server.index()]++ - taken.queueIdx;
        } else if (shared != null) {
            taken = backendQueue.pollFirst();
            state.addBackendQueued(-1);
            fromServerQueue = false;
            position = servedFromBackendQueue++ - taken.queueIdx;
        } else {
            return Optional.empty();
        }
        state.takeSession(server);
        return Optional.of(new Dequeued<>(taken.request, server, nowMillis - taken.sinceMillis, fromServerQueue,
                position));
    }

    /** Requests that waited past {@code timeout queue}; they leave the queues. */
    public synchronized List<T> expire(long nowMillis) {
        List<T> out = new ArrayList<>();
        if (timeoutMillis <= 0) {
            return out;
        }
        for (int i = 0; i < serverQueues.size(); i++) {
            int removed = drainExpired(serverQueues.get(i), nowMillis, out);
            if (removed > 0) {
                state.addQueued(state.servers().get(i), -removed);
            }
        }
        int removed = drainExpired(backendQueue, nowMillis, out);
        state.addBackendQueued(-removed);
        return out;
    }

    private int drainExpired(ArrayDeque<Entry<T>> q, long nowMillis, List<T> out) {
        int removed = 0;
        while (!q.isEmpty() && nowMillis - q.peekFirst().sinceMillis >= timeoutMillis) {
            out.add(q.pollFirst().request);
            removed++;
        }
        return removed;
    }

    /** The earliest time at which {@link #expire} will have something to do. */
    public synchronized Optional<Long> nextDeadline() {
        if (timeoutMillis <= 0) {
            return Optional.empty();
        }
        long earliest = Long.MAX_VALUE;
        for (ArrayDeque<Entry<T>> q : serverQueues) {
            if (!q.isEmpty()) {
                earliest = Math.min(earliest, q.peekFirst().sinceMillis);
            }
        }
        if (!backendQueue.isEmpty()) {
            earliest = Math.min(earliest, backendQueue.peekFirst().sinceMillis);
        }
        return earliest == Long.MAX_VALUE ? Optional.empty() : Optional.of(earliest + timeoutMillis);
    }

    /** The client gave up while waiting. */
    public synchronized boolean cancel(T request) {
        return withdraw(request).isPresent();
    }

    /**
     * Takes a waiting request out (its {@code timeout queue} struck, or its client left); empty
     * when it is no longer waiting (already handed a server).
     */
    public synchronized Optional<Withdrawn> withdraw(T request) {
        for (int i = 0; i < serverQueues.size(); i++) {
            Entry<T> e = removeFrom(serverQueues.get(i), request);
            if (e != null) {
                state.addQueued(state.servers().get(i), -1);
                return Optional.of(new Withdrawn(true, servedFromServerQueue[i] - e.queueIdx));
            }
        }
        Entry<T> e = removeFrom(backendQueue, request);
        if (e != null) {
            state.addBackendQueued(-1);
            return Optional.of(new Withdrawn(false, servedFromBackendQueue - e.queueIdx));
        }
        return Optional.empty();
    }

    private static <T> Entry<T> removeFrom(ArrayDeque<Entry<T>> q, T request) {
        for (Iterator<Entry<T>> it = q.iterator(); it.hasNext();) {
            Entry<T> e = it.next();
            if (e.request.equals(request)) {
                it.remove();
                return e;
            }
        }
        return null;
    }

    /**
     * {@code server} went down: its waiting requests move to the backend queue, keeping their
     * age, so another server serves them (queue.c pendconn_redistribute).
     *
     * @return how many moved, the "requeued" number of the DOWN log line
     */
    public synchronized int redistribute(BackendServer server) {
        ArrayDeque<Entry<T>> own = serverQueues.get(server.index());
        int moved = own.size();
        if (moved == 0) {
            return 0;
        }
        List<Entry<T>> merged = new ArrayList<>(backendQueue);
        for (Entry<T> e : own) {
            merged.add(new Entry<>(e.request, e.sinceMillis, e.seq, servedFromBackendQueue - 1));
        }
        merged.sort((a, b) -> Long.compare(a.seq, b.seq));
        backendQueue.clear();
        backendQueue.addAll(merged);
        own.clear();
        state.addQueued(server, -moved);
        state.addBackendQueued(moved);
        return moved;
    }

    public synchronized int size() {
        int n = backendQueue.size();
        for (ArrayDeque<Entry<T>> q : serverQueues) {
            n += q.size();
        }
        return n;
    }
}
