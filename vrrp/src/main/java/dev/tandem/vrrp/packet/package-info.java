/** Byte-exact VRRPv2/v3 advert codec, checksums, and the gratuitous ARP / unsolicited NA frames; no IO. */
package dev.tandem.vrrp.packet;
