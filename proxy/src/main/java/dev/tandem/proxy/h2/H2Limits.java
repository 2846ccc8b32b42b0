package dev.tandem.proxy.h2;

import io.netty.handler.codec.http2.Http2Settings;

/**
 * The HTTP/2 limits of a client connection. The first four are haproxy 2.6's {@code tune.h2.*}
 * defaults (configuration.txt §3.2); the header list is capped where haproxy's buffer ends
 * (tune.bufsize 16384 - tune.maxrewrite 1024, as for HTTP/1.1; measured: a 15000-byte header
 * passes, 15300 does not). The flood limits have no haproxy 2.6 counterpart (docs/DIFFERENCES.md):
 * within {@code floodWindowSeconds}, more frames of one kind than its limit is abuse.
 *
 * @param headerTableSize tune.h2.header-table-size: HPACK dynamic table we let the client use
 * @param initialWindowSize tune.h2.initial-window-size: per-stream upload window
 * @param maxConcurrentStreams tune.h2.max-concurrent-streams
 * @param maxFrameSize tune.h2.max-frame-size
 * @param maxHeaderListSize decoded header block size above which a request gets 431 (up to a
 *        quarter more is still decoded to keep HPACK in step; beyond that the connection goes)
 * @param maxResets RST_STREAM frames from the client per window (CVE-2023-44487 "rapid reset";
 *        Netty's own default is the same 200 per 30 s)
 * @param maxPings PING frames per window
 * @param maxSettings SETTINGS frames per window
 * @param maxPriorities PRIORITY frames per window
 */
public record H2Limits(int headerTableSize, int initialWindowSize, int maxConcurrentStreams, int maxFrameSize,
        int maxHeaderListSize, int floodWindowSeconds, int maxResets, int maxPings, int maxSettings,
        int maxPriorities) {

    /** haproxy 2.6.12's defaults, plus the flood guards. */
    public static final H2Limits DEFAULTS = new H2Limits(4096, 65535, 100, 16384, 15360, 30, 200, 200, 200, 1000);

    /** What the server announces in its first SETTINGS frame (RFC 9113 §6.5.2). */
    Http2Settings settings() {
        return new Http2Settings()
                .headerTableSize(headerTableSize)
                .initialWindowSize(initialWindowSize)
                .maxConcurrentStreams(maxConcurrentStreams)
                .maxFrameSize(maxFrameSize)
                .maxHeaderListSize(maxHeaderListSize);
    }

    public H2Limits withFlood(int windowSeconds, int resets, int pings, int settings, int priorities) {
        return new H2Limits(headerTableSize, initialWindowSize, maxConcurrentStreams, maxFrameSize, maxHeaderListSize,
                windowSeconds, resets, pings, settings, priorities);
    }
}
