/**
 * Runs the pure VRRP engine on Linux: advert sockets per interface and family, VIPs over rtnetlink, GARP/NA
 * bursts, link and address watching, all driven from one engine thread ({@link dev.tandem.vrrp.io.VrrpService}).
 */
package dev.tandem.vrrp.io;
