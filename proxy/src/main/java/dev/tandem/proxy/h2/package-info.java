/**
 * HTTP/2 towards clients: the per-connection protocol switch (ALPN or the clear-text preface), the
 * HTTP/2 connection with haproxy 2.6's limits and flood guards, and the streams it hands, one child
 * channel each, to the same HTTP session that serves HTTP/1.1.
 */
package dev.tandem.proxy.h2;
