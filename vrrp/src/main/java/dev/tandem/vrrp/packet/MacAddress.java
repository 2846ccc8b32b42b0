package dev.tandem.vrrp.packet;

import java.util.HexFormat;

/** A 48-bit Ethernet address. */
public record MacAddress(byte[] bytes) {
    public static final MacAddress BROADCAST = parse("ff:ff:ff:ff:ff:ff");

    public MacAddress {
        if (bytes.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes");
        }
        bytes = bytes.clone();
    }

    public static MacAddress parse(String text) {
        return new MacAddress(HexFormat.ofDelimiter(":").parseHex(text));
    }

    /** RFC 5798 §7.3: 00-00-5E-00-01-{VRID} for IPv4, 00-00-5E-00-02-{VRID} for IPv6. */
    public static MacAddress virtualRouter(int vrid, boolean ipv6) {
        return new MacAddress(new byte[] {0, 0, 0x5e, 0, (byte) (ipv6 ? 2 : 1), (byte) vrid});
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && java.util.Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
