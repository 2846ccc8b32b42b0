package dev.tandem.config.haproxy.model;

public enum AddressFamily {
    IPV4,
    IPV6
}
