package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.AddressFamily;
import dev.tandem.config.keepalived.model.UnicastPeer;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of {@code unicast_peer { }}: {@code ip [min_ttl n] [max_ttl n]} (keepalived.conf(5)).
 * The first peer may set the instance's family, as in keepalived's vrrp_data.c; a peer of the
 * other family is reported when the instance is completed.
 */
final class UnicastPeerParser {

    private UnicastPeerParser() {}

    static void parse(Statement line, InstanceDraft draft, Diagnostics report) {
        String owner = draft.owner();
        Keywords.noBlock(line, owner, report);
        Optional<InetAddress> address = Values.ip(line.name());
        if (address.isEmpty()) {
            report.error(line, "Configuration error: VRRP instance[" + draft.name + "] malformed unicast peer address["
                    + line.name() + "]. Skipping...", "write one peer IP address per line, e.g. 192.0.2.2");
            return;
        }
        int minTtl = 0;
        int maxTtl = 255;
        List<Word> args = line.args();
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i).text();
            if (!option.equals("min_ttl") && !option.equals("max_ttl")) {
                report.error(line, owner + " unknown unicast_peer option " + option, "options are min_ttl N and max_ttl N");
                return;
            }
            if (i + 1 >= args.size()) {
                report.error(line, owner + " " + option + " is missing a value", null);
                return;
            }
            OptionalInt ttl = Values.integer(args.get(i + 1).text(), 0, 255);
            if (ttl.isEmpty()) {
                report.error(line, owner + " " + option + " '" + args.get(i + 1).text() + "' not valid - must be between 0 & 255", null);
                return;
            }
            if (option.equals("min_ttl")) {
                minTtl = ttl.getAsInt();
            } else {
                maxTtl = ttl.getAsInt();
            }
        }
        if (minTtl > maxTtl) {
            report.warning(line, owner + " min_ttl " + minTtl + " > max_ttl " + maxTtl + " - all packets will be discarded", null);
        }
        if (draft.family == null) {
            draft.family = AddressFamily.of(address.get());
        }
        draft.unicastKeyword = true;
        draft.unicastPeers.add(new UnicastPeer(address.get(), minTtl, maxTtl));
        draft.unicastPeerAt.add(line);
    }

}
