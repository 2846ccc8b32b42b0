package dev.tandem.proxy.http;

import java.net.InetSocketAddress;

/**
 * What an {@link HttpSession} running one stream of a multiplexed (HTTP/2) client connection takes
 * from that connection: its addresses (after a PROXY header), when it was accepted, and whether
 * this stream is the connection's first. The connection, not the stream, counts in %fc/%ac and
 * maxconn, logs the "Connect from" line and owns the idle timeouts.
 */
public interface ClientConnection {

    InetSocketAddress source();

    InetSocketAddress destination();

    /** Wall-clock accept time of the connection (%t, %Ts). */
    long acceptMillis();

    /**
     * True for the connection's first stream only, and only once: "http-reuse safe" sends the
     * first request of a session over a server connection of its own; later streams may take idle
     * ones (configuration.txt "http-reuse").
     */
    boolean claimFirstStream();
}
