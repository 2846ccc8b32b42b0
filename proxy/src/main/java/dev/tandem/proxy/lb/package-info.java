/**
 * Backend server state and load balancing (configuration.txt §4.2 "balance", "hash-type"), queues
 * and the retry/redispatch policy: pure cores with no IO and no wall clock, driven by the data plane.
 */
package dev.tandem.proxy.lb;
