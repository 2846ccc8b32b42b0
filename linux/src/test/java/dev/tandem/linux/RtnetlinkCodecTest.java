package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte layouts of rtnetlink(7) messages on little-endian x86_64; attributes 4-aligned. */
class RtnetlinkCodecTest {
    private static final int ADD_FLAGS = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE
            | Netlink.NLM_F_EXCL;

    @Test
    void ipv4AddCarriesIfaLocalAndIfaAddressInHostOrderHeaders() throws Exception {
        LinkAddress vip = LinkAddress.of(2, InetAddress.getByName("192.0.2.100"), 24);

        byte[] msg = RtnetlinkCodec.addressRequest(Netlink.RTM_NEWADDR, ADD_FLAGS, 1, vip);

        assertThat(msg).isEqualTo(FrameVectors.hex("""
                28000000 1400 0506 01000000 00000000
                02 18 00 00 02000000
                0800 0200 c0000264
                0800 0100 c0000264"""));
    }

    @Test
    void ipv6AddSetsNodadInIfaFlagsAndTheFlagsAttribute() throws Exception {
        // keepalived.md §3.2: IFA_F_NODAD so a VIP is usable at once and never "dadfailed".
        LinkAddress vip = LinkAddress.of(3, InetAddress.getByName("2001:db8::5"), 64);

        byte[] msg = RtnetlinkCodec.addressRequest(Netlink.RTM_NEWADDR, ADD_FLAGS, 7, vip);

        assertThat(msg).isEqualTo(FrameVectors.hex("""
                48000000 1400 0506 07000000 00000000
                0a 40 02 00 03000000
                1400 0200 20010db8000000000000000000000005
                1400 0100 20010db8000000000000000000000005
                0800 0800 02000000"""));
    }

    @Test
    void labelIsNulTerminatedAndPaddedToFourBytes() throws Exception {
        LinkAddress vip = LinkAddress.of(2, InetAddress.getByName("192.0.2.100"), 24)
                .withBroadcast(InetAddress.getByName("192.0.2.255")).withLabel("eth0:1");

        byte[] msg = RtnetlinkCodec.addressRequest(Netlink.RTM_NEWADDR, ADD_FLAGS, 1, vip);

        LinkAddress decoded = RtnetlinkCodec.decodeAddress(RtnetlinkCodec.split(msg, msg.length).getFirst().body());
        assertThat(msg.length % 4).isZero();
        assertThat(decoded).isEqualTo(vip);
    }

    @Test
    void kernelAddressNotificationPrefersIfaLocalAndReadsIfaFlags() {
        // A RTM_NEWADDR as the kernel sends it for 198.51.100.1/24 dev 4 "eth0", IFA_F_PERMANENT (0x80).
        byte[] msg = FrameVectors.hex("""
                58000000 1400 0000 00000000 00000000
                02 18 80 00 04000000
                0800 0100 c6336401
                0800 0200 c6336401
                0800 0400 c63364ff
                0900 0300 65746830 00 000000
                0800 0800 80000000
                1400 0600 ffffffff ffffffff 10000000 10000000""");

        List<RtnetlinkCodec.Message> messages = RtnetlinkCodec.split(msg, msg.length);
        NetlinkEvent event = RtnetlinkCodec.decodeEvent(messages.getFirst());

        assertThat(event).isInstanceOf(NetlinkEvent.AddressAdded.class);
        LinkAddress a = ((NetlinkEvent.AddressAdded) event).address();
        assertThat(a.toString()).isEqualTo("198.51.100.1/24 dev 4 label eth0 brd 198.51.100.255");
        assertThat(a.flags()).isEqualTo(0x80);
    }

    @Test
    void ipv4MappedAddressInAnIpv6NotificationStaysIpv6() {
        // found by RtnetlinkCodecFuzzTest: ::ffff:192.0.2.1/64 dev 4 decoded as the IPv4 192.0.2.1
        // with prefix 64, which LinkAddress refused with an exception out of the monitor's decoder
        byte[] msg = FrameVectors.hex("""
                2c000000 1400 0000 00000000 00000000
                0a 40 00 00 04000000
                1400 0200 00000000 00000000 0000ffff c0000201""");

        NetlinkEvent event = RtnetlinkCodec.decodeEvent(RtnetlinkCodec.split(msg, msg.length).getFirst());

        LinkAddress a = ((NetlinkEvent.AddressAdded) event).address();
        assertThat(a.family()).isEqualTo(IpFamily.IPV6);
        assertThat(a.prefixLength()).isEqualTo(64);
        assertThat(a.address().getHostAddress()).isEqualTo("0:0:0:0:0:ffff:c000:201");
    }

    @Test
    void ackCarriesNegatedErrnoSoEexistIsDistinguishable() {
        ByteBuffer msg = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        msg.putInt(36).putShort((short) Netlink.NLMSG_ERROR).putShort((short) 0).putInt(9).putInt(0);
        msg.putInt(-Errno.EEXIST);

        RtnetlinkCodec.Message m = RtnetlinkCodec.split(msg.array(), 36).getFirst();

        assertThat(m.type()).isEqualTo(Netlink.NLMSG_ERROR);
        assertThat(m.seq()).isEqualTo(9);
        assertThat(m.errorCode()).isEqualTo(Errno.EEXIST);
    }

    @Test
    void linkNotificationGivesNameMacAndUpRunning() {
        byte[] msg = FrameVectors.hex("""
                48000000 1000 0000 00000000 00000000
                00 00 0100 05000000 43100100 00000000
                0900 0300 65746830 00 000000
                0a00 0100 020000000011 0000
                0800 0400 dc050000
                0500 1000 06 000000""");

        NetlinkEvent event = RtnetlinkCodec.decodeEvent(RtnetlinkCodec.split(msg, msg.length).getFirst());

        assertThat(event).isInstanceOf(NetlinkEvent.LinkChanged.class);
        NetlinkEvent.LinkChanged changed = (NetlinkEvent.LinkChanged) event;
        assertThat(changed.link().name()).isEqualTo("eth0");
        assertThat(changed.link().index()).isEqualTo(5);
        assertThat(changed.link().macString()).isEqualTo("02:00:00:00:00:11");
        assertThat(changed.link().mtu()).isEqualTo(1500);
        assertThat(changed.link().operState()).isEqualTo(6);
        assertThat(changed.up()).isTrue();
    }

    @Test
    void adminDownLinkIsNotUp() {
        byte[] msg = FrameVectors.hex("""
                2c000000 1000 0000 00000000 00000000
                00 00 0100 05000000 02100000 00000000
                0900 0300 65746830 00 000000""");

        NetlinkEvent.LinkChanged changed = (NetlinkEvent.LinkChanged) RtnetlinkCodec.decodeEvent(
                RtnetlinkCodec.split(msg, msg.length).getFirst());

        assertThat(changed.up()).isFalse();
        assertThat(changed.link().up()).isFalse();
    }

    @Test
    void truncatedMessageEndsTheWalkWithoutThrowing() {
        byte[] msg = FrameVectors.hex("ff000000 1400 0000 00000000 00000000 02 18");

        assertThat(RtnetlinkCodec.split(msg, msg.length)).isEmpty();
    }

    @Test
    void dumpRequestsAskForEveryFamilyOrLink() {
        byte[] addr = RtnetlinkCodec.addressDump(3, Sockopt.AF_UNSPEC);
        byte[] link = RtnetlinkCodec.linkRequest(4, 0);

        assertThat(addr).isEqualTo(FrameVectors.hex("18000000 1600 0103 03000000 00000000 00 00 00 00 00000000"));
        assertThat(link).isEqualTo(FrameVectors.hex(
                "20000000 1200 0103 04000000 00000000 00 00 0000 00000000 00000000 00000000"));
    }
}
