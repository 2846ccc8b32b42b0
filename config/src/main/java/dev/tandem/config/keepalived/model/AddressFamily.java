package dev.tandem.config.keepalived.model;

import java.net.Inet6Address;
import java.net.InetAddress;

/** The address family of a VRRP instance; IPv4 and IPv6 are separate VRID spaces (RFC 5798 §7.3). */
public enum AddressFamily {
    IPV4,
    IPV6;

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet6Address ? IPV6 : IPV4;
    }

    /** The host prefix keepalived assumes when an address has no {@code /len}: /32 or /128. */
    public int hostPrefixLength() {
        return this == IPV4 ? 32 : 128;
    }

    /** "IPv4" / "IPv6", as keepalived prints it. */
    public String label() {
        return this == IPV4 ? "IPv4" : "IPv6";
    }
}
