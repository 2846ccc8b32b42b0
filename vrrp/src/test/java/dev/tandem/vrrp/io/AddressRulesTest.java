package dev.tandem.vrrp.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.linux.LinkAddress;
import dev.tandem.vrrp.Vip;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which address a VIP is added as, and which address adverts leave from (keepalived.md §3.2, RFC 5798 §5.1.2.1). */
class AddressRulesTest {
    private static LinkAddress address(int ifindex, String ip, int prefix, int flags) {
        return new LinkAddress(ifindex, InetAddress.ofLiteral(ip), prefix, null, null, flags, 0);
    }

    @Test
    void ipv6SlashOneTwentyEightVipIsAddedDeprecatedSoItIsNeverASourceAddress() {
        Vip vip = new Vip(InetAddress.ofLiteral("2001:db8::100"), 128, "");
        assertThat(VipAddresses.linkAddress(3, vip).isDeprecated()).isTrue();
    }

    @Test
    void ipv6VipWithASubnetPrefixAndIpv4VipsAreAddedAsUsable() {
        assertThat(VipAddresses.linkAddress(3, new Vip(InetAddress.ofLiteral("2001:db8::100"), 64, "")).isDeprecated())
                .isFalse();
        LinkAddress v4 = VipAddresses.linkAddress(3, new Vip(InetAddress.ofLiteral("192.0.2.100"), 24, ""));
        assertThat(v4.isDeprecated()).isFalse();
        assertThat(v4.prefixLength()).isEqualTo(24);
        assertThat(v4.ifindex()).isEqualTo(3);
    }

    @Test
    void vipWithoutDevGoesOnTheInstanceInterface() {
        assertThat(VipAddresses.device("eth0", new Vip(InetAddress.ofLiteral("192.0.2.100"), 24, ""))).isEqualTo("eth0");
        assertThat(VipAddresses.device("eth0", new Vip(InetAddress.ofLiteral("192.0.2.100"), 24, "eth1")))
                .isEqualTo("eth1");
    }

    @Test
    void ipv4AdvertSourceIsThePrimaryAddressNotASecondary() {
        PrimaryAddresses p = new PrimaryAddresses(Map.of("eth0", 2), List.of(
                address(2, "192.0.2.100", 24, LinkAddress.IFA_F_SECONDARY),
                address(2, "192.0.2.11", 24, 0)));
        assertThat(p.of("eth0", false)).contains(InetAddress.ofLiteral("192.0.2.11"));
    }

    @Test
    void ipv6AdvertSourceIsTheLinkLocalAddress() {
        PrimaryAddresses p = new PrimaryAddresses(Map.of("eth0", 2), List.of(
                address(2, "2001:db8::11", 64, 0),
                address(2, "fe80::ff:fe00:11", 64, 0)));
        assertThat(p.of("eth0", true)).contains(InetAddress.ofLiteral("fe80::ff:fe00:11"));
    }

    @Test
    void anUnknownInterfaceOrAFamilyWithoutAddressHasNoSource() {
        PrimaryAddresses p = new PrimaryAddresses(Map.of("eth0", 2), List.of(address(2, "192.0.2.11", 24, 0),
                address(5, "fe80::1", 64, 0)));
        assertThat(p.of("eth9", false)).isEmpty();
        assertThat(p.of("eth0", true)).isEmpty();
    }
}
