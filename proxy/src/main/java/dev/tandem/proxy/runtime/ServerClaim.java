package dev.tandem.proxy.runtime;

import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.lb.PendingQueues;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One stream's hold on a server of a backend (haproxy's "served" slot, with the pendconn that
 * waits for it): assigned at once, or after waiting in the backend's queues, or refused; released
 * exactly once. Everything here runs on the stream's event loop; other loops only hand it a
 * server through {@link EventLoop#execute}.
 */
public final class ServerClaim {

    /** Why no server was assigned, with the status and termination flags haproxy logs. */
    public enum Refusal {
        /** No usable server: 503, {@code SC} (backend.c SRV_STATUS_NOSRV). */
        NO_SERVER,
        /** The chosen server's {@code maxqueue} is reached: 503, {@code SQ} (STRM_ET_QUEUE_ERR). */
        QUEUE_FULL,
        /** {@code timeout queue} struck: 503, {@code sQ} (STRM_ET_QUEUE_TO). */
        QUEUE_TIMEOUT
    }

    private enum State {
        WAITING,
        HELD,
        REFUSED,
        RELEASED
    }

    private final BackendRuntime backend;
    private final EventLoop loop;
    private final Consumer<ServerClaim> whenDecided;
    private State state = State.WAITING;
    private BackendServer server;
    private Refusal refusal;
    private boolean queued;
    private long queuedSinceMillis;
    private long waitedMillis;
    private long serverQueuePosition;
    private long backendQueuePosition;
    private ScheduledFuture<?> timer;
    private Consumer<Character> killer;

    ServerClaim(BackendRuntime backend, EventLoop loop, Consumer<ServerClaim> whenDecided) {
        this.backend = backend;
        this.loop = loop;
        this.whenDecided = whenDecided;
    }

    /** Still waiting in a queue: {@code whenDecided} will be called on the loop. */
    public boolean waiting() {
        return state == State.WAITING;
    }

    /** The server held (or last held), or null when none was assigned. */
    public BackendServer server() {
        return server;
    }

    public boolean held() {
        return state == State.HELD;
    }

    /** Why no server was assigned, or null. */
    public Refusal refusal() {
        return refusal;
    }

    /** Whether the request waited in a queue ({@code %Tw} counts that wait). */
    public boolean queued() {
        return queued;
    }

    /** Time spent in the queue, 0 when it went straight to a server. */
    public long waitedMillis() {
        return waitedMillis;
    }


    /** {@code %sq}: requests served from the server's queue ahead of this one, plus one; 0 when not queued there. */
    public long serverQueuePosition() {
        return serverQueuePosition;
    }

    /** {@code %bq}: the same for the backend's queue. */
    public long backendQueuePosition() {
        return backendQueuePosition;
    }

    EventLoop loop() {
        return loop;
    }

    /**
     * How the stream dies when its server's state says so ({@code on-marked-down
     * shutdown-sessions}, {@code on-marked-up shutdown-backup-sessions}): called on the loop with
     * haproxy's termination cause, 'D' (server down) or 'U' (an active server came up).
     */
    public void onKill(Consumer<Character> kill) {
        this.killer = kill;
    }

    /** Kills the stream holding this claim; may be called from any thread. */
    void kill(char why) {
        try {
            loop.execute(() -> {
                if (state == State.HELD && killer != null) {
                    killer.accept(why);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the loop is shutting down: the stream dies with it
        }
    }

    // ---- decided by the backend, on the claiming loop ----

    void assign(BackendServer s) {
        server = s;
        state = State.HELD;
        backend.holding(s, this);
    }

    void refuse(Refusal why, BackendServer s) {
        server = s;
        refusal = why;
        state = State.REFUSED;
    }

    /** Now waiting in a queue; {@code timeout queue} of 0 waits until served or released. */
    void enqueued(long nowMillis, long timeoutMillis) {
        queued = true;
        queuedSinceMillis = nowMillis;
        if (timeoutMillis > 0) {
            timer = loop.schedule(this::queueTimeout, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void queueTimeout() {
        timer = null;
        if (state != State.WAITING) {
            return;
        }
        // empty when a server was handed to us meanwhile: that grant is already on its way to this loop
        backend.withdraw(this).ifPresent(w -> {
            position(w.fromServerQueue(), w.position());
            waitedMillis = Math.max(0, backend.nowMillis() - queuedSinceMillis);
            refusal = Refusal.QUEUE_TIMEOUT;
            state = State.REFUSED;
            whenDecided.accept(this);
        });
    }

    /** A slot freed on a server and this claim was next in line; may run on any thread. */
    void granted(PendingQueues.Dequeued<ServerClaim> d) {
        loop.execute(() -> {
            if (state != State.WAITING) {
                // the stream went away while the grant travelled: give the slot back
                backend.release(d.server());
                return;
            }
            cancelTimer();
            server = d.server();
            waitedMillis = d.waitedMillis();
            position(d.fromServerQueue(), d.position());
            state = State.HELD;
            backend.holding(server, this);
            whenDecided.accept(this);
        });
    }

    private void position(boolean serverQueue, long position) {
        if (serverQueue) {
            serverQueuePosition = position;
        } else {
            backendQueuePosition = position;
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /**
     * The stream is done with its server (or no longer wants one): gives the slot back, or leaves
     * the queue. Idempotent.
     */
    public void release() {
        switch (state) {
            case HELD -> {
                state = State.RELEASED;
                backend.notHolding(server, this);
                backend.release(server);
            }
            case WAITING -> {
                state = State.RELEASED;
                cancelTimer();
                // the client left while queued: the log still says how long and where it waited
                backend.withdraw(this).ifPresent(w -> position(w.fromServerQueue(), w.position()));
                waitedMillis = Math.max(0, backend.nowMillis() - queuedSinceMillis);
            }
            case REFUSED, RELEASED -> state = State.RELEASED;
        }
    }
}
