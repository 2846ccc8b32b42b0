package dev.tandem.linux;

/** Ethernet II framing shared by the ARP and neighbour-advertisement builders. */
final class Ethernet {
    static final int HEADER = 14;
    static final int ETH_P_IP = 0x0800;
    static final int ETH_P_ARP = 0x0806;
    static final int ETH_P_IPV6 = 0x86dd;
    static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private Ethernet() {
    }

    static void header(byte[] frame, byte[] destination, byte[] source, int etherType) {
        requireMac(source);
        System.arraycopy(destination, 0, frame, 0, 6);
        System.arraycopy(source, 0, frame, 6, 6);
        frame[12] = (byte) (etherType >>> 8);
        frame[13] = (byte) etherType;
    }

    static void requireMac(byte[] mac) {
        if (mac == null || mac.length != 6) {
            throw new IllegalArgumentException("a MAC address is 6 bytes, got " + (mac == null ? "none" : mac.length));
        }
    }

    static int etherType(byte[] frame) {
        return ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
    }
}
