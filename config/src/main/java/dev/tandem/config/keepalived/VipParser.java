package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.AddressFamily;
import dev.tandem.config.keepalived.model.SourcePosition;
import dev.tandem.config.keepalived.model.Vip;
import dev.tandem.config.keepalived.model.VipSource;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One line of virtual_ipaddress / virtual_ipaddress_excluded: {@code addr[/prefix] [dev X]
 * [brd X] [scope X] [label X] [peer X] [no_track] [preferred_lft X]} (keepalived.conf(5)).
 * Without a prefix the address is a host address: /32 or /128 (vrrp_ipaddress.c).
 */
final class VipParser {

    private static final Set<String> SCOPES = Set.of("site", "link", "host", "nowhere", "global");

    private VipParser() {}

    static Vip parse(Statement line, VipSource source, Diagnostics report) {
        List<Word> words = line.words();
        String text = words.getFirst().text();
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> address = Values.ip(addressText);
        if (address.isEmpty()) {
            report.error(line, "VRRP parsed invalid IP " + text + ". skipping IP...",
                    "write an IPv4 or IPv6 address, optionally with /prefix, e.g. 192.0.2.10/24");
            return null;
        }
        AddressFamily family = AddressFamily.of(address.get());
        int prefix = family.hostPrefixLength();
        if (slash >= 0) {
            var parsed = Values.integer(text.substring(slash + 1), 0, family.hostPrefixLength());
            if (parsed.isEmpty() || text.substring(slash + 1).startsWith("+") || text.substring(slash + 1).startsWith("-")) {
                report.error(line, "Invalid address prefix len " + text.substring(slash + 1) + " for address "
                        + addressText, "an " + family.label() + " prefix is 0.." + family.hostPrefixLength());
                return null;
            }
            prefix = parsed.getAsInt();
        }
        Optional<String> device = Optional.empty();
        Optional<InetAddress> broadcast = Optional.empty();
        Optional<String> scope = Optional.empty();
        Optional<String> label = Optional.empty();
        Optional<InetAddress> peer = Optional.empty();
        boolean noTrack = false;
        for (int i = 1; i < words.size(); i++) {
            String option = words.get(i).text();
            switch (option) {
                case "no_track" -> noTrack = true;
                case "dev", "brd", "broadcast", "scope", "label", "peer", "preferred_lft", "track_group" -> {
                    if (i + 1 >= words.size()) {
                        report.error(line, "No " + option + " parameter specified for " + text, null);
                        return null;
                    }
                    String value = words.get(++i).text();
                    switch (option) {
                        case "dev" -> device = Optional.of(value);
                        case "brd", "broadcast" -> {
                            if (family == AddressFamily.IPV6) {
                                report.warning(line, "VRRP is trying to assign a broadcast " + value
                                        + " to the IPv6 address " + text + " - ignoring broadcast", null);
                            } else if (value.equals("+") || value.equals("-")) {
                                broadcast = Optional.empty();
                            } else {
                                broadcast = Values.ip(value).filter(b -> AddressFamily.of(b) == AddressFamily.IPV4);
                                if (broadcast.isEmpty()) {
                                    report.error(line, "VRRP is trying to assign invalid broadcast " + value
                                            + ". skipping VIP...", null);
                                    return null;
                                }
                            }
                        }
                        case "scope" -> {
                            if (!SCOPES.contains(value) && Values.integer(value, 0, 255).isEmpty()) {
                                report.warning(line, "Invalid scope '" + value + "' specified for " + text
                                        + " - ignoring", "scope is one of site, link, host, nowhere, global or 0..255");
                            } else if (family == AddressFamily.IPV6) {
                                report.warning(line, "Cannot specify scope for IPv6 addresses (" + text
                                        + ") - ignoring scope", null);
                            } else {
                                scope = Optional.of(value);
                            }
                        }
                        case "label" -> {
                            if (family == AddressFamily.IPV6) {
                                report.warning(line, "Cannot specify label for IPv6 addresses (" + text
                                        + ") - ignoring label", null);
                            } else if (value.length() > 15) {
                                report.error(line, "Address label " + value
                                        + " is longer than maximum length 15 - removing address", null);
                                return null;
                            } else {
                                label = Optional.of(value);
                            }
                        }
                        case "peer" -> {
                            peer = Values.ip(value);
                            if (peer.isEmpty()) {
                                report.error(line, "Invalid peer address " + value, null);
                                return null;
                            }
                            if (AddressFamily.of(peer.get()) != family) {
                                report.error(line, "Peer address " + value + " does not match address family", null);
                                return null;
                            }
                        }
                        default -> report.notice(line, "'" + option + " " + value + "' on VIP " + text
                                + " is not managed by Tandem yet - ignored", null);
                    }
                }
                default -> {
                    report.warning(line, "Unknown configuration entry '" + option + "' for ip address - ignoring",
                            "VIP options are dev, brd, scope, label, peer, no_track, preferred_lft");
                }
            }
        }
        return new Vip(address.get(), prefix, device, broadcast, scope, label, peer, noTrack, source,
                new SourcePosition(line.file(), line.line()));
    }
}
