package dev.tandem.proxy.balance;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** "balance roundrobin" with equal weights: each usable server in turn (configuration.txt "balance"). */
public final class RoundRobin<S> implements Balancer<S> {

    private final AtomicLong next = new AtomicLong();

    @Override
    public S pick(List<S> usable) {
        if (usable.isEmpty()) {
            return null;
        }
        return usable.get((int) Math.floorMod(next.getAndIncrement(), (long) usable.size()));
    }
}
