package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.testkit.netns.LabHost;
import dev.tandem.testkit.netns.NetLab;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Raw protocol-112 sockets between two lab hosts (root; fails without it). keepalived.md §3.1. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawSocketNetnsTest {
    private static final InetAddress GROUP4 = RawSocket.VRRP_GROUP_V4;
    private static final InetAddress GROUP6 = RawSocket.VRRP_GROUP_V6;
    private static final byte[] ADVERT_V2 = FrameVectors.hex("210c 9601 0101 1730 c000 0264 6875 6e74 6572 3200");
    private static final long WAIT = 3000;

    private NetLab lab;
    private LabHost a;
    private LabHost b;

    @BeforeAll
    void startLab() {
        lab = NetLab.start(2);
        a = lab.host("a");
        b = lab.host("b");
    }

    @AfterAll
    void closeLab() {
        lab.close();
    }

    @Test
    void ipv4MulticastArrivesWithKeepalivedHeaderTtl255AndTos0xc0() throws Exception {
        try (RawSocket rx = b.call(() -> RawSocket.openMulticastReceiver(Interface.named("eth0"), GROUP4, 112));
             RawSocket tx = a.call(() -> RawSocket.openSender(Interface.named("eth0"), IpFamily.IPV4, a.ipv4(), 112,
                     RawSocket.SendOptions.KEEPALIVED))) {
            int bIndex = b.call(() -> Interface.named("eth0").index());

            assertThat(tx.send(ADVERT_V2, GROUP4)).isTrue();
            ReceivedPacket p = rx.receive(WAIT).orElseThrow();

            assertThat(p.payload()).isEqualTo(ADVERT_V2);
            assertThat(p.source()).isEqualTo(a.ipv4());
            assertThat(p.destination()).isEqualTo(GROUP4);
            assertThat(p.ttl()).isEqualTo(255);
            assertThat(p.trafficClass()).isEqualTo(0xc0);
            assertThat(p.ifindex()).isEqualTo(bIndex);
            assertThat(p.ipHeader()[9] & 0xff).as("protocol").isEqualTo(112);
            assertThat(InternetChecksum.of(p.ipHeader(), 0, p.ipHeader().length)).as("kernel-filled checksum").isZero();
            assertThat(((p.ipHeader()[2] & 0xff) << 8) | (p.ipHeader()[3] & 0xff)).as("tot_len")
                    .isEqualTo(20 + ADVERT_V2.length);
        }
    }

    @Test
    void ipv4WithoutHeaderIncludedSetsMulticastTtl255Itself() throws Exception {
        // keepalived.md §3.1: without IP_HDRINCL the multicast TTL defaults to 1 and peers would drop it.
        try (RawSocket rx = b.call(() -> RawSocket.openMulticastReceiver(Interface.named("eth0"), GROUP4, 112));
             RawSocket tx = a.call(() -> RawSocket.openSender(Interface.named("eth0"), IpFamily.IPV4, a.ipv4(), 112,
                     new RawSocket.SendOptions(255, 0xc0, false)))) {
            tx.send(ADVERT_V2, GROUP4);
            ReceivedPacket p = rx.receive(WAIT).orElseThrow();

            assertThat(p.ttl()).isEqualTo(255);
            assertThat(p.trafficClass()).isEqualTo(0xc0);
            assertThat(p.source()).isEqualTo(a.ipv4());
        }
    }

    @Test
    void ipv6MulticastArrivesWithHopLimit255FromCmsgAndAKernelChecksum() throws Exception {
        byte[] advert = FrameVectors.hex("310c 9601 0064 0000 2001 0db8 0000 0000 0000 0000 0000 0100");
        try (RawSocket rx = b.call(() -> RawSocket.openMulticastReceiver(Interface.named("eth0"), GROUP6, 112));
             RawSocket tx = a.call(() -> RawSocket.openSender(Interface.named("eth0"), IpFamily.IPV6, a.linkLocal(),
                     112, RawSocket.SendOptions.KEEPALIVED))) {
            tx.send(advert, GROUP6);
            ReceivedPacket p = rx.receive(WAIT).orElseThrow();

            assertThat(p.hopLimitOk()).isTrue();
            assertThat(p.ttl()).isEqualTo(255);
            assertThat(p.destination()).isEqualTo(GROUP6);
            assertThat(stripScope(p.source())).isEqualTo(a.linkLocal());
            assertThat(p.trafficClass()).isEqualTo(0xc0);
            assertThat(p.ipHeader()).isEmpty();
            assertThat(Arrays.copyOfRange(p.payload(), 0, 6)).isEqualTo(Arrays.copyOfRange(advert, 0, 6));
            assertThat(p.payload()[6] | p.payload()[7]).as("checksum filled by IPV6_CHECKSUM").isNotZero();
            assertThat(InternetChecksum.ipv6((Inet6Address) a.linkLocal(), (Inet6Address) GROUP6, 112, p.payload(), 0,
                    p.payload().length)).as("checksum over the IPv6 pseudo-header").isZero();
        }
    }

    @Test
    void unicastAdvertReachesTheUnicastReceiverAndNotTheGroupOne() throws Exception {
        try (RawSocket group = b.call(() -> RawSocket.openMulticastReceiver(Interface.named("eth0"), GROUP4, 112));
             RawSocket unicast = b.call(() -> RawSocket.openUnicastReceiver(Interface.named("eth0"), b.ipv4(), 112));
             RawSocket tx = a.call(() -> RawSocket.openSender(Interface.named("eth0"), IpFamily.IPV4, a.ipv4(), 112,
                     RawSocket.SendOptions.KEEPALIVED))) {
            tx.send(ADVERT_V2, b.ipv4());

            ReceivedPacket p = unicast.receive(WAIT).orElseThrow();
            assertThat(p.destination()).isEqualTo(b.ipv4());
            assertThat(p.ttl()).isEqualTo(255);
            assertThat(group.receive(200)).as("bound to the group, so unicast is not delivered").isEmpty();
        }
    }

    @Test
    void ipv6UnicastToAPeerAlsoCarriesHopLimit255() throws Exception {
        byte[] advert = FrameVectors.hex("310c 9601 0064 0000 2001 0db8 0000 0000 0000 0000 0000 0100");
        try (RawSocket unicast = b.call(() -> RawSocket.openUnicastReceiver(Interface.named("eth0"), b.ipv6(), 112));
             RawSocket tx = a.call(() -> RawSocket.openSender(Interface.named("eth0"), IpFamily.IPV6, a.ipv6(), 112,
                     RawSocket.SendOptions.KEEPALIVED))) {
            tx.send(advert, b.ipv6());
            ReceivedPacket p = unicast.receive(WAIT).orElseThrow();

            assertThat(p.ttl()).isEqualTo(255);
            assertThat(p.destination()).isEqualTo(b.ipv6());
            assertThat(stripScope(p.source())).isEqualTo(a.ipv6());
        }
    }

    @Test
    void senderDoesNotHearItsOwnMulticast() throws Exception {
        try (RawSocket ownRx = a.call(() -> RawSocket.openMulticastReceiver(Interface.named("eth0"), GROUP4, 112));
             RawSocket peerRx = b.call(() -> RawSocket.openMulticastReceiver(Interface.named("eth0"), GROUP4, 112));
             RawSocket tx = a.call(() -> RawSocket.openSender(Interface.named("eth0"), IpFamily.IPV4, a.ipv4(), 112,
                     RawSocket.SendOptions.KEEPALIVED))) {
            tx.send(ADVERT_V2, GROUP4);

            assertThat(peerRx.receive(WAIT)).isPresent();
            assertThat(ownRx.receive(200)).as("IP_MULTICAST_LOOP=0").isEmpty();
        }
    }

    @Test
    void sendingOnAnAdministrativelyDownLinkFailsLoudlyInsteadOfVanishing() throws Exception {
        // vrrp.io must treat these as "interface down" (FAULT), not as a crash.
        try (RawSocket tx = a.call(() -> RawSocket.openSender(Interface.named("eth0"), IpFamily.IPV4, a.ipv4(), 112,
                RawSocket.SendOptions.KEEPALIVED));
             PacketSocket ps = a.call(PacketSocket::open)) {
            int eth0 = a.call(() -> Interface.named("eth0").index());
            a.linkDown();
            try {
                LinuxException advert = catchLinux(() -> tx.send(ADVERT_V2, GROUP4));
                LinuxException garp = catchLinux(() -> ps.send(eth0,
                        GratuitousArp.frame(a.mac(), (Inet4Address) a.ipv4())));

                assertThat(advert.getMessage()).isEqualTo(
                        "sendmsg(224.0.0.18 via eth0) failed: ENETUNREACH (" + Syscalls.strerror(Errno.ENETUNREACH) + ")");
                assertThat(garp.errno()).isEqualTo(Errno.ENETDOWN);
            } finally {
                a.linkUp();
            }
        }
    }

    interface LinuxCall {
        Object run() throws LinuxException;
    }

    private static LinuxException catchLinux(LinuxCall call) {
        try {
            call.run();
        } catch (LinuxException e) {
            return e;
        }
        throw new AssertionError("expected a LinuxException");
    }

    @Test
    void wakeupEndsAReceiveBlockedWithoutTimeout() throws Exception {
        try (RawSocket rx = b.call(() -> RawSocket.openMulticastReceiver(Interface.named("eth0"), GROUP4, 112))) {
            CompletableFuture<Optional<ReceivedPacket>> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return rx.receive(-1);
                } catch (LinuxException e) {
                    throw new IllegalStateException(e);
                }
            }, r -> Thread.ofPlatform().start(r));

            rx.wakeup();

            assertThat(blocked.get(10, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void closedSocketReportsEbadfNamingTheCallAndIgnoresLateWakeups() throws Exception {
        RawSocket rx = b.call(() -> RawSocket.openMulticastReceiver(Interface.named("eth0"), GROUP4, 112));
        rx.close();
        rx.wakeup();
        rx.close();

        assertThatThrownBy(() -> rx.receive(0)).isInstanceOf(LinuxException.class)
                .hasMessageStartingWith("poll failed: EBADF");
    }

    @Test
    void unknownInterfaceIsEnodevNamingTheInterface() {
        assertThatThrownBy(() -> b.call(() -> Interface.named("nosuch0"))).isInstanceOf(LinuxException.class)
                .hasMessage("if_nametoindex(nosuch0) failed: ENODEV (" + Syscalls.strerror(Errno.ENODEV) + ")");
    }

    private static InetAddress stripScope(InetAddress address) throws Exception {
        return InetAddress.getByAddress(address.getAddress());
    }
}
