package dev.tandem.node;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import dev.tandem.config.haproxy.model.Bind;
import dev.tandem.config.haproxy.model.BindAddress;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import dev.tandem.config.keepalived.model.Vip;
import dev.tandem.config.keepalived.model.VrrpInstance;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that need both files at once: listeners on addresses that VRRP moves. The classic trap
 * (the article's first {@code bind}): haproxy binds at start-up, and on the node that is BACKUP
 * the VIP is absent, so a listener without {@code transparent} cannot bind there.
 */
final class VipListenerChecks {
    private VipListenerChecks() {}

    static List<Diagnostic> run(HaproxyConfig haproxy, List<KeepalivedConfig> keepalived) {
        List<Diagnostic> out = new ArrayList<>();
        for (Proxy proxy : haproxy.frontends()) {
            for (Bind bind : proxy.binds()) {
                for (BindAddress address : bind.addresses()) {
                    if (!(address instanceof BindAddress.Inet inet) || inet.isWildcard()) {
                        continue;
                    }
                    Optional<Owner> owner = vipOwner(literal(inet.host()), keepalived);
                    if (owner.isEmpty() || bind.transparent()) {
                        continue;
                    }
                    Owner o = owner.get();
                    String shown = inet.host().contains(":") ? "[" + inet.host() + "]:" + inet.portFrom() : inet.host() + ":" + inet.portFrom();
                    out.add(new Diagnostic(bind.origin().file(), bind.origin().line(), 0, Severity.WARNING,
                            "bind " + shown + " of proxy '" + proxy.name() + "' listens on " + o.vip().cidr()
                                    + ", a VIP of vrrp_instance " + o.instance().name() + " (" + o.instance().source()
                                    + ") without 'transparent': while this node is BACKUP the address is absent and"
                                    + " the listener cannot bind, so the proxy would not start there",
                            "bind " + shown + " transparent"));
                }
            }
        }
        return out;
    }

    /** The instance whose advertised or excluded VIPs hold this address. */
    record Owner(VrrpInstance instance, Vip vip) {}

    static Optional<Owner> vipOwner(Optional<InetAddress> address, List<KeepalivedConfig> keepalived) {
        if (address.isEmpty()) {
            return Optional.empty();
        }
        for (KeepalivedConfig k : keepalived) {
            for (VrrpInstance i : k.instances()) {
                for (List<Vip> list : List.of(i.vips(), i.excludedVips())) {
                    for (Vip v : list) {
                        if (v.address().equals(address.get())) {
                            return Optional.of(new Owner(i, v));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Parses an IP literal without any name lookup (the config layer already checked it is one). */
    static Optional<InetAddress> literal(String host) {
        if (host.isEmpty() || !(host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(host));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
