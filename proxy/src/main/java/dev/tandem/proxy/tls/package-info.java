/**
 * TLS termination and origination as haproxy configures it: crt/crt-list loading, SNI selection,
 * SslContexts per certificate and per server, and the TLS facts behind the ssl_fc* fetches.
 */
package dev.tandem.proxy.tls;
