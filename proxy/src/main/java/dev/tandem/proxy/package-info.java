/** The HAProxy-compatible data plane on Netty epoll: listeners, HTTP/1.1 and HTTP/2, TCP, rules, balancing, logs. */
package dev.tandem.proxy;
