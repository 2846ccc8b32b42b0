package dev.tandem.linux;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * x86_64 struct layouts (keepalived.md §3.5 table), written by hand because jextract is not available here.
 * Host-order fields use the native layouts; fields the kernel keeps in network order use {@link #NET_SHORT}
 * or raw byte sequences.
 */
final class Structs {
    /** A 16-bit field in network byte order (ports, sll_protocol). */
    static final ValueLayout.OfShort NET_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    static final StructLayout SOCKADDR_IN = structLayout(
            JAVA_SHORT.withName("sin_family"),
            NET_SHORT.withName("sin_port"),
            sequenceLayout(4, JAVA_BYTE).withName("sin_addr"),
            paddingLayout(8));

    static final StructLayout SOCKADDR_IN6 = structLayout(
            JAVA_SHORT.withName("sin6_family"),
            NET_SHORT.withName("sin6_port"),
            JAVA_INT.withName("sin6_flowinfo"),
            sequenceLayout(16, JAVA_BYTE).withName("sin6_addr"),
            JAVA_INT.withName("sin6_scope_id"));

    static final StructLayout SOCKADDR_LL = structLayout(
            JAVA_SHORT.withName("sll_family"),
            NET_SHORT.withName("sll_protocol"),
            JAVA_INT.withName("sll_ifindex"),
            JAVA_SHORT.withName("sll_hatype"),
            JAVA_BYTE.withName("sll_pkttype"),
            JAVA_BYTE.withName("sll_halen"),
            sequenceLayout(8, JAVA_BYTE).withName("sll_addr"));

    static final StructLayout SOCKADDR_NL = structLayout(
            JAVA_SHORT.withName("nl_family"),
            paddingLayout(2),
            JAVA_INT.withName("nl_pid"),
            JAVA_INT.withName("nl_groups"));

    static final StructLayout IP_MREQN = structLayout(
            sequenceLayout(4, JAVA_BYTE).withName("imr_multiaddr"),
            sequenceLayout(4, JAVA_BYTE).withName("imr_address"),
            JAVA_INT.withName("imr_ifindex"));

    static final StructLayout IPV6_MREQ = structLayout(
            sequenceLayout(16, JAVA_BYTE).withName("ipv6mr_multiaddr"),
            JAVA_INT.withName("ipv6mr_interface"));

    static final StructLayout IN_PKTINFO = structLayout(
            JAVA_INT.withName("ipi_ifindex"),
            sequenceLayout(4, JAVA_BYTE).withName("ipi_spec_dst"),
            sequenceLayout(4, JAVA_BYTE).withName("ipi_addr"));

    static final StructLayout IN6_PKTINFO = structLayout(
            sequenceLayout(16, JAVA_BYTE).withName("ipi6_addr"),
            JAVA_INT.withName("ipi6_ifindex"));

    static final StructLayout IOVEC = structLayout(
            ADDRESS.withName("iov_base"),
            JAVA_LONG.withName("iov_len"));

    /** 4 bytes of padding after msg_namelen; msg_iovlen and msg_controllen are size_t. */
    static final StructLayout MSGHDR = structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            paddingLayout(4));

    static final StructLayout CMSGHDR = structLayout(
            JAVA_LONG.withName("cmsg_len"),
            JAVA_INT.withName("cmsg_level"),
            JAVA_INT.withName("cmsg_type"));

    static final StructLayout NLMSGHDR = structLayout(
            JAVA_INT.withName("nlmsg_len"),
            JAVA_SHORT.withName("nlmsg_type"),
            JAVA_SHORT.withName("nlmsg_flags"),
            JAVA_INT.withName("nlmsg_seq"),
            JAVA_INT.withName("nlmsg_pid"));

    static final StructLayout IFADDRMSG = structLayout(
            JAVA_BYTE.withName("ifa_family"),
            JAVA_BYTE.withName("ifa_prefixlen"),
            JAVA_BYTE.withName("ifa_flags"),
            JAVA_BYTE.withName("ifa_scope"),
            JAVA_INT.withName("ifa_index"));

    static final StructLayout IFINFOMSG = structLayout(
            JAVA_BYTE.withName("ifi_family"),
            paddingLayout(1),
            JAVA_SHORT.withName("ifi_type"),
            JAVA_INT.withName("ifi_index"),
            JAVA_INT.withName("ifi_flags"),
            JAVA_INT.withName("ifi_change"));

    static final StructLayout RTATTR = structLayout(
            JAVA_SHORT.withName("rta_len"),
            JAVA_SHORT.withName("rta_type"));

    static final StructLayout IFA_CACHEINFO = structLayout(
            JAVA_INT.withName("ifa_prefered"),
            JAVA_INT.withName("ifa_valid"),
            JAVA_INT.withName("cstamp"),
            JAVA_INT.withName("tstamp"));

    static final StructLayout POLLFD = structLayout(
            JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents"));

    /** CMSG_ALIGN and NLMSG_ALIGN/RTA_ALIGN alignments. */
    static final int CMSG_ALIGNMENT = 8;
    static final int NETLINK_ALIGNMENT = 4;

    private Structs() {
    }

    static long offset(StructLayout layout, String field) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    static int align(int length, int alignment) {
        return (length + alignment - 1) & -alignment;
    }
}
