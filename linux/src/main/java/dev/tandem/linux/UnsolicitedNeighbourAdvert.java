package dev.tandem.linux;

import java.net.Inet6Address;

/**
 * The unsolicited Neighbour Advertisement keepalived sends for an IPv6 VIP (keepalived.md §3.4,
 * {@code vrrp_ndisc.c}; RFC 4861 §4.4 and §7.2.6): from the VIP to ff02::1, hop limit 255, Override set,
 * Router set when the interface forwards, and a Target Link-Layer Address option with the MAC.
 */
public final class UnsolicitedNeighbourAdvert {
    /** Ethernet 14 + IPv6 40 + ICMPv6 NA 24 + TLLA option 8. */
    public static final int LENGTH = 86;

    private static final byte[] ALL_NODES = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
    private static final int ICMPV6_LENGTH = 32;
    private static final int ICMPV6_AT = Ethernet.HEADER + 40;

    private UnsolicitedNeighbourAdvert() {
    }

    /** @param router set R: the interface has forwarding enabled (keepalived PR #200, #1330) */
    public static byte[] frame(byte[] mac, Inet6Address vip, boolean router) {
        byte[] f = new byte[LENGTH];
        Ethernet.header(f, ALL_NODES_MAC, mac, Ethernet.ETH_P_IPV6);
        int ip = Ethernet.HEADER;
        f[ip] = 0x60;
        f[ip + 5] = ICMPV6_LENGTH;
        f[ip + 6] = (byte) Sockopt.IPPROTO_ICMPV6;
        f[ip + 7] = (byte) 255; // RFC 4861 §7.1.2: receivers drop NAs with any other hop limit
        System.arraycopy(vip.getAddress(), 0, f, ip + 8, 16);
        System.arraycopy(ALL_NODES, 0, f, ip + 24, 16);
        int icmp = ICMPV6_AT;
        f[icmp] = (byte) 136;
        f[icmp + 4] = (byte) ((router ? 0x80 : 0) | 0x20);
        System.arraycopy(vip.getAddress(), 0, f, icmp + 8, 16);
        f[icmp + 24] = 2; // Target Link-Layer Address
        f[icmp + 25] = 1; // length in units of 8 bytes
        System.arraycopy(mac, 0, f, icmp + 26, 6);
        int checksum = InternetChecksum.ipv6(vip, (Inet6Address) Sockaddr.address(ALL_NODES),
                Sockopt.IPPROTO_ICMPV6, f, icmp, ICMPV6_LENGTH);
        f[icmp + 2] = (byte) (checksum >>> 8);
        f[icmp + 3] = (byte) checksum;
        return f;
    }
}
