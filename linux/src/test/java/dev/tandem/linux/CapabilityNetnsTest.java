package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testkit.netns.LabHost;
import dev.tandem.testkit.netns.NetLab;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Without the capability, the error names it (java.md §3.2 "Capabilities"): CAP_NET_RAW for raw and packet
 * sockets, CAP_NET_ADMIN for address changes (refused in the netlink ack, not at open) and IP_TRANSPARENT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapabilityNetnsTest {
    private NetLab lab;
    private LabHost a;

    @BeforeAll
    void startLab() {
        lab = NetLab.start(1);
        a = lab.host("a");
    }

    @AfterAll
    void closeLab() {
        lab.close();
    }

    @Test
    void rawSocketWithoutCapNetRawSaysSo() throws Exception {
        LinuxException e = a.call(() -> ThreadCapabilities.withoutNetworkCapabilities(() -> failure(() ->
                RawSocket.openMulticastReceiver(Interface.named("eth0"), InetAddress.ofLiteral("224.0.0.18"), 112))));

        assertThat(e.errno()).isEqualTo(Errno.EPERM);
        assertThat(e.missingCapability()).isEqualTo(Capability.CAP_NET_RAW);
        assertThat(e.getMessage()).startsWith("socket(AF_INET, SOCK_RAW, 112) failed: EPERM (" + Syscalls.strerror(Errno.EPERM) + ");"
                + " this needs CAP_NET_RAW");
    }

    @Test
    void packetSocketWithoutCapNetRawSaysSo() throws Exception {
        LinuxException e = a.call(() -> ThreadCapabilities.withoutNetworkCapabilities(() -> failure(PacketSocket::open)));

        assertThat(e.missingCapability()).isEqualTo(Capability.CAP_NET_RAW);
    }

    @Test
    void vipAddWithoutCapNetAdminIsRefusedInTheAckAndSaysSo() throws Exception {
        LinuxException e = a.call(() -> ThreadCapabilities.withoutNetworkCapabilities(() -> {
            try (Rtnetlink rtnl = Rtnetlink.open()) {
                int eth0 = Interface.named("eth0").index();
                return failure(() -> {
                    rtnl.addAddress(LinkAddress.of(eth0, InetAddress.ofLiteral("192.0.2.100"), 24));
                    return null;
                });
            }
        }));

        assertThat(e.errno()).isEqualTo(Errno.EPERM);
        assertThat(e.getMessage()).contains("RTM_NEWADDR 192.0.2.100/24").contains("this needs CAP_NET_ADMIN");
        assertThat(a.ip("addr", "show", "dev", "eth0").stdout()).doesNotContain("192.0.2.100");
    }

    interface Opening {
        Object open() throws LinuxException;
    }

    private static LinuxException failure(Opening call) {
        try {
            Object opened = call.open();
            if (opened instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // The assertion below reports the real problem.
                }
            }
        } catch (LinuxException e) {
            return e;
        }
        throw new AssertionError("expected EPERM, but the call succeeded");
    }
}
