package dev.tandem.config.haproxy.model;

/** An IP network written {@code addr[/prefix]}; a bare address has the full prefix length. */
public record Network(AddressFamily family, String address, int prefixLength) {
}
