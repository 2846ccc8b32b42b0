package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testkit.netns.LabHost;
import dev.tandem.testkit.netns.NetLab;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Link and address notifications, as keepalived uses them for FAULT and VIP tracking (root). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetlinkMonitorNetnsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private NetLab lab;
    private LabHost a;
    private int eth0;

    @BeforeAll
    void startLab() throws Exception {
        lab = NetLab.start(1);
        a = lab.host("a");
        eth0 = a.call(() -> Interface.named("eth0").index());
    }

    @AfterAll
    void closeLab() {
        lab.close();
    }

    @Test
    void linkDownThenUpIsReportedAsLinkChanged() throws Exception {
        try (NetlinkMonitor monitor = a.call(NetlinkMonitor::open)) {
            a.linkDown();
            NetlinkEvent down = awaitEvent(monitor, e -> e instanceof NetlinkEvent.LinkChanged c
                    && c.link().index() == eth0 && !c.link().up());
            a.linkUp();
            NetlinkEvent up = awaitEvent(monitor, e -> e instanceof NetlinkEvent.LinkChanged c
                    && c.link().index() == eth0 && c.up());

            assertThat(((NetlinkEvent.LinkChanged) down).up()).isFalse();
            assertThat(((NetlinkEvent.LinkChanged) down).link().name()).isEqualTo("eth0");
            assertThat(((NetlinkEvent.LinkChanged) up).link().operational()).isTrue();
        }
    }

    @Test
    void carrierLossIsDownEvenThoughTheLinkStaysAdministrativelyUp() throws Exception {
        // keepalived's IF_ISUP needs IFF_UP and IFF_RUNNING: a dead peer or switch port means FAULT.
        try (NetlinkMonitor monitor = a.call(NetlinkMonitor::open)) {
            a.unplug();
            NetlinkEvent lost = awaitEvent(monitor, e -> e instanceof NetlinkEvent.LinkChanged c
                    && c.link().index() == eth0 && !c.up());
            a.plug();
            awaitEvent(monitor, e -> e instanceof NetlinkEvent.LinkChanged c && c.link().index() == eth0 && c.up());

            Link link = ((NetlinkEvent.LinkChanged) lost).link();
            assertThat(link.up()).as("IFF_UP").isTrue();
            assertThat(link.running()).as("IFF_RUNNING").isFalse();
        }
    }

    @Test
    void addressAddAndRemoveAreReportedWithTheAddress() throws Exception {
        LinkAddress vip = LinkAddress.of(eth0, InetAddress.ofLiteral("203.0.113.9"), 24);
        LinkAddress vip6 = LinkAddress.of(eth0, InetAddress.ofLiteral("2001:db8::99"), 64);
        try (NetlinkMonitor monitor = a.call(NetlinkMonitor::open);
             Rtnetlink rtnl = a.call(Rtnetlink::open)) {
            rtnl.addAddress(vip);
            NetlinkEvent added = awaitEvent(monitor, e -> e instanceof NetlinkEvent.AddressAdded x && x.address().sameAs(vip));
            rtnl.deleteAddress(vip);
            NetlinkEvent removed = awaitEvent(monitor, e -> e instanceof NetlinkEvent.AddressRemoved x && x.address().sameAs(vip));
            rtnl.addAddress(vip6);
            rtnl.deleteAddress(vip6);
            NetlinkEvent removed6 = awaitEvent(monitor,
                    e -> e instanceof NetlinkEvent.AddressRemoved x && x.address().sameAs(vip6));

            assertThat(added).isInstanceOf(NetlinkEvent.AddressAdded.class);
            assertThat(removed).isInstanceOf(NetlinkEvent.AddressRemoved.class);
            assertThat(((NetlinkEvent.AddressRemoved) removed6).address().flags() & LinkAddress.IFA_F_NODAD)
                    .isEqualTo(LinkAddress.IFA_F_NODAD);
        }
    }

    @Test
    void addressRemovedBehindOurBackIsSeen() throws Exception {
        // keepalived.md §3.2: a VIP deleted by someone else makes the instance leave MASTER.
        try (NetlinkMonitor monitor = a.call(NetlinkMonitor::open)) {
            a.ip("addr", "add", "192.0.2.150/24", "dev", "eth0");
            a.ip("addr", "del", "192.0.2.150/24", "dev", "eth0");

            NetlinkEvent removed = awaitEvent(monitor, e -> e instanceof NetlinkEvent.AddressRemoved x
                    && x.address().address().equals(InetAddress.ofLiteral("192.0.2.150")));

            assertThat(((NetlinkEvent.AddressRemoved) removed).address().prefixLength()).isEqualTo(24);
        }
    }

    @Test
    void wakeupEndsAPollWithNoEvents() throws Exception {
        try (NetlinkMonitor monitor = a.call(NetlinkMonitor::open)) {
            monitor.wakeup();

            assertThat(monitor.poll(-1)).isEmpty();
        }
    }

    /** Polls until an event matches; bounded by WAIT so a missing event fails instead of hanging. */
    private static NetlinkEvent awaitEvent(NetlinkMonitor monitor, Predicate<NetlinkEvent> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<NetlinkEvent> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (NetlinkEvent e : monitor.poll(100)) {
                seen.add(e);
                if (wanted.test(e)) {
                    return e;
                }
            }
        }
        throw new AssertionError("no matching event within " + WAIT + "; saw " + seen);
    }
}
