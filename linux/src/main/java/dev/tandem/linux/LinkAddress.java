package dev.tandem.linux;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address on an interface: what {@code ip addr} shows and what RTM_NEWADDR / RTM_DELADDR carry.
 *
 * @param broadcast IPv4 IFA_BROADCAST, or null
 * @param label     IFA_LABEL (IPv4 only, e.g. {@code eth0:vip}), or null
 * @param flags     IFA_F_* flags; IPv6 requests always add IFA_F_NODAD (keepalived.md §3.2)
 * @param scope     RT_SCOPE_* (0 global, 253 link, 254 host)
 */
public record LinkAddress(int ifindex, InetAddress address, int prefixLength, InetAddress broadcast, String label,
        int flags, int scope) {
    /** IFA_F_SECONDARY: not the interface's primary address in its subnet. */
    public static final int IFA_F_SECONDARY = 0x01;
    /** IFA_F_DEPRECATED: preferred lifetime 0, so the kernel never picks the address as a source. */
    public static final int IFA_F_DEPRECATED = 0x20;

    /** IFA_F_NODAD: usable at once, cannot end up "dadfailed" when both routers hold the VIP in a split brain. */
    public static final int IFA_F_NODAD = Netlink.IFA_F_NODAD;

    public LinkAddress {
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length of " + address.getHostAddress() + " must be 0-" + max
                    + ", got " + prefixLength);
        }
        if (broadcast != null && IpFamily.of(broadcast) != IpFamily.of(address)) {
            throw new IllegalArgumentException("broadcast " + broadcast.getHostAddress() + " is not in the family of "
                    + address.getHostAddress());
        }
    }

    public static LinkAddress of(int ifindex, InetAddress address, int prefixLength) {
        return new LinkAddress(ifindex, address, prefixLength, null, null, 0, 0);
    }

    public LinkAddress withBroadcast(InetAddress value) {
        return new LinkAddress(ifindex, address, prefixLength, value, label, flags, scope);
    }

    public LinkAddress withLabel(String value) {
        return new LinkAddress(ifindex, address, prefixLength, broadcast, value, flags, scope);
    }

    /**
     * Adds the address with preferred lifetime 0 (IFA_CACHEINFO), as keepalived does for IPv6 /128 VIPs, so
     * outgoing connections keep using the interface's own address as source.
     */
    public LinkAddress deprecated() {
        return new LinkAddress(ifindex, address, prefixLength, broadcast, label, flags | IFA_F_DEPRECATED, scope);
    }

    /**
     * The primary IPv4 address of its subnet, the one keepalived sends adverts from when no
     * {@code unicast_src_ip} is set; IPv6 addresses are never secondary.
     */
    public boolean isPrimary() {
        return (flags & IFA_F_SECONDARY) == 0;
    }

    public boolean isDeprecated() {
        return (flags & IFA_F_DEPRECATED) != 0;
    }

    public LinkAddress withScope(int value) {
        return new LinkAddress(ifindex, address, prefixLength, broadcast, label, flags, value);
    }

    public IpFamily family() {
        return IpFamily.of(address);
    }

    /** Same interface, address and prefix: what the kernel matches on for delete. */
    public boolean sameAs(LinkAddress other) {
        return ifindex == other.ifindex && address.equals(other.address) && prefixLength == other.prefixLength;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev " + ifindex
                + (label != null ? " label " + label : "") + (broadcast != null ? " brd " + broadcast.getHostAddress() : "");
    }
}
