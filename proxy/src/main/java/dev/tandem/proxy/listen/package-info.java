/** Listening sockets: IPv4/IPv6, inherited {@code fd@} sockets, transparent/freebind, v6only, PROXY protocol, maxconn accept pausing. */
package dev.tandem.proxy.listen;
