package dev.tandem.proxy.http;

import dev.tandem.proxy.listen.UnixPeer;
import dev.tandem.proxy.log.LogClock;
import dev.tandem.proxy.rules.Fetches;
import dev.tandem.proxy.runtime.FrontendRuntime;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every {@link HttpSession} of one frontend shares: the frontend's runtime, its error pages,
 * the per-loop server pools and the clock.
 */
public final class HttpFrontend {

    final FrontendRuntime runtime;
    final LogClock clock;
    private final Map<Integer, ErrorPage> pages;
    private final ServerPools pools;
    final AtomicLong requestCounter = new AtomicLong();

    public HttpFrontend(FrontendRuntime runtime, LogClock clock, ServerPools sharedPools) {
        this.runtime = runtime;
        this.clock = clock;
        this.pools = sharedPools;
        Map<Integer, ErrorPage> p = new java.util.HashMap<>();
        for (Map.Entry<Integer, byte[]> e : runtime.frontend().errorFiles().entrySet()) {
            p.put(e.getKey(), ErrorPage.parse(e.getKey(), e.getValue()));
        }
        this.pages = Map.copyOf(p);
    }

    /** Pools shared by all frontends of one server. */
    public static ServerPools newPools() {
        return new ServerPools();
    }

    ErrorPage page(int status) {
        ErrorPage p = pages.get(status);
        return p != null ? p : ErrorPage.builtin(status);
    }

    ServerPool pool(EventLoop loop) {
        return pools.of(loop);
    }

    /** The session of one HTTP/1.1 client connection. */
    public HttpSession newSession() {
        return new HttpSession(this, null);
    }

    /** The session of one stream of a multiplexed connection: same rules, pool, errors and log line. */
    public HttpSession newStreamSession(ClientConnection connection) {
        return new HttpSession(this, connection);
    }

    public FrontendRuntime runtime() {
        return runtime;
    }

    public LogClock clock() {
        return clock;
    }

    /**
     * Without "option httplog" an http frontend logs one line per connection (haproxy.md §1.5); a
     * UNIX socket client's names the listener only, "Connect to unix:1 (fe/HTTP)" (frontend.c).
     */
    public void logConnect(InetSocketAddress source, InetSocketAddress destination) {
        if (runtime.logFormat() == null && runtime.log().enabled() && UnixPeer.is(source)) {
            runtime.log().info("Connect to unix:" + source.getPort() + " (" + runtime.name() + "/HTTP)");
        } else if (runtime.logFormat() == null && runtime.log().enabled()) {
            runtime.log().info("Connect from " + Fetches.ip(source) + ":" + source.getPort() + " to "
                    + Fetches.ip(destination) + ":" + destination.getPort() + " (" + runtime.name() + "/HTTP)");
        }
    }

    /**
     * Logs a request refused below the stream layer (an HTTP/2 header block over the limit):
     * haproxy's "&lt;BADREQ&gt;" line with the status sent, terminated "PR".
     */
    public void logRefused(InetSocketAddress source, InetSocketAddress destination, long acceptMillis, int status,
            dev.tandem.proxy.tls.TlsFacts tls) {
        if (runtime.logFormat() == null || !runtime.log().enabled()) {
            return;
        }
        long now = clock.nanos();
        HttpStream s = new HttpStream(runtime, source, destination, acceptMillis, clock.millis(), now, 0, clock,
                requestCounter.incrementAndGet(), tls);
        s.status = status;
        s.terminate('P', 'R');
        s.endNanos = now;
        s.logged = true;
        runtime.log().info(runtime.logFormat().renderLog(s));
    }
}
