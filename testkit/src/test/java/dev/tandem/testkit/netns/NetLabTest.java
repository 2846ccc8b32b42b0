package dev.tandem.testkit.netns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Needs root: fails (does not skip) without it, with NetLab's message saying so. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetLabTest {
    private NetLab lab;

    @BeforeAll
    void startLab() {
        lab = NetLab.start(2);
    }

    @AfterAll
    void closeLab() {
        lab.close();
    }

    @Test
    void hostsReachEachOtherOverTheBridgeOnIpv4AndIpv6() throws Exception {
        LabHost a = lab.host("a");
        LabHost b = lab.host("b");

        for (InetAddress target : List.of(b.ipv4(), b.ipv6())) {
            try (ServerSocket server = b.call(() -> new ServerSocket(7000, 1, target))) {
                InetAddress seenFrom = a.call(() -> {
                    try (Socket client = new Socket()) {
                        client.connect(new InetSocketAddress(target, 7000), 2000);
                        return client.getLocalAddress();
                    }
                });
                try (Socket accepted = server.accept()) {
                    assertThat(accepted.getInetAddress()).isEqualTo(seenFrom);
                }
                assertThat(seenFrom).isIn(a.ipv4(), a.ipv6());
            }
        }
    }

    @Test
    void serverSocketsCreatedOnAHostThreadAreNotInTheRootNamespace() throws Exception {
        // 192.0.2.11 exists only inside host a: binding it anywhere else fails with EADDRNOTAVAIL.
        LabHost a = lab.host("a");

        int port = a.call(() -> {
            try (ServerSocket s = new ServerSocket(0, 1, a.ipv4())) {
                return s.getLocalPort();
            }
        });

        assertThat(port).isPositive();
    }

    @Test
    void nettyChannelCreatedOnAHostThreadLivesInThatHostWhateverLoopServesIt() throws Exception {
        // The channel's socket is created by the calling thread (Bootstrap.bind -> newChannel); the event
        // loop thread, here in the root namespace, only drives it.
        LabHost a = lab.host("a");
        LabHost b = lab.host("b");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel server = b.call(() -> new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter()).bind(b.ipv4(), 0).sync().channel());
            int port = ((InetSocketAddress) server.localAddress()).getPort();

            boolean connected = a.call(() -> {
                try (Socket client = new Socket()) {
                    client.connect(new InetSocketAddress(b.ipv4(), port), 2000);
                    return client.isConnected();
                }
            });

            assertThat(connected).isTrue();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void execCapturesOutputAndExitCode() {
        ExecResult result = lab.host("a").exec("sh", "-c", "echo out; echo err >&2; exit 3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.ok()).isFalse();
    }

    @Test
    void codeCalledOnAHostSeesThatHostsInterfaceAndFixedMac() throws Exception {
        LabHost b = lab.host("b");

        byte[] mac = b.call(() -> NetworkInterface.getByName(LabHost.INTERFACE).getHardwareAddress());
        String ipv4 = b.call(() -> NetworkInterface.getByName(LabHost.INTERFACE).inetAddresses()
                .map(InetAddress::getHostAddress).toList().toString());
        // /proc/net is the main thread's view; the host thread's own is /proc/thread-self/net.
        String ipv6 = b.call(() -> Files.readString(Path.of("/proc/thread-self/net/if_inet6")));

        assertThat(HexFormat.ofDelimiter(":").formatHex(mac)).isEqualTo("02:00:00:00:00:12");
        assertThat(ipv4).contains("192.0.2.12");
        assertThat(ipv6).contains("20010db8000000000000000000000012", "fe80000000000000000000fffe000012");
        assertThat(b.linkLocal().getHostAddress()).isEqualTo("fe80:0:0:0:0:ff:fe00:12");
    }

    @Test
    void linkDownAndUpAreVisibleInsideTheHost() throws Exception {
        LabHost a = lab.host("a");

        a.linkDown();
        String whileDown = a.linkFlags();
        a.linkUp();
        boolean runningAgain = a.call(() -> NetworkInterface.getByName(LabHost.INTERFACE).isUp());

        assertThat(whileDown.split(",")).doesNotContain("UP");
        assertThat(runningAgain).as("IFF_UP and IFF_RUNNING after linkUp()").isTrue();
    }

    @Test
    void bridgeHasMulticastSnoopingOffAndHostsHaveDadOffArpAcceptOn() {
        ExecResult snooping = new ExecResult(List.of(), 0, Exec.run(List.of("ip", "netns", "exec",
                lab.switchNamespace(), "cat", "/sys/class/net/br0/bridge/multicast_snooping"), null,
                Exec.DEFAULT_TIMEOUT).stdout(), "");
        ExecResult sysctl = lab.host("a").exec("sysctl", "-n", "net.ipv6.conf.eth0.accept_dad",
                "net.ipv4.conf.eth0.arp_accept");

        assertThat(snooping.stdout().strip()).isEqualTo("0");
        assertThat(sysctl.stdout().split("\\s+")).containsExactly("0", "1");
    }

    @Test
    void staleNamespaceOfADeadOwnerIsRemovedAndLiveOnesAreKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String stale = NetLab.PREFIX + gone.pid() + "-dead-a";
        Exec.run(List.of("ip", "netns", "add", stale), null, Exec.DEFAULT_TIMEOUT).requireSuccess();

        List<String> removed = NetLab.removeStale();

        assertThat(removed).contains(stale);
        assertThat(Path.of("/run/netns", stale)).doesNotExist();
        assertThat(lab.namespaces()).allSatisfy(ns -> assertThat(Path.of("/run/netns", ns)).exists());
    }

    @Test
    void closeRemovesEveryNamespaceOfTheLab() {
        NetLab other = NetLab.start(1);
        List<String> namespaces = other.namespaces();

        other.close();

        assertThat(namespaces).hasSize(2).allSatisfy(ns -> assertThat(Files.exists(Path.of("/run/netns", ns))).isFalse());
    }
}
