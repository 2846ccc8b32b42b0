package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.ErrorFile;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.Peers;
import dev.tandem.config.haproxy.model.Resolvers;
import dev.tandem.config.haproxy.model.Userlist;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code userlist}, {@code peers}, {@code resolvers} and {@code http-errors} sections (configuration.txt §3.4-3.10, §3.8). */
final class OtherSections {

    /** One of these sections while it is read. */
    static final class Draft {
        final String kind;
        final String name;
        final Line declaration;
        final List<Userlist.User> users = new ArrayList<>();
        final List<String> groups = new ArrayList<>();
        final List<Peers.Peer> peers = new ArrayList<>();
        final List<Resolvers.Nameserver> nameservers = new ArrayList<>();
        boolean parseResolvConf;
        final Map<Integer, ErrorFile> errorFiles = new LinkedHashMap<>();

        Draft(String kind, String name, Line declaration) {
            this.kind = kind;
            this.name = name;
            this.declaration = declaration;
        }

        Origin origin() {
            return new Origin(declaration.file(), declaration.number());
        }
    }

    private OtherSections() {}

    static void parse(Line line, Draft d, Report report) {
        switch (d.kind) {
            case "userlist" -> userlist(line, d, report);
            case "peers" -> peers(line, d, report);
            case "resolvers" -> resolvers(line, d, report);
            case "http-errors" -> {
                if (line.keyword().equals("errorfile")) {
                    ErrorFileKeyword.parse(line, d.errorFiles, report);
                } else {
                    unknown(line, d, List.of("errorfile"), report);
                }
            }
            default -> throw new IllegalStateException(d.kind);
        }
    }

    private static void unknown(Line line, Draft d, List<String> known, Report report) {
        List<String> all = new ArrayList<>(known);
        all.addAll(ConfigCompiler.SECTIONS);
        report.error(line, 0, "unknown keyword '" + line.keyword() + "' in '" + d.kind + "' section"
                + Suggestions.didYouMean(line.keyword(), all), null);
    }

    private static void userlist(Line line, Draft d, Report report) {
        switch (line.keyword()) {
            case "group" -> {
                if (!line.has(1)) {
                    report.error(line, 0, "'group' expects a name");
                    return;
                }
                d.groups.add(line.text(1));
            }
            case "user" -> {
                if (!line.has(1)) {
                    report.error(line, 0, "'user' expects a name", "e.g. user admin insecure-password s3cret");
                    return;
                }
                String password = null;
                boolean encrypted = false;
                List<String> groups = List.of();
                for (int i = 2; i < line.size(); i += 2) {
                    String w = line.text(i);
                    if (!line.has(i + 1)) {
                        report.error(line, i, "'" + w + "' expects an argument");
                        return;
                    }
                    switch (w) {
                        case "password" -> {
                            password = line.text(i + 1);
                            encrypted = true;
                        }
                        case "insecure-password" -> password = line.text(i + 1);
                        case "groups" -> groups = Arrays.asList(line.text(i + 1).split(","));
                        default -> {
                            report.error(line, i, "'user' : unknown keyword '" + w + "'"
                                    + Suggestions.didYouMean(w, List.of("password", "insecure-password", "groups")), null);
                            return;
                        }
                    }
                }
                if (password == null) {
                    report.error(line, 1, "user '" + line.text(1) + "' has no password",
                            "add 'password <crypt hash>' or 'insecure-password <text>'");
                    return;
                }
                d.users.add(new Userlist.User(line.text(1), password, encrypted, groups));
            }
            default -> unknown(line, d, List.of("group", "user"), report);
        }
    }

    private static void peers(Line line, Draft d, Report report) {
        switch (line.keyword()) {
            case "peer", "server" -> {
                if (!line.has(1)) {
                    report.error(line, 0, "'" + line.keyword() + "' expects a name and an address");
                    return;
                }
                if (!line.has(2)) {
                    return; // a local peer without address ("server <name>" of 2.x)
                }
                try {
                    Addresses.HostPort hp = Addresses.split(line.text(2));
                    int port = Addresses.port(hp.port(), line.text(2));
                    d.peers.add(new Peers.Peer(line.text(1), hp.host(), port));
                } catch (Addresses.Invalid e) {
                    report.error(line, 2, "'" + line.keyword() + "' : " + e.getMessage(), e.hint);
                }
            }
            case "bind", "default-server", "disabled", "enabled", "table", "default-bind", "shards", "log" -> {
                // accepted: peers are modelled, not run
            }
            default -> unknown(line, d, List.of("peer", "server", "bind", "table"), report);
        }
    }

    private static final Set<String> RESOLVER_KEYWORDS = Set.of("hold", "resolve_retries", "timeout",
            "accepted_payload_size");

    private static void resolvers(Line line, Draft d, Report report) {
        String kw = line.keyword();
        switch (kw) {
            case "nameserver" -> {
                if (line.size() < 3) {
                    report.error(line, 0, "'nameserver' expects a name and an address", "e.g. nameserver dns1 192.0.2.53:53");
                    return;
                }
                try {
                    Addresses.HostPort hp = Addresses.split(line.text(2));
                    int port = hp.hasColon() ? Addresses.port(hp.port(), line.text(2)) : 53;
                    if (!Addresses.isIpv4(hp.host()) && !Addresses.isIpv6(hp.host())) {
                        report.error(line, 2, "'nameserver' : invalid address '" + hp.host() + "'", "a nameserver is an IP address");
                        return;
                    }
                    d.nameservers.add(new Resolvers.Nameserver(line.text(1), hp.host(), port));
                } catch (Addresses.Invalid e) {
                    report.error(line, 2, "'nameserver' : " + e.getMessage(), e.hint);
                }
            }
            case "parse-resolv-conf" -> d.parseResolvConf = true;
            default -> {
                if (!RESOLVER_KEYWORDS.contains(kw)) {
                    unknown(line, d, List.of("nameserver", "parse-resolv-conf", "hold", "resolve_retries", "timeout",
                            "accepted_payload_size"), report);
                }
            }
        }
    }
}
