package dev.tandem.linux;

import java.util.HexFormat;

/** Frames captured from keepalived 2.2.7 in the reference lab (keepalived.md §4.3). */
final class FrameVectors {
    static final byte[] LB2_MAC = hex("020000000012");

    static final byte[] GARP_192_0_2_100 = hex("""
            ffff ffff ffff 0200 0000 0012 0806 0001 0800 0604 0001 0200 0000 0012 c000 0264 ffff ffff ffff c000 0264""");

    static final byte[] NA_2001_DB8_12__100 = hex("""
            3333 0000 0001 0200 0000 0012 86dd 6000 0000 0020 3aff 2001 0db8 0012 0000 0000 0000 0000 0100
            ff02 0000 0000 0000 0000 0000 0000 0001 8800 f6f7 2000 0000 2001 0db8 0012 0000 0000 0000 0000 0100
            0201 0200 0000 0012""");

    private FrameVectors() {
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s", ""));
    }
}
