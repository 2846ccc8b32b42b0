package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testkit.netns.LabHost;
import dev.tandem.testkit.netns.NetLab;
import java.lang.foreign.Arena;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The listener options the proxy sets on a raw fd; bind checks run inside a lab host (root). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketOptionsNetnsTest {
    private static final int SOCK_STREAM = 1;

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
    void freebindLetsAListenerBindAVipThatIsNotThereYet() throws Exception {
        // The node binds listeners on VIPs before VRRP adds them (ARCHITECTURE.md "The node").
        InetAddress vip = InetAddress.ofLiteral("203.0.113.80");
        LinuxException without = a.call(() -> {
            int fd = tcpSocket(Sockopt.AF_INET);
            try {
                bind(fd, vip);
                return null;
            } catch (LinuxException e) {
                return e;
            } finally {
                Syscalls.close(fd);
            }
        });
        boolean bound = a.call(() -> {
            int fd = tcpSocket(Sockopt.AF_INET);
            try {
                SocketOptions.setFreebind(fd, true);
                bind(fd, vip);
                return SocketOptions.isFreebind(fd);
            } finally {
                Syscalls.close(fd);
            }
        });

        assertThat(without).isNotNull();
        assertThat(without.errno()).isEqualTo(Errno.EADDRNOTAVAIL);
        assertThat(bound).isTrue();
    }

    @Test
    void v6onlyAndTransparentReadBackAsSet() throws Exception {
        boolean[] seen = a.call(() -> {
            int fd = tcpSocket(Sockopt.AF_INET6);
            try {
                SocketOptions.setIpv6Only(fd, true);
                boolean v6only = SocketOptions.isIpv6Only(fd);
                SocketOptions.setIpv6Only(fd, false);
                SocketOptions.setTransparent(fd, IpFamily.IPV6, true);
                return new boolean[] {v6only, SocketOptions.isIpv6Only(fd), SocketOptions.isTransparent(fd, IpFamily.IPV6)};
            } finally {
                Syscalls.close(fd);
            }
        });

        assertThat(seen).containsExactly(true, false, true);
    }

    @Test
    void bindToAMissingDeviceIsEnodevNamingTheDevice() throws Exception {
        LinuxException e = a.call(() -> {
            int fd = tcpSocket(Sockopt.AF_INET);
            try {
                SocketOptions.bindToDevice(fd, "nosuch0");
                return null;
            } catch (LinuxException x) {
                return x;
            } finally {
                Syscalls.close(fd);
            }
        });

        assertThat(e.getMessage()).isEqualTo("setsockopt(SO_BINDTODEVICE nosuch0) failed: ENODEV ("
                + Syscalls.strerror(Errno.ENODEV) + ")");
    }

    @Test
    void transparentWithoutCapNetAdminNamesIt() throws Exception {
        LinuxException e = a.call(() -> ThreadCapabilities.withoutNetworkCapabilities(() -> {
            int fd = tcpSocket(Sockopt.AF_INET);
            try {
                SocketOptions.setTransparent(fd, IpFamily.IPV4, true);
                return null;
            } catch (LinuxException x) {
                return x;
            } finally {
                Syscalls.close(fd);
            }
        }));

        assertThat(e.missingCapability()).isEqualTo(Capability.CAP_NET_ADMIN);
        assertThat(e.getMessage()).startsWith("setsockopt(IP_TRANSPARENT) failed: EPERM");
    }

    private static int tcpSocket(int family) throws LinuxException {
        return Syscalls.socket("socket(tcp)", Capability.NONE, family, SOCK_STREAM | Sockopt.SOCK_CLOEXEC, 0);
    }

    private static void bind(int fd, InetAddress address) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            Syscalls.bind(fd, Sockaddr.of(arena, address, 0), "bind(" + address.getHostAddress() + ")", Capability.NONE);
        }
    }
}
