package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.testkit.netns.LabHost;
import dev.tandem.testkit.netns.NetLab;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** VIP add/remove, address dump and link lookup over rtnetlink inside a lab host (root). keepalived.md §3.2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RtnetlinkNetnsTest {
    private NetLab lab;
    private LabHost a;
    private Rtnetlink rtnl;
    private int eth0;

    @BeforeAll
    void startLab() throws Exception {
        lab = NetLab.start(1);
        a = lab.host("a");
        rtnl = a.call(Rtnetlink::open);
        eth0 = a.call(() -> Interface.named("eth0").index());
    }

    @AfterAll
    void closeLab() {
        rtnl.close();
        lab.close();
    }

    @Test
    void ipv4VipAddIsAckedThenEexistThenDeleteThenEaddrnotavail() throws Exception {
        LinkAddress vip = LinkAddress.of(eth0, InetAddress.ofLiteral("192.0.2.100"), 24);

        rtnl.addAddress(vip);
        String afterAdd = a.ip("-4", "addr", "show", "dev", "eth0").stdout();
        LinuxException again = catchLinux(() -> rtnl.addAddress(vip));
        rtnl.deleteAddress(vip);
        String afterDelete = a.ip("-4", "addr", "show", "dev", "eth0").stdout();
        LinuxException missing = catchLinux(() -> rtnl.deleteAddress(vip));

        assertThat(afterAdd).contains("inet 192.0.2.100/24");
        assertThat(again.errno()).isEqualTo(Errno.EEXIST);
        assertThat(again.getMessage()).isEqualTo(
                "rtnetlink RTM_NEWADDR 192.0.2.100/24 dev " + eth0 + " failed: EEXIST (" + Syscalls.strerror(Errno.EEXIST) + ")");
        assertThat(afterDelete).doesNotContain("192.0.2.100");
        assertThat(missing.errno()).isEqualTo(Errno.EADDRNOTAVAIL);
    }

    @Test
    void ipv6VipIsAddedWithNodadAndDeletedLikeIpv4() throws Exception {
        LinkAddress vip = LinkAddress.of(eth0, InetAddress.ofLiteral("2001:db8::100"), 64);

        rtnl.addAddress(vip);
        String afterAdd = a.ip("-6", "addr", "show", "dev", "eth0").stdout();
        LinuxException again = catchLinux(() -> rtnl.addAddress(vip));
        rtnl.deleteAddress(vip);
        LinuxException missing = catchLinux(() -> rtnl.deleteAddress(vip));

        assertThat(afterAdd).containsPattern("inet6 2001:db8::100/64 scope global nodad");
        assertThat(again.errno()).isEqualTo(Errno.EEXIST);
        assertThat(missing.errno()).isEqualTo(Errno.EADDRNOTAVAIL);
        assertThat(a.ip("-6", "addr", "show", "dev", "eth0").stdout()).doesNotContain("2001:db8::100");
    }

    @Test
    void deprecatedIpv6VipHasPreferredLifetimeZero() throws Exception {
        // keepalived.md §3.2: /128 VIPs get preferred_lft 0 so they are never chosen as a source address.
        LinkAddress vip = LinkAddress.of(eth0, InetAddress.ofLiteral("2001:db8::128"), 128).deprecated();

        rtnl.addAddress(vip);
        try {
            LinkAddress seen = rtnl.addresses(eth0).stream().filter(vip::sameAs).findFirst().orElseThrow();

            assertThat(seen.isDeprecated()).isTrue();
            assertThat(a.ip("-6", "addr", "show", "dev", "eth0").stdout())
                    .containsPattern("2001:db8::128/128 scope global nodad deprecated\\s+"
                            + "valid_lft forever preferred_lft 0sec");
        } finally {
            rtnl.deleteAddress(vip);
        }
    }

    @Test
    void dumpListsTheInterfacesAddressesOfBothFamiliesOnly() throws Exception {
        List<LinkAddress> addresses = rtnl.addresses(eth0);

        assertThat(addresses).extracting(x -> x.address().getHostAddress() + "/" + x.prefixLength())
                .contains("192.0.2.11/24", "2001:db8:0:0:0:0:0:11/64", "fe80:0:0:0:0:ff:fe00:11/64")
                .doesNotContain("127.0.0.1/8");
        assertThat(addresses).allSatisfy(x -> assertThat(x.ifindex()).isEqualTo(eth0));
    }

    @Test
    void aVipInTheSameSubnetIsSecondarySoThePrimaryStaysTheAdvertSource() throws Exception {
        LinkAddress vip = LinkAddress.of(eth0, InetAddress.ofLiteral("192.0.2.101"), 24);

        rtnl.addAddress(vip);
        try {
            List<LinkAddress> v4 = rtnl.addresses(eth0).stream().filter(x -> x.family() == IpFamily.IPV4).toList();

            assertThat(v4).filteredOn(LinkAddress::isPrimary).extracting(LinkAddress::address)
                    .containsExactly(a.ipv4());
            assertThat(v4).filteredOn(vip::sameAs).singleElement().satisfies(x -> assertThat(x.isPrimary()).isFalse());
        } finally {
            rtnl.deleteAddress(vip);
        }
    }

    @Test
    void labelAndBroadcastRoundTripThroughTheKernel() throws Exception {
        LinkAddress vip = LinkAddress.of(eth0, InetAddress.ofLiteral("198.51.100.7"), 24)
                .withBroadcast(InetAddress.ofLiteral("198.51.100.255")).withLabel("eth0:vip");

        rtnl.addAddress(vip);
        try {
            LinkAddress seen = rtnl.addresses(eth0).stream().filter(vip::sameAs).findFirst().orElseThrow();

            assertThat(seen.label()).isEqualTo("eth0:vip");
            assertThat(seen.broadcast()).isEqualTo(InetAddress.ofLiteral("198.51.100.255"));
        } finally {
            rtnl.deleteAddress(vip);
        }
    }

    @Test
    void linkLookupGivesNameMacAndState() throws Exception {
        Link byIndex = rtnl.link(eth0);
        Link byName = rtnl.link("eth0").orElseThrow();

        assertThat(byIndex).isEqualTo(byName);
        assertThat(byIndex.name()).isEqualTo("eth0");
        assertThat(byIndex.macString()).isEqualTo(a.macString());
        assertThat(byIndex.operational()).isTrue();
        assertThat(rtnl.links()).extracting(Link::name).contains("lo", "eth0");
        assertThat(rtnl.link("nosuch0")).isEmpty();
    }

    @Test
    void unknownIfindexIsEnodev() {
        LinuxException e = catchLinux(() -> rtnl.link(99999));

        assertThat(e.errno()).isEqualTo(Errno.ENODEV);
        assertThat(e.call()).isEqualTo("rtnetlink RTM_GETLINK ifindex 99999");
    }

    @Test
    void addOnAMissingInterfaceIsAnErrorNotASilentSuccess() {
        LinkAddress vip = LinkAddress.of(99999, InetAddress.ofLiteral("192.0.2.200"), 24);

        assertThatThrownBy(() -> rtnl.addAddress(vip)).isInstanceOf(LinuxException.class)
                .hasMessageContaining("RTM_NEWADDR 192.0.2.200/24 dev 99999 failed: ENODEV");
    }

    interface LinuxCall {
        void run() throws LinuxException;
    }

    private static LinuxException catchLinux(LinuxCall call) {
        try {
            call.run();
        } catch (LinuxException e) {
            return e;
        }
        throw new AssertionError("expected a LinuxException");
    }
}
