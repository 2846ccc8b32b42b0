/** mode tcp: a bidirectional byte relay on one event loop with read-after-write backpressure and half-close. */
package dev.tandem.proxy.tcp;
