/**
 * Runs the pure VRRP engine on Linux ({@link dev.tandem.vrrp.io.VrrpService}): advert sockets per interface and
 * family (keepalived's sockpool), VIPs over rtnetlink, GARP/NA bursts, link and address watching.
 *
 * <p>Threads: one platform thread per receive socket and one for the netlink monitor block in poll(2) (FFM
 * calls pin virtual threads) and only queue events; the single "vrrp-engine" platform thread owns the engine,
 * waits on that queue until the engine's next wake-up, and carries out every action in order. Closing wakes
 * the blocked polls through their eventfds.
 */
package dev.tandem.vrrp.io;
