package dev.tandem.linux;

import java.net.InetAddress;

/**
 * One datagram read from a {@link RawSocket}.
 *
 * @param source       sender address (IPv4 header, or recvmsg's msg_name for IPv6)
 * @param destination  the group or unicast address it was sent to (IPv4 header, or IPV6_PKTINFO)
 * @param ttl          IPv4 TTL or IPv6 hop limit (IPV6_HOPLIMIT cmsg); -1 if the kernel did not report it
 * @param trafficClass IPv4 TOS or IPv6 traffic class; -1 if not reported
 * @param ifindex      receiving interface (IP_PKTINFO / IPV6_PKTINFO); 0 if not reported
 * @param ipHeader     the IPv4 header as received (raw IPv4 sockets see it); empty for IPv6
 * @param payload      the bytes after the IP header, e.g. the VRRP advert
 * @param truncated    the datagram was larger than the receive buffer
 */
public record ReceivedPacket(InetAddress source, InetAddress destination, int ttl, int trafficClass, int ifindex,
        byte[] ipHeader, byte[] payload, boolean truncated) {
    /** RFC 5798 §7.1: a VRRP packet whose TTL / hop limit is not 255 must be discarded. */
    public boolean hopLimitOk() {
        return ttl == 255;
    }
}
