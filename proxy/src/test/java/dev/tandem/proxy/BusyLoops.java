package dev.tandem.proxy;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Stopping a proxy whose event loops are busy with a task at that moment, as a loaded proxy's are. */
public final class BusyLoops {

    private BusyLoops() {
    }

    /** {@link ProxyServer#close()}, with every loop running a half-second task when the loops are shut down. */
    public static void stopWhileBusy(ProxyServer proxy) {
        proxy.stop(() -> occupy(proxy, Duration.ofMillis(500)));
    }

    /** Returns once every loop has started its task, so that the shutdown finds them all busy. */
    private static void occupy(ProxyServer proxy, Duration d) {
        List<EventExecutor> loops = new ArrayList<>();
        proxy.eventLoops().forEach(loops::add);
        CountDownLatch started = new CountDownLatch(loops.size());
        for (EventExecutor loop : loops) {
            loop.execute(() -> {
                started.countDown();
                try {
                    Thread.sleep(d.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            if (!started.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a loop did not start its task within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
