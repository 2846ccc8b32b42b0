package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.AddressFamily;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.SampleExpr;
import dev.tandem.config.haproxy.model.Server;
import dev.tandem.config.haproxy.model.TlsVerify;
import dev.tandem.config.haproxy.model.UnixAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code server}, {@code default-server} and {@code server-template} (configuration.txt §5.2).
 * Addresses are split as haproxy does but never resolved.
 */
final class ServerKeyword {

    static final List<String> OPTIONS = List.of("check", "no-check", "inter", "fastinter", "downinter", "rise", "fall",
            "weight", "backup", "no-backup", "disabled", "enabled", "maxconn", "maxqueue", "send-proxy", "send-proxy-v2",
            "no-send-proxy", "check-send-proxy", "port", "addr", "ssl", "no-ssl", "verify", "ca-file", "sni", "check-ssl",
            "init-addr", "resolvers", "resolve-prefer", "id", "cookie", "slowstart", "observe", "on-error", "error-limit",
            "minconn", "pool-max-conn", "pool-purge-delay", "alpn", "check-alpn", "proto", "agent-check", "agent-port",
            "agent-inter", "crt", "ciphers", "ciphersuites", "no-verifyhost", "verifyhost", "tfo", "on-marked-down",
            "on-marked-up");

    /** Mutable option values while words are applied in order. */
    private static final class Options {
        boolean check;
        Duration inter = Duration.ofSeconds(2);
        Duration fastinter;
        Duration downinter;
        int rise = 2;
        int fall = 3;
        int weight = 1;
        boolean backup;
        boolean disabled;
        Integer maxconn;
        Integer maxqueue;
        Server.SendProxy sendProxy = Server.SendProxy.NONE;
        boolean checkSendProxy;
        Integer checkPort;
        String checkAddr;
        boolean ssl;
        TlsVerify verify = TlsVerify.REQUIRED;
        String caFile;
        SampleExpr sni;
        boolean checkSsl;
        List<String> initAddr = List.of();
        Server.Observe observe = Server.Observe.NONE;
        Server.OnError onError = Server.OnError.FASTINTER;
        int errorLimit = Server.ServerCheck.DEFAULT_ERROR_LIMIT;
        boolean shutdownSessionsOnDown;
        boolean shutdownBackupSessionsOnUp;
    }

    private ServerKeyword() {}

    /** Checks a {@code default-server} line and returns the defaults that now apply. */
    static ServerDefaults defaultServer(Line line, ServerDefaults current, Report report) {
        apply(line, 1, new Options(), report);
        return current.plus(line);
    }

    static void server(Line line, ProxyDraft p, Report report) {
        if (!line.has(1)) {
            report.error(line, 0, "'server' expects <name> and <address>[:<port>] as arguments",
                    "e.g. server app1 10.0.0.11:8080 check");
            return;
        }
        String name = line.text(1);
        if (!line.has(2) || isOption(line.text(2))) {
            report.error(line, 1, "server '" + name + "': missing address",
                    "write: server " + name + " <address>[:<port>] [options]");
            return;
        }
        Line first = p.serverLines.get(name);
        if (first != null) {
            report.error(line, 1, p.sectionKeyword() + " '" + p.name + "': duplicate server name '" + name
                    + "' (first declared at line " + first.number() + ")", "give every server of a backend its own name");
            return;
        }
        Server s = build(line, name, line.text(2), 3, p, false, report);
        if (s != null) {
            p.serverLines.put(name, line);
            p.servers.add(s);
        }
    }

    /** {@code server-template <prefix> <num | range> <fqdn>[:<port>] [params*]}. */
    static void serverTemplate(Line line, ProxyDraft p, Report report) {
        if (line.size() < 4) {
            report.error(line, 0, "'server-template' expects <prefix> <num | range> <fqdn>[:<port>]",
                    "e.g. server-template web 1-3 app.example.internal:8080 check");
            return;
        }
        String prefix = line.text(1);
        String range = line.text(2);
        int dash = range.indexOf('-');
        String[] why = new String[1];
        Integer lo = Numbers.integer(dash < 0 ? "1" : range.substring(0, dash), 1, 1024, "server-template number", why);
        Integer hi = lo == null ? null : Numbers.integer(dash < 0 ? range : range.substring(dash + 1), lo, 1024,
                "server-template number", why);
        if (lo == null || hi == null) {
            report.error(line, 2, why[0], "write a count (e.g. 3) or a range (e.g. 1-3)");
            return;
        }
        for (int i = lo; i <= hi; i++) {
            String name = prefix + i;
            if (p.serverLines.containsKey(name)) {
                report.error(line, 1, p.sectionKeyword() + " '" + p.name + "': duplicate server name '" + name
                        + "' (first declared at line " + p.serverLines.get(name).number() + ")", null);
                return;
            }
            Server s = build(line, name, line.text(3), 4, p, true, i != lo ? null : report);
            if (s == null) {
                return;
            }
            p.serverLines.put(name, line);
            p.servers.add(s);
        }
    }

    private static Server build(Line line, String name, String address, int optionsFrom, ProxyDraft p, boolean template,
            Report report) {
        Report sink = report == null ? new Report() : report;
        Addresses.ServerAddress parsed;
        try {
            parsed = Addresses.server(address);
        } catch (Addresses.Invalid e) {
            sink.error(line, optionsFrom - 1, "server '" + name + "': " + e.getMessage(), e.hint);
            return null;
        }
        String host;
        OptionalInt port = OptionalInt.empty();
        Optional<UnixAddress> unix = Optional.empty();
        if (parsed instanceof Addresses.ServerAddress.Unix u) {
            // configuration.txt §5.2: a UNIX socket server has no port
            host = address;
            unix = Optional.of(u.address());
        } else {
            Addresses.ServerAddress.Host h = (Addresses.ServerAddress.Host) parsed;
            Addresses.HostPort hp;
            try {
                hp = Addresses.split(h.text());
            } catch (Addresses.Invalid e) {
                sink.error(line, optionsFrom - 1, "server '" + name + "': " + e.getMessage(), e.hint);
                return null;
            }
            host = hp.host();
            if (!(Addresses.isIpv4(host) || Addresses.isIpv6(host) || Addresses.isHostName(host))) {
                sink.error(line, optionsFrom - 1, "server '" + name + "': invalid address '" + host + "' in '" + address
                        + "'", "an IPv6 address without brackets ends with its port after the last colon: write ["
                        + h.text() + "]:<port>");
                return null;
            }
            if (h.forced() != null && !Addresses.isHostName(host) && !Addresses.ofFamily(host, h.forced())) {
                sink.error(line, optionsFrom - 1, "server '" + name + "': address '" + host + "' does not match the "
                        + (h.forced() == AddressFamily.IPV4 ? "ipv4@" : "ipv6@") + " prefix in '" + address + "'", null);
                return null;
            }
            if (hp.hasColon() && !hp.port().isEmpty()) {
                String ps = hp.port();
                if (ps.startsWith("+") || ps.startsWith("-")) {
                    ps = ps.substring(1); // port offsets are relative to the client's port; modelled as absent
                } else {
                    try {
                        port = OptionalInt.of(Addresses.port(ps, address));
                    } catch (Addresses.Invalid e) {
                        sink.error(line, optionsFrom - 1, "server '" + name + "': " + e.getMessage(), e.hint);
                        return null;
                    }
                }
            }
        }
        Options o = new Options();
        Report quiet = new Report();
        for (Line d : p.defaultServer.lines()) {
            apply(d, 1, o, quiet);
        }
        if (!apply(line, optionsFrom, o, sink)) {
            return null;
        }
        boolean tcpCheckHasPort = p.checkRules.stream()
                .anyMatch(r -> r instanceof dev.tandem.config.haproxy.model.CheckRule.TcpConnect c && c.port().isPresent());
        if (o.check && unix.isEmpty() && !port.isPresent() && o.checkPort == null && !tcpCheckHasPort) {
            sink.error(line, 1, "server '" + name + "' has neither service port nor check port, so checks cannot work",
                    "give the server a port (" + address + ":<port>) or add 'port <n>'");
            return null;
        }
        Optional<Server.ServerTls> tls = o.ssl ? Optional.of(new Server.ServerTls(o.verify, Optional.ofNullable(o.caFile),
                Optional.ofNullable(o.sni))) : Optional.empty();
        return new Server(name, host, port,
                new Server.ServerCheck(o.check, o.inter, Optional.ofNullable(o.fastinter), Optional.ofNullable(o.downinter),
                        o.rise, o.fall, o.checkPort == null ? OptionalInt.empty() : OptionalInt.of(o.checkPort),
                        Optional.ofNullable(o.checkAddr), o.checkSendProxy, o.checkSsl, o.observe, o.onError, o.errorLimit,
                        o.shutdownSessionsOnDown, o.shutdownBackupSessionsOnUp),
                o.weight, o.backup, o.disabled, o.maxconn == null ? OptionalInt.empty() : OptionalInt.of(o.maxconn),
                o.maxqueue == null ? OptionalInt.empty() : OptionalInt.of(o.maxqueue), o.sendProxy, tls, o.initAddr,
                template, new Origin(line.file(), line.number()), unix);
    }

    private static boolean isOption(String w) {
        return OPTIONS.contains(w);
    }

    /** Applies option words from {@code from}; false when one was wrong (already reported). */
    private static boolean apply(Line line, int from, Options o, Report report) {
        boolean ok = true;
        String[] why = new String[1];
        int i = from;
        while (i < line.size()) {
            String w = line.text(i);
            int at = i;
            String arg = line.text(i + 1);
            boolean needsArg = switch (w) {
                case "inter", "fastinter", "downinter", "rise", "fall", "weight", "maxconn", "maxqueue", "port", "addr",
                        "verify", "ca-file", "sni", "init-addr", "resolvers", "resolve-prefer", "id", "cookie", "slowstart",
                        "observe", "on-error", "error-limit", "minconn", "pool-max-conn", "pool-purge-delay", "alpn",
                        "check-alpn", "proto", "agent-port", "agent-inter", "crt", "ciphers", "ciphersuites", "verifyhost",
                        "on-marked-down", "on-marked-up" -> true;
                default -> false;
            };
            if (needsArg && !line.has(i + 1)) {
                report.error(line, at, "'" + w + "' expects an argument");
                return false;
            }
            switch (w) {
                case "check" -> o.check = true;
                case "no-check" -> o.check = false;
                case "inter", "fastinter", "downinter", "slowstart", "pool-purge-delay", "agent-inter" -> {
                    Duration d = TimeFormat.parse(arg, why);
                    if (d == null || d.isZero()) {
                        report.error(line, at + 1, d == null ? "'" + w + "': " + why[0] : "'" + w + "' must be greater than 0");
                        ok = false;
                    } else if (w.equals("inter")) {
                        o.inter = d;
                    } else if (w.equals("fastinter")) {
                        o.fastinter = d;
                    } else if (w.equals("downinter")) {
                        o.downinter = d;
                    }
                }
                case "rise", "fall" -> {
                    Integer v = Numbers.integer(arg, 1, Integer.MAX_VALUE, "'" + w + "' value", why);
                    if (v == null) {
                        report.error(line, at + 1, why[0]);
                        ok = false;
                    } else if (w.equals("rise")) {
                        o.rise = v;
                    } else {
                        o.fall = v;
                    }
                }
                case "weight" -> {
                    // configuration.txt §5.2 "weight": an integer between 0 and 256.
                    Integer v = Numbers.integer(arg, 0, 256, "weight", why);
                    if (v == null) {
                        report.error(line, at + 1, why[0], "weights are relative; use 0..256, e.g. weight 100");
                        ok = false;
                    } else {
                        o.weight = v;
                    }
                }
                case "error-limit" -> {
                    // configuration.txt §5.2 "error-limit": haproxy refuses 0
                    Integer v = Numbers.integer(arg, 1, Integer.MAX_VALUE, "'error-limit' value", why);
                    if (v == null) {
                        report.error(line, at + 1, why[0], "error-limit counts consecutive errors and must be > 0, e.g. error-limit 10");
                        ok = false;
                    } else {
                        o.errorLimit = v;
                    }
                }
                case "observe" -> {
                    switch (arg) {
                        case "none" -> o.observe = Server.Observe.NONE;
                        case "layer4" -> o.observe = Server.Observe.LAYER4;
                        case "layer7" -> o.observe = Server.Observe.LAYER7;
                        default -> {
                            report.error(line, at + 1, "'observe' expects one of 'none', 'layer4', 'layer7', not '" + arg + "'");
                            ok = false;
                        }
                    }
                }
                case "on-error" -> {
                    switch (arg) {
                        case "fastinter" -> o.onError = Server.OnError.FASTINTER;
                        case "fail-check" -> o.onError = Server.OnError.FAIL_CHECK;
                        case "sudden-death" -> o.onError = Server.OnError.SUDDEN_DEATH;
                        case "mark-down" -> o.onError = Server.OnError.MARK_DOWN;
                        default -> {
                            report.error(line, at + 1, "'on-error' expects one of 'fastinter', 'fail-check', 'sudden-death' or "
                                    + "'mark-down', not '" + arg + "'");
                            ok = false;
                        }
                    }
                }
                case "on-marked-down" -> {
                    if (arg.equals("shutdown-sessions")) {
                        o.shutdownSessionsOnDown = true;
                    } else {
                        report.error(line, at + 1, "'on-marked-down' expects 'shutdown-sessions', not '" + arg + "'");
                        ok = false;
                    }
                }
                case "on-marked-up" -> {
                    if (arg.equals("shutdown-backup-sessions")) {
                        o.shutdownBackupSessionsOnUp = true;
                    } else {
                        report.error(line, at + 1, "'on-marked-up' expects 'shutdown-backup-sessions', not '" + arg + "'");
                        ok = false;
                    }
                }
                case "maxconn", "maxqueue", "minconn", "pool-max-conn", "id" -> {
                    Integer v = Numbers.integer(arg, 0, Integer.MAX_VALUE, "'" + w + "' value", why);
                    if (v == null) {
                        report.error(line, at + 1, why[0]);
                        ok = false;
                    } else if (w.equals("maxconn")) {
                        o.maxconn = v;
                    } else if (w.equals("maxqueue")) {
                        o.maxqueue = v;
                    }
                }
                case "backup" -> o.backup = true;
                case "no-backup" -> o.backup = false;
                case "disabled" -> o.disabled = true;
                case "enabled" -> o.disabled = false;
                case "send-proxy" -> o.sendProxy = Server.SendProxy.V1;
                case "send-proxy-v2" -> o.sendProxy = Server.SendProxy.V2;
                case "no-send-proxy" -> o.sendProxy = Server.SendProxy.NONE;
                case "check-send-proxy" -> o.checkSendProxy = true;
                case "port", "agent-port" -> {
                    try {
                        int port = Addresses.port(arg, arg);
                        if (w.equals("port")) {
                            o.checkPort = port;
                        }
                    } catch (Addresses.Invalid e) {
                        report.error(line, at + 1, "'" + w + "': " + e.getMessage(), e.hint);
                        ok = false;
                    }
                }
                case "addr" -> {
                    if (!Addresses.isIpv4(arg) && !Addresses.isIpv6(arg)) {
                        report.error(line, at + 1, "'addr' expects an IP address, not '" + arg + "'");
                        ok = false;
                    } else {
                        o.checkAddr = arg;
                    }
                }
                case "ssl" -> o.ssl = true;
                case "no-ssl" -> o.ssl = false;
                case "check-ssl" -> o.checkSsl = true;
                case "verify" -> {
                    switch (arg) {
                        case "none" -> o.verify = TlsVerify.NONE;
                        case "required" -> o.verify = TlsVerify.REQUIRED;
                        default -> {
                            report.error(line, at + 1, "'verify' expects 'none' or 'required', not '" + arg + "'");
                            ok = false;
                        }
                    }
                }
                case "ca-file" -> o.caFile = arg;
                case "sni" -> {
                    try {
                        o.sni = SampleExprParser.parse(arg);
                    } catch (SampleExprParser.Invalid e) {
                        report.error(line, at + 1, "'sni': " + e.getMessage(), e.hint);
                        ok = false;
                    }
                }
                case "init-addr" -> {
                    List<String> methods = new ArrayList<>();
                    for (String m : arg.split(",", -1)) {
                        if (!(m.equals("last") || m.equals("libc") || m.equals("none") || Addresses.isIpv4(m)
                                || Addresses.isIpv6(m))) {
                            report.error(line, at + 1, "'init-addr': unknown method '" + m + "'",
                                    "use last, libc, none or an IP address, e.g. init-addr last,libc,none");
                            ok = false;
                        }
                        methods.add(m);
                    }
                    o.initAddr = methods;
                }
                case "resolvers", "resolve-prefer", "cookie", "alpn", "check-alpn", "proto",
                        "crt", "ciphers", "ciphersuites", "verifyhost" -> {
                    // accepted and not yet used by the runtime
                }
                case "agent-check", "no-verifyhost", "tfo" -> {
                    // accepted flags
                }
                default -> {
                    report.error(line, at, "unknown server option '" + w + "'" + Suggestions.didYouMean(w, OPTIONS), null);
                    return false;
                }
            }
            i += needsArg ? 2 : 1;
        }
        return ok;
    }
}
