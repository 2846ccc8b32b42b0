package dev.tandem.proxy.model;

/**
 * The HTTP connection mode; the three options override each other, the last one wins
 * (configuration.txt "option http-server-close", haproxy 2.x semantics).
 */
public enum ConnectionMode {
    /** Keep-alive on both sides, idle server connections pooled (the default). */
    KEEP_ALIVE,
    /** Client side kept alive, server connection closed after each response. */
    SERVER_CLOSE,
    /** Active close after the response. */
    CLOSE
}
