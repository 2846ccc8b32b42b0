/**
 * Live state shared by the streams of one proxy: each frontend's counters and log, each backend's
 * balancer, queues, health checks and stream count, and the claims streams hold on servers.
 */
package dev.tandem.proxy.runtime;
