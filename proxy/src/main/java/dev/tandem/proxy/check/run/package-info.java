/**
 * The IO shell of the health checks: runs each checked server's checks on a Netty event loop,
 * feeds the results to the pure cores of {@code dev.tandem.proxy.check} and logs what they say.
 */
package dev.tandem.proxy.check.run;
