package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.testkit.netns.LabHost;
import dev.tandem.testkit.netns.NetLab;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The raw sockets against Debian's keepalived 2.2.7 running in host b (root; fails if keepalived is missing):
 * its adverts arrive intact, and ours, sent the keepalived way, make it step down (keepalived.md §3.5).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeepalivedInteropNetnsTest {
    private static final InetAddress GROUP4 = InetAddress.ofLiteral("224.0.0.18");
    private static final InetAddress GROUP6 = InetAddress.ofLiteral("ff02::12");
    private static final long WAIT = 10_000;

    private Path dir;
    private NetLab lab;
    private LabHost a;
    private LabHost b;
    private RawSocket rx4;
    private RawSocket rx6;
    private Process keepalived;
    private Path log;
    private ReceivedPacket firstAdvert4;
    private ReceivedPacket firstAdvert6;

    @BeforeAll
    void startKeepalivedInB() throws Exception {
        dir = Files.createTempDirectory("tdm-keepalived");
        lab = NetLab.start(2);
        a = lab.host("a");
        b = lab.host("b");
        rx4 = a.call(() -> RawSocket.openMulticastReceiver(Interface.named("eth0"), GROUP4, 112));
        rx6 = a.call(() -> RawSocket.openMulticastReceiver(Interface.named("eth0"), GROUP6, 112));
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                global_defs {
                    router_id lab_b
                }
                vrrp_instance VI_4 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass hunter2
                    }
                    virtual_ipaddress {
                        192.0.2.100/24
                    }
                }
                vrrp_instance VI_6 {
                    state MASTER
                    interface eth0
                    virtual_router_id 52
                    priority 150
                    advert_int 1
                    virtual_ipaddress {
                        2001:db8::100/64
                    }
                }
                """);
        log = dir.resolve("keepalived.log");
        keepalived = b.spawn(log, "keepalived", "-n", "-l", "-D", "-P", "-f", conf.toString(),
                "-p", dir.resolve("keepalived.pid").toString(), "-r", dir.resolve("vrrp.pid").toString());
        // Captured before any test speaks, so each test sees keepalived as an undisturbed master.
        firstAdvert4 = receiveFrom(rx4, b.ipv4());
        firstAdvert6 = receiveFrom(rx6, null);
    }

    @AfterAll
    void stop() throws Exception {
        if (keepalived != null) {
            keepalived.destroy();
            if (!keepalived.waitFor(10, TimeUnit.SECONDS)) {
                keepalived.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (rx4 != null) {
            rx4.close();
        }
        if (rx6 != null) {
            rx6.close();
        }
        lab.close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Test
    void keepalivedsIpv4AdvertArrivesWithTtl255AndAValidChecksum() {
        ReceivedPacket p = firstAdvert4;

        assertThat(p.ttl()).isEqualTo(255);
        assertThat(p.trafficClass()).isEqualTo(0xc0);
        assertThat(p.destination()).isEqualTo(GROUP4);
        assertThat(p.payload()[0]).as("VRRPv2 advertisement").isEqualTo((byte) 0x21);
        assertThat(p.payload()[1] & 0xff).as("VRID").isEqualTo(51);
        assertThat(p.payload()[2] & 0xff).as("priority").isEqualTo(150);
        assertThat(InternetChecksum.of(p.payload(), 0, p.payload().length)).isZero();
    }

    @Test
    void keepalivedsIpv6AdvertArrivesWithHopLimit255FromItsLinkLocal() throws Exception {
        ReceivedPacket p = firstAdvert6;

        assertThat(p.ttl()).isEqualTo(255);
        assertThat(p.destination()).isEqualTo(GROUP6);
        assertThat(InetAddress.getByAddress(p.source().getAddress())).isEqualTo(b.linkLocal());
        assertThat(p.payload()[0]).as("VRRPv3 advertisement").isEqualTo((byte) 0x31);
        assertThat(p.payload()[1] & 0xff).as("VRID").isEqualTo(52);
        assertThat(InternetChecksum.ipv6((Inet6Address) b.linkLocal(), (Inet6Address) GROUP6, 112, p.payload(), 0,
                p.payload().length)).isZero();
    }

    @Test
    void ourHigherPriorityAdvertMakesKeepalivedStepDownAndDropTheVip() throws Exception {
        byte[] advert = FrameVectors.hex("2133 c801 0101 0000 c000 0264 6875 6e74 6572 3200");
        int checksum = InternetChecksum.of(advert, 0, advert.length);
        advert[6] = (byte) (checksum >>> 8);
        advert[7] = (byte) checksum;

        try (RawSocket tx = a.call(() -> RawSocket.openSender(Interface.named("eth0"), IpFamily.IPV4, a.ipv4(), 112,
                RawSocket.SendOptions.KEEPALIVED))) {
            tx.send(advert, GROUP4);
            await().atMost(Duration.ofMillis(WAIT)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                tx.send(advert, GROUP4);
                assertThat(Files.readString(log)).contains("(VI_4) Entering BACKUP STATE");
            });
        }

        assertThat(Files.readString(log)).contains("higher priority 200, ours 150");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(b.ip("-4", "addr", "show", "dev", "eth0").stdout()).doesNotContain("192.0.2.100"));
    }

    /** The next advert from {@code source} (any source if null), skipping anything else on the group. */
    private ReceivedPacket receiveFrom(RawSocket socket, InetAddress source) throws Exception {
        long deadline = System.nanoTime() + WAIT * 1_000_000L;
        while (System.nanoTime() < deadline) {
            var p = socket.receive(500);
            if (p.isPresent() && (source == null || p.get().source().equals(source))) {
                return p.get();
            }
        }
        throw new AssertionError("no advert within " + WAIT + " ms; keepalived log:\n" + Files.readString(log));
    }
}
