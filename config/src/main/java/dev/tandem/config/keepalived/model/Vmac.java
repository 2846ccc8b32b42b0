package dev.tandem.config.keepalived.model;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code use_vmac [name] [mac]}: a macvlan carrying 00:00:5e:00:01:VRID (or :02: for IPv6).
 *
 * @param interfaceName the macvlan's name; empty = keepalived's default {@code vrrp.<VRID>}
 * @param xmitBase {@code vmac_xmit_base}: send adverts on the base interface instead
 */
public record Vmac(Optional<String> interfaceName, Optional<String> macAddress, boolean xmitBase) {

    public Vmac {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(macAddress, "macAddress");
    }
}
