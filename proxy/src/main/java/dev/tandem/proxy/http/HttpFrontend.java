package dev.tandem.proxy.http;

import dev.tandem.proxy.log.LogClock;
import dev.tandem.proxy.runtime.FrontendRuntime;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every {@link HttpSession} of one frontend shares: the frontend's runtime, its error pages,
 * the per-loop server pools and the clock.
 */
public final class HttpFrontend {

    final FrontendRuntime runtime;
    final LogClock clock;
    private final Map<Integer, ErrorPage> pages;
    private final Map<EventLoop, ServerPool> pools;
    final AtomicLong requestCounter = new AtomicLong();

    /**
     * The application protocols an HTTP frontend serves, in preference order: all ALPN may offer
     * on its {@code ssl} binds (RFC 7301 §3.2: never select what nobody would speak).
     */
    public static final List<String> ALPN_PROTOCOLS = List.of("http/1.1");

    public HttpFrontend(FrontendRuntime runtime, LogClock clock, Map<EventLoop, ServerPool> sharedPools) {
        this.runtime = runtime;
        this.clock = clock;
        this.pools = sharedPools;
        Map<Integer, ErrorPage> p = new java.util.HashMap<>();
        for (Map.Entry<Integer, byte[]> e : runtime.frontend().errorFiles().entrySet()) {
            p.put(e.getKey(), ErrorPage.parse(e.getKey(), e.getValue()));
        }
        this.pages = Map.copyOf(p);
    }

    /** A pool map shared by all frontends of one server. */
    public static Map<EventLoop, ServerPool> newPools() {
        return new ConcurrentHashMap<>();
    }

    ErrorPage page(int status) {
        ErrorPage p = pages.get(status);
        return p != null ? p : ErrorPage.builtin(status);
    }

    ServerPool pool(EventLoop loop) {
        return pools.computeIfAbsent(loop, l -> new ServerPool());
    }

    public HttpSession newSession() {
        return new HttpSession(this);
    }
}
