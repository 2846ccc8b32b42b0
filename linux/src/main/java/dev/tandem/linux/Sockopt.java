package dev.tandem.linux;

/**
 * Socket-level constants from glibc and the Linux uapi headers on x86_64 (keepalived.md §3.5 table,
 * plus the few the proxy needs: IP_FREEBIND, IP_TRANSPARENT, IPV6_V6ONLY).
 */
final class Sockopt {
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int AF_PACKET = 17;

    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_IPV6 = 41;
    static final int IPPROTO_ICMPV6 = 58;
    static final int IPPROTO_RAW = 255;

    static final int SO_RCVBUF = 8;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_ATTACH_FILTER = 26;

    static final int IP_TOS = 1;
    static final int IP_TTL = 2;
    static final int IP_HDRINCL = 3;
    static final int IP_PKTINFO = 8;
    static final int IP_FREEBIND = 15;
    static final int IP_TRANSPARENT = 19;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_TTL = 33;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_MULTICAST_ALL = 49;

    static final int IPV6_CHECKSUM = 7;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MULTICAST_IF = 17;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_MULTICAST_LOOP = 19;
    static final int IPV6_ADD_MEMBERSHIP = 20;
    static final int IPV6_V6ONLY = 26;
    static final int IPV6_MULTICAST_ALL = 29;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_RECVTCLASS = 66;
    static final int IPV6_TCLASS = 67;
    static final int IPV6_TRANSPARENT = 75;

    static final int MSG_TRUNC = 0x20;
    static final int MSG_CTRUNC = 0x08;

    static final short POLLIN = 0x1;

    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    private Sockopt() {
    }
}
