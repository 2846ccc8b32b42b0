package dev.tandem.vrrp.io;

import dev.tandem.linux.Link;
import dev.tandem.linux.LinkAddress;
import dev.tandem.linux.LinuxException;
import dev.tandem.linux.Rtnetlink;
import dev.tandem.vrrp.KeepalivedSettings;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The advert source keepalived picks when no unicast_src_ip / mcast_src_ip is given: the interface's first
 * (primary) IPv4 address, or its IPv6 link-local address (keepalived vrrp_if.c; RFC 5798 §5.1.2.1).
 */
final class PrimaryAddresses implements KeepalivedSettings.PrimaryAddress {
    private final Map<String, Integer> indexOf;
    private final List<LinkAddress> addresses;

    PrimaryAddresses(Map<String, Integer> indexOf, List<LinkAddress> addresses) {
        this.indexOf = Map.copyOf(indexOf);
        this.addresses = List.copyOf(addresses);
    }

    static PrimaryAddresses read(Rtnetlink rtnl) throws LinuxException {
        Map<String, Integer> idx = rtnl.links().stream().collect(Collectors.toMap(Link::name, Link::index, (a, b) -> a));
        return new PrimaryAddresses(idx, rtnl.addresses(0));
    }

    @Override
    public Optional<InetAddress> of(String interfaceName, boolean ipv6) {
        Integer index = indexOf.get(interfaceName);
        if (index == null) {
            return Optional.empty();
        }
        return addresses.stream()
                .filter(a -> a.ifindex() == index)
                .filter(a -> ipv6 ? a.address() instanceof Inet6Address && a.address().isLinkLocalAddress()
                        : a.address() instanceof Inet4Address && (a.flags() & LinkAddress.IFA_F_SECONDARY) == 0)
                .map(LinkAddress::address)
                .findFirst();
    }
}
