package dev.tandem.vrrp;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A VRRP message as the IO layer received it, with what the IP layer told about it.
 *
 * @param message the VRRP message (IPv4: after the IP header; IPv6: the raw socket payload)
 * @param ttl IPv4 TTL or IPv6 hop limit
 * @param interfaceName where it arrived; empty when unknown (then any interface matches)
 */
public record Received(byte[] message, InetAddress source, InetAddress destination, int ttl, String interfaceName) {
    public Received {
        Objects.requireNonNull(message);
        Objects.requireNonNull(source);
        Objects.requireNonNull(destination);
        Objects.requireNonNull(interfaceName);
    }
}
