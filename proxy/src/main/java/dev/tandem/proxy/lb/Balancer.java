package dev.tandem.proxy.lb;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.HashFunction;
import dev.tandem.config.haproxy.model.HashType;
import java.util.random.RandomGenerator;

/**
 * Chooses a server of one backend for each request (configuration.txt §4.2 "balance").
 *
 * <p>The data plane calls {@link #pick} once per connection attempt and {@link #release} when
 * the server connection assigned by an {@link Pick.Assigned} ends. Implementations are
 * thread-safe: picks are serialised on the balancer (a short critical section, like haproxy's
 * per-backend LB lock) and read the {@link BackendState} lock-free.
 */
public interface Balancer {

    Pick pick(RequestKey key);

    /** The session taken by an {@link Pick.Assigned} pick is over. */
    void release(BackendServer server);

    /** The state this balancer reads and whose session counters it maintains. */
    BackendState state();

    /**
     * The balancer for {@code balance} and {@code hash-type map-based|consistent} of a backend,
     * with the function haproxy uses when none is named: sdbm, plus avalanche when consistent.
     */
    static Balancer of(Balance balance, HashType hashType, BackendState state, RandomGenerator random) {
        return of(balance, hashType, HashFunction.implied(hashType), state, random);
    }

    /**
     * The balancer for {@code balance} and {@code hash-type <method> <function> [<modifier>]} of
     * a backend.
     */
    static Balancer of(Balance balance, HashType hashType, HashFunction hashFunction, BackendState state,
            RandomGenerator random) {
        KeyHash fn = KeyHash.of(hashFunction);
        return switch (balance) {
            case Balance.RoundRobin r -> new RoundRobin(state);
            case Balance.StaticRoundRobin r -> new StaticRoundRobin(state);
            case Balance.LeastConn l -> new LeastConn(state);
            case Balance.First f -> new FirstAvailable(state);
            case Balance.Source s -> new HashBalancer(state, hashType, HashKey.source(fn));
            case Balance.Uri u -> new HashBalancer(state, hashType,
                    HashKey.uri(u.whole(), u.pathOnly(), u.len(), u.depth(), fn));
            case Balance.UrlParam p -> new HashBalancer(state, hashType, HashKey.urlParam(p.param(), fn));
            case Balance.Header h -> new HashBalancer(state, hashType, HashKey.header(h.name(), fn));
            case Balance.Hash h -> new HashBalancer(state, hashType, HashKey.expression(fn));
            case Balance.Random r -> new RandomDraws(state, r.draws(), random);
        };
    }
}
