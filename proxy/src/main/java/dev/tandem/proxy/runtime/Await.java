package dev.tandem.proxy.runtime;

import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.List;

/** Waiting for tasks handed to event loops, when stopping. */
public final class Await {

    private Await() {
    }

    /** Until every one of {@code tasks} is done, or {@code wait} in all has passed. */
    public static void all(List<? extends Future<?>> tasks, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Future<?> f : tasks) {
            f.awaitUninterruptibly(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
        }
    }
}
