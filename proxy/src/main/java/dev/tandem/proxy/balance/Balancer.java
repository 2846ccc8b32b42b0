package dev.tandem.proxy.balance;

import java.util.List;

/**
 * Picks a server for the next stream among those currently usable. Implementations are pure and
 * thread-safe; health, weights and queues feed in through {@code usable}.
 */
public interface Balancer<S> {

    /** The chosen server, or null when none is usable (haproxy answers 503). */
    S pick(List<S> usable);
}
