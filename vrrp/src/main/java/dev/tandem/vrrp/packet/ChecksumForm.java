package dev.tandem.vrrp.packet;

/**
 * How a VRRPv3 advert over IPv4 is checksummed. keepalived (all versions) prepends an IPv4 pseudo-header;
 * RFC 9568 §5.2.8 and keepalived's {@code v3_checksum_as_v2} sum the VRRP message only. IPv6 always uses its
 * pseudo-header (RFC 5798 §5.2.8) and VRRPv2 never does (RFC 3768 §5.3.8).
 */
public enum ChecksumForm {
    IPV4_PSEUDO_HEADER,
    VRRP_MESSAGE_ONLY
}
