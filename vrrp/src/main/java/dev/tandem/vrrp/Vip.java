package dev.tandem.vrrp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A virtual address the instance owns while MASTER.
 *
 * @param prefixLength keepalived defaults to /32 or /128 when the mask is omitted
 * @param device the interface to put it on; empty means the instance's interface
 */
public record Vip(InetAddress address, int prefixLength, String device) {
    public Vip {
        Objects.requireNonNull(address);
        Objects.requireNonNull(device);
        int max = address instanceof Inet6Address ? 128 : 32;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length of " + address.getHostAddress() + " must be 0.." + max);
        }
    }

    public static Vip of(InetAddress address) {
        return new Vip(address, address instanceof Inet6Address ? 128 : 32, "");
    }

    public boolean ipv6() {
        return address instanceof Inet6Address;
    }
}
