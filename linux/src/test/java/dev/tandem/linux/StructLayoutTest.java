package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.StructLayout;
import org.junit.jupiter.api.Test;

/** x86_64 sizes and offsets from keepalived.md §3.5 / java.md §3.2: a wrong layout corrupts kernel memory reads. */
class StructLayoutTest {
    @Test
    void sockaddrSizesMatchTheKernel() {
        assertThat(Structs.SOCKADDR_IN.byteSize()).isEqualTo(16);
        assertThat(Structs.SOCKADDR_IN6.byteSize()).isEqualTo(28);
        assertThat(Structs.SOCKADDR_NL.byteSize()).isEqualTo(12);
        assertThat(Structs.SOCKADDR_LL.byteSize()).isEqualTo(20);
    }

    @Test
    void sockaddrLlHasIfindexAt4HalenAt11AddrAt12() {
        assertThat(Structs.offset(Structs.SOCKADDR_LL, "sll_ifindex")).isEqualTo(4);
        assertThat(Structs.offset(Structs.SOCKADDR_LL, "sll_halen")).isEqualTo(11);
        assertThat(Structs.offset(Structs.SOCKADDR_LL, "sll_addr")).isEqualTo(12);
    }

    @Test
    void sockaddrIn6ScopeIdIsTheLastField() {
        assertThat(Structs.offset(Structs.SOCKADDR_IN6, "sin6_addr")).isEqualTo(8);
        assertThat(Structs.offset(Structs.SOCKADDR_IN6, "sin6_scope_id")).isEqualTo(24);
    }

    @Test
    void multicastRequestSizes() {
        assertThat(Structs.IP_MREQN.byteSize()).isEqualTo(12);
        assertThat(Structs.offset(Structs.IP_MREQN, "imr_ifindex")).isEqualTo(8);
        assertThat(Structs.IPV6_MREQ.byteSize()).isEqualTo(20);
        assertThat(Structs.IN_PKTINFO.byteSize()).isEqualTo(12);
        assertThat(Structs.IN6_PKTINFO.byteSize()).isEqualTo(20);
    }

    @Test
    void msghdrIs56WithPaddingAfterNamelen() {
        StructLayout m = Structs.MSGHDR;
        assertThat(m.byteSize()).isEqualTo(56);
        assertThat(Structs.offset(m, "msg_iov")).isEqualTo(16);
        assertThat(Structs.offset(m, "msg_iovlen")).isEqualTo(24);
        assertThat(Structs.offset(m, "msg_control")).isEqualTo(32);
        assertThat(Structs.offset(m, "msg_controllen")).isEqualTo(40);
        assertThat(Structs.offset(m, "msg_flags")).isEqualTo(48);
        assertThat(Structs.IOVEC.byteSize()).isEqualTo(16);
    }

    @Test
    void cmsghdrIs16BecauseCmsgLenIsSizeT() {
        assertThat(Structs.CMSGHDR.byteSize()).isEqualTo(16);
        assertThat(Structs.CMSG_ALIGNMENT).isEqualTo(8);
    }

    @Test
    void netlinkSizes() {
        assertThat(Structs.NLMSGHDR.byteSize()).isEqualTo(16);
        assertThat(Structs.IFADDRMSG.byteSize()).isEqualTo(8);
        assertThat(Structs.IFINFOMSG.byteSize()).isEqualTo(16);
        assertThat(Structs.RTATTR.byteSize()).isEqualTo(4);
        assertThat(Structs.IFA_CACHEINFO.byteSize()).isEqualTo(16);
        assertThat(Structs.POLLFD.byteSize()).isEqualTo(8);
    }

    @Test
    void alignmentRoundsUpToTheBoundary() {
        assertThat(Structs.align(20, 8)).isEqualTo(24);
        assertThat(Structs.align(24, 8)).isEqualTo(24);
        assertThat(Structs.align(5, 4)).isEqualTo(8);
    }
}
