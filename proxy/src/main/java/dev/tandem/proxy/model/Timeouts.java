package dev.tandem.proxy.model;

/**
 * The "timeout" family in milliseconds; 0 means unset. Derived fallbacks follow configuration.txt:
 * http-keep-alive falls back to http-request, queue to connect.
 */
public record Timeouts(long connect, long client, long server, long httpRequest, long httpKeepAlive, long queue,
        long tunnel) {

    public static final Timeouts NONE = new Timeouts(0, 0, 0, 0, 0, 0, 0);

    public long keepAliveWait() {
        return httpKeepAlive > 0 ? httpKeepAlive : httpRequest;
    }

    public long queueWait() {
        return queue > 0 ? queue : connect;
    }

    public Timeouts withConnect(long v) {
        return new Timeouts(v, client, server, httpRequest, httpKeepAlive, queue, tunnel);
    }

    public Timeouts withClient(long v) {
        return new Timeouts(connect, v, server, httpRequest, httpKeepAlive, queue, tunnel);
    }

    public Timeouts withServer(long v) {
        return new Timeouts(connect, client, v, httpRequest, httpKeepAlive, queue, tunnel);
    }

    public Timeouts withHttpRequest(long v) {
        return new Timeouts(connect, client, server, v, httpKeepAlive, queue, tunnel);
    }

    public Timeouts withHttpKeepAlive(long v) {
        return new Timeouts(connect, client, server, httpRequest, v, queue, tunnel);
    }

    public Timeouts withTunnel(long v) {
        return new Timeouts(connect, client, server, httpRequest, httpKeepAlive, queue, v);
    }
}
