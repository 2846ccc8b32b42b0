package dev.tandem.vrrp.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The use_vmac netlink messages byte by byte (rtnetlink(7), if_link.h; keepalived vrrp_vmac.c). */
class VmacRequestTest {
    private static final byte[] VMAC = {0, 0, 0x5e, 0, 1, 51};

    @Test
    void createIsAnAckedExclusiveNewlinkOfAnUpPrivateMacvlan() {
        byte[] m = VmacRequest.create(7, 2, "vrrp.51", VMAC);
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(m.length);
        assertThat(b.getShort(4)).isEqualTo((short) VmacRequest.RTM_NEWLINK);
        assertThat(b.getShort(6)).isEqualTo((short) 0x605); // REQUEST | ACK | EXCL | CREATE
        assertThat(b.getInt(8)).isEqualTo(7);
        assertThat(b.getInt(16 + 4)).as("ifi_index").isZero();
        assertThat(b.getInt(16 + 8)).as("ifi_flags IFF_UP").isEqualTo(1);
        assertThat(b.getInt(16 + 12)).as("ifi_change IFF_UP").isEqualTo(1);
        String hex = HexFormat.of().formatHex(m, 32, m.length);
        assertThat(hex).startsWith("0800" + "0500" + "02000000") // IFLA_LINK = 2
                .contains("0c00" + "0300" + HexFormat.of().formatHex("vrrp.51\0".getBytes()))
                .contains("0a00" + "0100" + "00005e000133" + "0000") // IFLA_ADDRESS, padded
                .endsWith("0c00" + "0100" + HexFormat.of().formatHex("macvlan\0".getBytes())
                        + "0c00" + "0200" + "0800" + "0100" + "01000000"); // kind, data{mode private}
        assertThat(m.length % 4).isZero();
    }

    @Test
    void linkinfoLengthCoversItsNestedAttributes() {
        byte[] m = VmacRequest.create(1, 2, "vrrp.51", VMAC);
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        int linkinfo = m.length - 28; // header 4 + kind 12 + data 12
        assertThat(b.getShort(linkinfo)).isEqualTo((short) 28);
        assertThat(b.getShort(linkinfo + 2)).isEqualTo((short) 18);
    }

    @Test
    void deleteNamesTheLinkByIndex() {
        byte[] m = VmacRequest.delete(3, 9);
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(m.length).isEqualTo(32);
        assertThat(b.getShort(4)).isEqualTo((short) VmacRequest.RTM_DELLINK);
        assertThat(b.getInt(16 + 4)).isEqualTo(9);
    }

    @Test
    void ackErrnoReadsTheNegatedErrorOfTheMatchingSequence() {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(36).putShort((short) 2).putShort((short) 0).putInt(5).putInt(0).putInt(-17);
        assertThat(VmacRequest.ackErrno(b.array(), 36, 5)).isEqualTo(17);
        assertThat(VmacRequest.ackErrno(b.array(), 36, 6)).isEqualTo(-1);
        b.putInt(16, 0);
        assertThat(VmacRequest.ackErrno(b.array(), 36, 5)).isZero();
    }

    @Test
    void aTruncatedOrGarbledDatagramHoldsNoAck() {
        assertThat(VmacRequest.ackErrno(new byte[10], 10, 1)).isEqualTo(-1);
        byte[] bogus = new byte[20];
        bogus[0] = 100; // claims more than there is
        assertThat(VmacRequest.ackErrno(bogus, 20, 1)).isEqualTo(-1);
        assertThat(VmacRequest.ackErrno(new byte[32], 32, 1)).as("length 0 must not loop").isEqualTo(-1);
    }
}
