package dev.tandem.vrrp.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** Real keepalived 2.2.7 frames captured in the lab (keepalived.md §4.3). */
final class Vectors {
    static final String V2_FRAME = "01005e000012020000000011080045c0002800040000ff701884c000020be0000012"
            + "210c960101011730c00002646875 6e7465723200";
    static final String V2_PRIO150 = "210c960101011730c000026468756e7465723200";
    static final String V2_PRIO0 = "210c00010101ad30c000026468756e7465723200";
    static final String V3_IPV4_FRAME = "01005e000012020000000011080045c0002000040000ff70188cc000020be0000012"
            + "310d96010064d38cc0000265";
    static final String V3_IPV4 = "310d96010064d38cc0000265";
    static final String V3_IPV4_RFC9568 = "310d960100647627c0000265";
    static final String V3_IPV6 = "310c960100640c9420010db8001200000000000000000100";
    static final String V3_IPV6_PRIO0 = "310c00010064a29420010db8001200000000000000000100";
    static final String GARP = "ffffffffffff0200000000120806000108000604000102000000"
            + "0012c0000264ffffffffffffc0000264";
    static final String NA = "333300000001020000000012 86dd6000000000203aff20010db8001200000000000000000100"
            + "ff020000000000000000000000000001 8800f6f720000000 20010db8001200000000000000000100"
            + "0201020000000012";

    static final InetAddress LB1 = ip("192.0.2.11");
    static final InetAddress GROUP4 = ip("224.0.0.18");
    static final InetAddress LB1_LL = ip("fe80::ff:fe00:11");
    static final InetAddress GROUP6 = ip("ff02::12");

    private Vectors() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
