package dev.tandem.config.keepalived.model;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One virtual IP address: {@code addr[/prefix] [dev X] [brd X] [scope X] [label X] [peer X]
 * [no_track]} (keepalived.conf(5), virtual_ipaddress).
 *
 * @param prefixLength the prefix; /32 (IPv4) or /128 (IPv6) when none was written
 * @param device the interface to install it on; empty means the instance's interface
 * @param noTrack when true, a VIP deleted behind keepalived's back does not take the instance out of MASTER
 */
public record Vip(
        InetAddress address,
        int prefixLength,
        Optional<String> device,
        Optional<InetAddress> broadcast,
        Optional<String> scope,
        Optional<String> label,
        Optional<InetAddress> peer,
        boolean noTrack,
        VipSource source,
        SourcePosition position) {

    public Vip {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(broadcast, "broadcast");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(position, "position");
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    /** {@code 192.0.2.1/32}, as {@code ip addr} and keepalived print it. */
    public String cidr() {
        return AddressText.of(address) + "/" + prefixLength;
    }
}
