package dev.tandem.config.haproxy;

import dev.tandem.config.HostFacts;
import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.Capture;
import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.Condition;
import dev.tandem.config.haproxy.model.ConnectionMode;
import dev.tandem.config.haproxy.model.ConnectionMode.HttpConnectionMode;
import dev.tandem.config.haproxy.model.HashFunction;
import dev.tandem.config.haproxy.model.HashType;
import dev.tandem.config.haproxy.model.HealthCheck;
import dev.tandem.config.haproxy.model.HttpAction;
import dev.tandem.config.haproxy.model.HttpReuse;
import dev.tandem.config.haproxy.model.HttpRule;
import dev.tandem.config.haproxy.model.LogFormat;
import dev.tandem.config.haproxy.model.LogTarget;
import dev.tandem.config.haproxy.model.Mode;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.ProxyLog;
import dev.tandem.config.haproxy.model.SampleExpr;
import dev.tandem.config.haproxy.model.Stats;
import dev.tandem.config.haproxy.model.UseBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Keywords of defaults, frontend, backend and listen sections (configuration.txt §4). Each
 * keyword is parsed in one place here or in its own class (bind, server, acl, http rules).
 */
final class ProxyKeywords {

    /** keyword -> sections it belongs to: D defaults, F frontend, B backend (a listen is F and B). */
    static final Map<String, String> CAPS = Map.ofEntries(
            Map.entry("mode", "DFB"), Map.entry("bind", "F"), Map.entry("timeout", "DFB"), Map.entry("maxconn", "DF"),
            Map.entry("log", "DFB"), Map.entry("log-format", "DF"), Map.entry("option", "DFB"), Map.entry("no", "DFB"),
            Map.entry("retries", "DB"), Map.entry("retry-on", "DB"), Map.entry("balance", "DB"),
            Map.entry("hash-type", "DB"), Map.entry("http-reuse", "DB"), Map.entry("server", "B"),
            Map.entry("default-server", "DB"), Map.entry("server-template", "B"), Map.entry("acl", "FB"),
            Map.entry("http-request", "FB"), Map.entry("http-response", "FB"), Map.entry("redirect", "FB"),
            Map.entry("use_backend", "F"), Map.entry("default_backend", "DF"), Map.entry("errorfile", "DFB"),
            Map.entry("errorfiles", "DFB"), Map.entry("capture", "F"), Map.entry("unique-id-format", "DF"),
            Map.entry("unique-id-header", "DF"), Map.entry("stats", "DFB"), Map.entry("http-check", "DB"),
            Map.entry("tcp-check", "DB"), Map.entry("reqadd", "FB"), Map.entry("rspadd", "FB"),
            Map.entry("description", "FB"), Map.entry("id", "FB"), Map.entry("disabled", "DFB"),
            Map.entry("enabled", "DFB"), Map.entry("fullconn", "DB"), Map.entry("monitor-uri", "DF"),
            Map.entry("cookie", "DB"), Map.entry("backlog", "DF"), Map.entry("rate-limit", "DF"),
            Map.entry("email-alert", "DFB"), Map.entry("load-server-state-from-file", "DB"),
            Map.entry("http-send-name-header", "DB"), Map.entry("grace", "DFB"), Map.entry("errorloc", "DFB"),
            Map.entry("errorloc302", "DFB"), Map.entry("errorloc303", "DFB"));

    static final Set<String> KEYWORDS = CAPS.keySet();

    /** Real haproxy keywords that would change traffic handling: refusing beats silently ignoring. */
    static final Set<String> NOT_YET = Set.of("tcp-request", "tcp-response", "stick-table", "stick", "stick-store-request",
            "http-after-response", "filter", "use-server", "force-persist", "ignore-persist", "persist",
            "source", "dispatch", "external-check", "http-error", "monitor", "declare", "dynamic-cookie-key");

    /** Real haproxy keywords whose absence changes no routing or security decision: ignored with a warning. */
    private static final Set<String> LATER = Set.of("compression", "max-keep-alive-queue", "server-state-file-name",
            "log-format-sd", "log-tag", "error-log-format");

    /** Harmless ones: accepted with nothing to do. */
    private static final Set<String> ACCEPTED = Set.of("description", "id", "fullconn", "backlog", "grace");

    /** Accepted so the config still runs, but the operator must know the feature is not applied. */
    private static final Set<String> IGNORED_WITH_WARNING = Set.of("cookie", "monitor-uri", "rate-limit", "email-alert",
            "load-server-state-from-file", "http-send-name-header");

    static final List<String> OPTIONS = List.of("httplog", "tcplog", "dontlognull", "log-separate-errors", "forwardfor",
            "originalto", "http-keep-alive", "http-server-close", "httpclose", "redispatch", "allbackups", "httpchk",
            "http-buffer-request", "http-ignore-probes", "tcp-check", "log-health-checks", "splice-auto",
            "splice-request", "splice-response", "socket-stats", "tcpka", "clitcpka", "srvtcpka", "abortonclose",
            "logasap", "http-no-delay", "contstats", "nolinger", "prefer-last-server", "independent-streams",
            "persist", "checkcache", "ssl-hello-chk", "mysql-check", "pgsql-check", "redis-check", "smtpchk",
            "ldap-check", "spop-check", "external-check", "http-use-proxy-header", "accept-invalid-http-request",
            "accept-invalid-http-response", "h1-case-adjust-bogus-client", "h1-case-adjust-bogus-server",
            "disable-h2-upgrade", "http-restrict-req-hdr-names", "dontlog-normal", "httpslog", "http-pretend-keepalive");

    private static final Set<String> OPTIONS_ACCEPTED = Set.of("log-separate-errors", "splice-auto",
            "splice-request", "splice-response", "socket-stats", "tcpka", "clitcpka", "srvtcpka", "abortonclose",
            "logasap", "http-no-delay", "contstats", "nolinger", "prefer-last-server", "independent-streams",
            "persist", "checkcache", "http-use-proxy-header", "accept-invalid-http-request",
            "accept-invalid-http-response", "h1-case-adjust-bogus-client", "h1-case-adjust-bogus-server",
            "http-restrict-req-hdr-names", "dontlog-normal");

    static final List<String> TIMEOUTS = List.of("connect", "client", "server", "http-request", "http-keep-alive",
            "queue", "tunnel", "check", "client-fin", "server-fin", "tarpit");

    private ProxyKeywords() {}

    static void parse(Line line, ProxyDraft p, GlobalDraft global, HostFacts host, Report report) {
        String kw = line.keyword();
        String removed = RemovedKeywords.PROXY.get(kw);
        if (removed != null) {
            report.error(line, 0, removed, hintForRemoved(kw, line));
            return;
        }
        String caps = CAPS.get(kw);
        if (caps == null) {
            unknown(line, p, report);
            return;
        }
        if (!allowed(line, p, caps, report)) {
            return;
        }
        if (ACCEPTED.contains(kw)) {
            return;
        }
        if (IGNORED_WITH_WARNING.contains(kw)) {
            report.warning(line, 0, "'" + kw + "' is not supported by Tandem yet and is ignored", null);
            return;
        }
        switch (kw) {
            case "mode" -> mode(line, p, report);
            case "bind" -> {
                p.bindLines++;
                BindKeyword.parse(line, p, global, host, report);
            }
            case "timeout" -> timeout(line, p, report);
            case "maxconn" -> p.maxconn = GlobalKeywords.number(line, 1, 0, Integer.MAX_VALUE, report);
            case "log" -> log(line, p, report);
            case "log-format" -> {
                if (line.size() != 2) {
                    report.error(line, 0, "'log-format' expects exactly one argument (the format, quoted)",
                            line.size() > 2 ? "quote the format: log-format \"" + line.join(1) + "\"" : null);
                    return;
                }
                LogFormat f = HttpRuleKeyword.format(line, 1, report);
                if (f != null) {
                    setFormat(p, line, ProxyLog.LogFormatKind.CUSTOM, f);
                }
            }
            case "option" -> option(line, 1, p, false, report);
            case "no" -> {
                if (!line.text(1).equals("option") && !line.text(1).equals("log")) {
                    report.error(line, 1, "'no' must be followed by 'option' or 'log', not '" + line.text(1) + "'");
                    return;
                }
                if (line.text(1).equals("log")) {
                    p.logTargets.clear();
                    p.logGlobal = false;
                    return;
                }
                option(line, 2, p, true, report);
            }
            case "retries" -> {
                Integer v = GlobalKeywords.number(line, 1, 0, 1000, report);
                if (v != null) {
                    p.retries = v;
                }
            }
            case "retry-on" -> retryOn(line, p, report);
            case "balance" -> balance(line, p, report);
            case "hash-type" -> hashType(line, p, report);
            case "http-reuse" -> {
                try {
                    p.httpReuse = HttpReuse.valueOf(line.text(1).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    report.error(line, 1, "'http-reuse' expects never, safe, aggressive or always, not '" + line.text(1) + "'");
                }
            }
            case "server" -> ServerKeyword.server(line, p, report);
            case "default-server" -> p.defaultServer = ServerKeyword.defaultServer(line, p.defaultServer, report);
            case "server-template" -> ServerKeyword.serverTemplate(line, p, report);
            case "acl" -> AclKeyword.acl(line, p, report);
            case "http-request" -> {
                misplaced(line, p, report);
                HttpRuleKeyword.httpRequest(line, p, report);
            }
            case "http-response" -> HttpRuleKeyword.httpResponse(line, p, report);
            case "redirect" -> {
                misplaced(line, p, report);
                HttpRuleKeyword.redirect(line, p, report);
            }
            case "use_backend" -> useBackend(line, p, report);
            case "default_backend" -> {
                if (line.size() != 2) {
                    report.error(line, 0, "'default_backend' expects exactly one backend name");
                    return;
                }
                p.defaultBackend = new ProxyDraft.Reference(line.text(1), line, 1);
            }
            case "errorfile" -> ErrorFileKeyword.parse(line, p.errorFiles, report);
            case "errorfiles" -> {
                if (!line.has(1)) {
                    report.error(line, 0, "'errorfiles' expects the name of an http-errors section");
                    return;
                }
                p.errorfilesRefs.add(new ProxyDraft.Reference(line.text(1), line, 1));
            }
            case "errorloc", "errorloc302", "errorloc303" -> report.error(line, 0, "'" + kw + "' is not supported by Tandem yet",
                    "use http-request redirect, or errorfile with a 302 response");
            case "capture" -> capture(line, p, report);
            case "unique-id-format" -> {
                LogFormat f = line.size() == 2 ? HttpRuleKeyword.format(line, 1, report) : null;
                if (line.size() != 2) {
                    report.error(line, 0, "'unique-id-format' expects exactly one argument (the format, quoted)");
                } else if (f != null) {
                    p.uniqueIdFormat = f;
                }
            }
            case "unique-id-header" -> {
                // accepted: the runtime adds the header when unique-id-format is set
            }
            case "stats" -> stats(line, p, report);
            case "http-check" -> httpCheck(line, p, report);
            case "tcp-check" -> tcpCheck(line, p, report);
            case "reqadd", "rspadd" -> legacyAdd(line, p, report);
            case "disabled", "enabled" -> {
                // accepted
            }
            default -> throw new IllegalStateException(kw);
        }
    }

    /**
     * haproxy runs http-request rules, then redirect rules, then use_backend rules, whatever their
     * order in the file (cfgparse-listen.c warnif_misplaced_*): say so when the file suggests otherwise.
     */
    private static void misplaced(Line line, ProxyDraft p, Report report) {
        String kw = line.keyword();
        String after = null;
        if (kw.equals("http-request") && !p.redirectRules.isEmpty()) {
            after = "redirect";
        } else if (!p.useBackends.isEmpty()) {
            after = "use_backend";
        }
        if (after != null) {
            report.warning(line, 0, "a '" + kw + "' rule placed after a '" + after + "' rule will still be processed before.",
                    "move it above the first '" + after + "' line");
        }
    }

    private static String hintForRemoved(String kw, Line line) {
        return switch (kw) {
            case "contimeout" -> "timeout connect " + line.join(1);
            case "clitimeout" -> "timeout client " + line.join(1);
            case "srvtimeout" -> "timeout server " + line.join(1);
            case "redispatch" -> "option redispatch";
            case "block" -> "http-request deny " + line.join(1);
            default -> null;
        };
    }

    private static void unknown(Line line, ProxyDraft p, Report report) {
        String kw = line.keyword();
        if (NOT_YET.contains(kw)) {
            report.error(line, 0, "'" + kw + "' is not supported by Tandem yet");
            return;
        }
        if (LATER.contains(kw)) {
            report.warning(line, 0, "'" + kw + "' is not supported by Tandem yet and is ignored", null);
            return;
        }
        if (GlobalKeywords.KEYWORDS.contains(kw) || GlobalKeywords.ACCEPTED.contains(kw) || RemovedKeywords.GLOBAL.containsKey(kw)) {
            report.error(line, 0, "'" + kw + "' is a global keyword; it is not allowed in a '" + p.sectionKeyword() + "' section",
                    "move it to the global section");
            return;
        }
        List<String> all = new ArrayList<>(KEYWORDS);
        all.addAll(ConfigCompiler.SECTIONS);
        report.error(line, 0, "unknown keyword '" + kw + "' in '" + p.sectionKeyword() + "' section"
                + Suggestions.didYouMean(kw, all), null);
    }

    private static boolean allowed(Line line, ProxyDraft p, String caps, Report report) {
        String kw = line.keyword();
        if (p.isDefaults()) {
            if (caps.indexOf('D') < 0) {
                report.error(line, 0, "'" + kw + "' not allowed in 'defaults' section",
                        "move it to the frontend, backend or listen section that needs it");
                return false;
            }
            return true;
        }
        boolean fe = caps.indexOf('F') >= 0 && p.kind.isFrontend();
        boolean be = caps.indexOf('B') >= 0 && p.kind.isBackend();
        if (fe || be) {
            return true;
        }
        boolean wantsFrontend = caps.indexOf('F') >= 0;
        String need = wantsFrontend ? "frontend" : "backend";
        // haproxy warns and ignores the line (warnifnotcap in cfgparse-listen.c); so do we, to run its configs unchanged.
        report.warning(line, 0, "'" + kw + "' ignored because " + p.sectionKeyword() + " '" + p.name + "' has no " + need
                + " capability.", "move it to a " + need + " or listen section");
        return false;
    }

    private static void mode(Line line, ProxyDraft p, Report report) {
        switch (line.text(1)) {
            case "http" -> p.mode = Mode.HTTP;
            case "tcp" -> p.mode = Mode.TCP;
            case "health" -> {
                report.error(line, 1, "'mode health' is not supported anymore since HAProxy 2.4",
                        "use 'http-request return status 200' or 'monitor-uri'");
                return;
            }
            default -> {
                report.error(line, 1, "'mode' expects 'http' or 'tcp', not '" + line.text(1) + "'"
                        + Suggestions.didYouMean(line.text(1), List.of("http", "tcp")), null);
                return;
            }
        }
        p.modeLine = line;
    }

    private static void timeout(Line line, ProxyDraft p, Report report) {
        String name = line.text(1);
        if (!TIMEOUTS.contains(name)) {
            report.error(line, 1, "'timeout' : unknown timeout '" + name + "'" + Suggestions.didYouMean(name, TIMEOUTS),
                    "known timeouts: " + String.join(", ", TIMEOUTS));
            return;
        }
        if (!line.has(2)) {
            report.error(line, 1, "'timeout " + name + "' expects a time value", "e.g. timeout " + name + " 30s");
            return;
        }
        if (line.has(3)) {
            report.error(line, 3, "'timeout " + name + "' : unexpected '" + line.text(3) + "' after the time value");
            return;
        }
        String[] why = new String[1];
        Duration d = TimeFormat.parse(line.text(2), why);
        if (d == null) {
            report.error(line, 2, "'timeout " + name + "' : " + why[0]);
            return;
        }
        p.timeouts.put(name, d);
    }

    private static void log(Line line, ProxyDraft p, Report report) {
        if (!line.has(1)) {
            report.error(line, 0, "'log' expects 'global' or a target and a facility", "e.g. log global");
            return;
        }
        if (line.text(1).equals("global")) {
            p.logGlobal = true;
            p.logGlobalLine = line;
            return;
        }
        LogTarget t = LogKeyword.parse(line, report);
        if (t != null) {
            p.logTargets.add(t);
        }
    }

    private static void setFormat(ProxyDraft p, Line line, ProxyLog.LogFormatKind kind, LogFormat f) {
        p.formatKind = kind;
        p.format = f;
        p.formatLine = line;
    }

    private static void option(Line line, int at, ProxyDraft p, boolean no, Report report) {
        String name = line.text(at);
        if (name.isEmpty()) {
            report.error(line, at - 1, "'option' expects an option name", "e.g. option httplog");
            return;
        }
        String removed = RemovedKeywords.OPTIONS.get(name);
        if (removed != null) {
            report.error(line, at, removed, name.equals("forceclose") ? "option httpclose" : null);
            return;
        }
        if (!OPTIONS.contains(name)) {
            report.error(line, at, "unknown option '" + name + "'" + Suggestions.didYouMean(name, OPTIONS), null);
            return;
        }
        boolean frontendOnly = Set.of("httplog", "tcplog", "dontlognull", "http-ignore-probes",
                "disable-h2-upgrade").contains(name);
        if (frontendOnly && p.kind != null && !p.kind.isFrontend()) {
            report.warning(line, at, "'option " + name + "' ignored because backend '" + p.name + "' has no frontend capability",
                    "set it on the frontend that receives the traffic");
            return;
        }
        if (OPTIONS_ACCEPTED.contains(name)) {
            return;
        }
        switch (name) {
            case "httplog" -> {
                if (no) {
                    setFormat(p, line, ProxyLog.LogFormatKind.NONE, null);
                } else if (line.text(at + 1).equals("clf")) {
                    setFormat(p, line, ProxyLog.LogFormatKind.HTTPLOG_CLF, LogFormatParser.builtin(LogFormatParser.HTTPLOG_CLF));
                } else if (line.has(at + 1)) {
                    report.error(line, at + 1, "'option httplog' expects nothing or 'clf', not '" + line.text(at + 1) + "'");
                } else {
                    setFormat(p, line, ProxyLog.LogFormatKind.HTTPLOG, LogFormatParser.builtin(LogFormatParser.HTTPLOG));
                }
            }
            case "tcplog" -> setFormat(p, line, no ? ProxyLog.LogFormatKind.NONE : ProxyLog.LogFormatKind.TCPLOG,
                    no ? null : LogFormatParser.builtin(LogFormatParser.TCPLOG));
            case "httpslog" -> report.error(line, at, "'option httpslog' is not supported by Tandem yet",
                    "use option httplog, or a log-format with %sslv and %sslc");
            case "dontlognull" -> p.dontLogNull = !no;
            case "forwardfor" -> ForwardingOptions.forwardFor(line, at, p, no, report);
            case "originalto" -> ForwardingOptions.originalTo(line, at, p, no, report);
            case "http-keep-alive", "http-server-close", "httpclose" -> connectionMode(line, at, p, no, report);
            case "redispatch" -> redispatch(line, at, p, no, report);
            case "log-health-checks" -> p.logHealthChecks = !no;
            case "allbackups" -> p.allBackups = !no;
            case "http-buffer-request" -> p.httpBufferRequest = !no;
            case "http-ignore-probes" -> p.httpIgnoreProbes = !no;
            case "disable-h2-upgrade" -> p.disableH2Upgrade = !no;
            case "httpchk" -> httpchk(line, at, p, no, report);
            case "tcp-check" -> {
                p.checkKind = no ? null : HealthCheck.Kind.TCP;
                p.httpCheckRequest = null;
            }
            case "http-pretend-keepalive" -> {
            }
            default -> report.error(line, at, "'option " + name + "' is not supported by Tandem yet",
                    "servers are checked with a TCP connect, or use option httpchk / tcp-check");
        }
    }

    /**
     * http-keep-alive, http-server-close and httpclose override each other and the last one wins
     * (haproxy src/cfgparse-listen.c, "HTTP options override each other"); {@code no option X}
     * cancels X only if X is the mode in force.
     */
    private static void connectionMode(Line line, int at, ProxyDraft p, boolean no, Report report) {
        HttpConnectionMode wanted = switch (line.text(at)) {
            case "http-server-close" -> HttpConnectionMode.SERVER_CLOSE;
            case "httpclose" -> HttpConnectionMode.CLOSE;
            default -> HttpConnectionMode.KEEP_ALIVE;
        };
        Origin origin = new Origin(line.file(), line.number());
        if (no) {
            if (p.connectionMode.mode() == wanted) {
                p.connectionMode = new ConnectionMode(HttpConnectionMode.KEEP_ALIVE, origin);
                p.connectionModeLine = line;
            }
            return;
        }
        Line previous = p.connectionModeLine;
        if (previous != null && previous.file().equals(line.file()) && previous.number() > p.declaration.number()
                && p.connectionMode.mode() != wanted && !previous.text(0).equals("no")) {
            String old = p.connectionMode.mode().option();
            String effect = switch (wanted) {
                case CLOSE -> "with HAProxy 2.x semantics both the client and the server connection are closed after each response";
                case SERVER_CLOSE -> "the server connection is closed after each response and the client connection is kept alive";
                case KEEP_ALIVE -> "both connections are kept alive";
            };
            report.warning(line, at, "'option " + wanted.option() + "' overrides 'option " + old + "' at line "
                    + previous.number() + " (these options override each other, the last one wins): " + effect,
                    "remove one of the two lines; without either, Tandem keeps both sides alive and reuses server connections");
        }
        p.connectionMode = new ConnectionMode(wanted, origin);
        p.connectionModeLine = line;
    }

    /**
     * {@code hash-type <method> <function> [<modifier>]} (configuration.txt "hash-type"): the
     * function defaults to sdbm, with avalanche for consistent; {@code none} is haproxy 2.8's
     * (2.6 refuses it) and is accepted for configs written for it.
     */
    private static void hashType(Line line, ProxyDraft p, Report report) {
        HashType method;
        switch (line.text(1)) {
            case "map-based" -> method = HashType.MAP_BASED;
            case "consistent" -> method = HashType.CONSISTENT;
            default -> {
                report.error(line, 1, "'hash-type' expects 'map-based' or 'consistent', not '" + line.text(1) + "'",
                        "e.g. hash-type consistent or hash-type map-based sdbm avalanche");
                return;
            }
        }
        if (!line.has(2)) {
            p.hashType = method;
            p.hashFunction = HashFunction.implied(method);
            return;
        }
        HashFunction.Function function;
        switch (line.text(2)) {
            case "sdbm" -> function = HashFunction.Function.SDBM;
            case "djb2" -> function = HashFunction.Function.DJB2;
            case "wt6" -> function = HashFunction.Function.WT6;
            case "crc32" -> function = HashFunction.Function.CRC32;
            case "none" -> function = HashFunction.Function.NONE;
            default -> {
                report.error(line, 2, "'hash-type' only supports 'sdbm', 'djb2', 'crc32', 'wt6' or 'none' hash functions, not '"
                        + line.text(2) + "'", null);
                return;
            }
        }
        boolean avalanche = false;
        if (line.has(3)) {
            if (!line.text(3).equals("avalanche")) {
                report.error(line, 3, "'hash-type' : the only hash modifier is 'avalanche', not '" + line.text(3) + "'", null);
                return;
            }
            avalanche = true;
        }
        if (line.has(4)) {
            report.error(line, 4, "'hash-type' expects at most <method> <function> <modifier>, not '" + line.text(4) + "'");
            return;
        }
        p.hashType = method;
        p.hashFunction = new HashFunction(function, avalanche);
    }

    /** {@code [no] option redispatch [<interval>]} (configuration.txt "option redispatch"). */
    private static void redispatch(Line line, int at, ProxyDraft p, boolean no, Report report) {
        p.redispatch = !no;
        p.redispatchInterval = -1;
        if (no || !line.has(at + 1)) {
            return;
        }
        String[] why = new String[1];
        String text = line.text(at + 1);
        boolean negative = text.startsWith("-");
        Integer v = Numbers.integer(negative ? text.substring(1) : text, 0, Integer.MAX_VALUE, "redispatch interval", why);
        if (v != null && negative) {
            v = -v;
        }
        if (v == null) {
            report.error(line, at + 1, "'option redispatch' : " + why[0],
                    "write a retry count: 1 redispatches on every retry, -1 (the default) on the last one, 0 never");
            return;
        }
        p.redispatchInterval = v;
        if (v == 0) {
            p.redispatch = false;
        }
    }

    private static void httpchk(Line line, int at, ProxyDraft p, boolean no, Report report) {
        if (no) {
            p.checkKind = null;
            p.httpCheckRequest = null;
            return;
        }
        int args = line.size() - at - 1;
        String method = "OPTIONS";
        String uri = "/";
        String version = "HTTP/1.0";
        if (args == 1) {
            uri = line.text(at + 1);
        } else if (args >= 2) {
            method = line.text(at + 1);
            uri = line.text(at + 2);
            if (args >= 3) {
                version = line.join(at + 3);
            }
        }
        if (!uri.startsWith("/") && !uri.startsWith("*") && !uri.contains("://")) {
            report.error(line, args == 1 ? at + 1 : at + 2, "'option httpchk' : invalid URI '" + uri + "'",
                    "write option httpchk [<method> <uri> [<version>]], e.g. option httpchk GET /health");
            return;
        }
        p.checkKind = HealthCheck.Kind.HTTP;
        p.httpCheckRequest = new HealthCheck.HttpCheckRequest(method, uri, version);
    }

    private static void retryOn(Line line, ProxyDraft p, Report report) {
        List<String> known = List.of("none", "conn-failure", "empty-response", "junk-response", "response-timeout",
                "0rtt-rejected", "404", "408", "425", "500", "501", "502", "503", "504", "all-retryable-errors");
        List<String> values = new ArrayList<>();
        for (int i = 1; i < line.size(); i++) {
            String v = line.text(i);
            if (!known.contains(v)) {
                report.error(line, i, "'retry-on' : unknown keyword '" + v + "'" + Suggestions.didYouMean(v, known), null);
                return;
            }
            values.add(v);
        }
        if (values.isEmpty()) {
            report.error(line, 0, "'retry-on' expects at least one keyword", "e.g. retry-on conn-failure empty-response");
            return;
        }
        p.retryOn = values;
    }

    private static void balance(Line line, ProxyDraft p, Report report) {
        String algo = line.text(1);
        String[] why = new String[1];
        List<String> known = List.of("roundrobin", "static-rr", "leastconn", "first", "source", "uri", "url_param",
                "hdr(name)", "random", "hash");
        Balance b;
        if (algo.startsWith("hdr(") && algo.endsWith(")") && algo.length() > 5) {
            b = new Balance.Header(algo.substring(4, algo.length() - 1));
        } else if (algo.startsWith("random")) {
            int draws = 2;
            if (algo.startsWith("random(") && algo.endsWith(")")) {
                Integer d = Numbers.integer(algo.substring(7, algo.length() - 1), 1, 100, "random draws", why);
                if (d == null) {
                    report.error(line, 1, "'balance random' : " + why[0]);
                    return;
                }
                draws = d;
            } else if (!algo.equals("random")) {
                report.error(line, 1, "'balance' : unknown algorithm '" + algo + "'", "write random or random(<draws>)");
                return;
            }
            b = new Balance.Random(draws);
        } else {
            switch (algo) {
                case "roundrobin" -> b = new Balance.RoundRobin();
                case "static-rr" -> b = new Balance.StaticRoundRobin();
                case "leastconn" -> b = new Balance.LeastConn();
                case "first" -> b = new Balance.First();
                case "source" -> b = new Balance.Source();
                case "uri" -> {
                    boolean whole = false;
                    boolean pathOnly = false;
                    OptionalInt len = OptionalInt.empty();
                    OptionalInt depth = OptionalInt.empty();
                    for (int i = 2; i < line.size(); i++) {
                        String w = line.text(i);
                        switch (w) {
                            case "whole" -> whole = true;
                            case "path-only" -> pathOnly = true;
                            case "len", "depth" -> {
                                Integer v = Numbers.integer(line.text(i + 1), 1, Integer.MAX_VALUE, "'" + w + "'", why);
                                if (v == null) {
                                    report.error(line, i + 1, "'balance uri' : " + why[0]);
                                    return;
                                }
                                if (w.equals("len")) {
                                    len = OptionalInt.of(v);
                                } else {
                                    depth = OptionalInt.of(v);
                                }
                                i++;
                            }
                            default -> {
                                report.error(line, i, "'balance uri' : unexpected '" + w + "'",
                                        "write balance uri [whole] [path-only] [len <n>] [depth <n>]");
                                return;
                            }
                        }
                    }
                    b = new Balance.Uri(whole, pathOnly, len, depth);
                }
                case "url_param" -> {
                    if (!line.has(2)) {
                        report.error(line, 1, "'balance url_param' expects a parameter name", "e.g. balance url_param userid");
                        return;
                    }
                    b = new Balance.UrlParam(line.text(2));
                }
                case "hash" -> {
                    if (!line.has(2)) {
                        report.error(line, 1, "'balance hash' expects a sample expression", "e.g. balance hash req.cook(sessionid)");
                        return;
                    }
                    try {
                        b = new Balance.Hash(SampleExprParser.parse(line.text(2)));
                    } catch (SampleExprParser.Invalid e) {
                        report.error(line, 2, "'balance hash' : " + e.getMessage(), e.hint);
                        return;
                    }
                }
                default -> {
                    report.error(line, 1, "'balance' : unknown algorithm '" + algo + "'" + Suggestions.didYouMean(algo, known),
                            "known algorithms: " + String.join(", ", known));
                    return;
                }
            }
        }
        p.balance = b;
    }

    private static void useBackend(Line line, ProxyDraft p, Report report) {
        if (!line.has(1)) {
            report.error(line, 0, "'use_backend' expects a backend name", "e.g. use_backend api if is_api");
            return;
        }
        Optional<Condition> cond = Optional.empty();
        if (line.has(2)) {
            Condition c = AclKeyword.condition(line, 2, p, report);
            if (c == null) {
                return;
            }
            cond = Optional.of(c);
        }
        String name = line.text(1);
        if (name.contains("%[")) {
            report.error(line, 1, "dynamic backend names ('" + name + "') are not supported by Tandem yet",
                    "write one use_backend line per backend, each with its condition");
            return;
        }
        p.useBackendRefs.add(new ProxyDraft.Reference(name, line, 1));
        p.useBackends.add(new UseBackend(name, cond, new Origin(line.file(), line.number())));
    }

    private static void capture(Line line, ProxyDraft p, Report report) {
        String dir = line.text(1);
        if (!(dir.equals("request") || dir.equals("response")) || !line.text(2).equals("header") || line.size() != 6
                || !line.text(4).equals("len")) {
            if (dir.equals("cookie")) {
                report.error(line, 1, "'capture cookie' is not supported by Tandem yet");
                return;
            }
            report.error(line, 0, "'capture' expects 'request|response header <name> len <length>'",
                    "e.g. capture request header Host len 64");
            return;
        }
        String[] why = new String[1];
        Integer len = Numbers.integer(line.text(5), 1, 65536, "capture length", why);
        if (len == null) {
            report.error(line, 5, why[0]);
            return;
        }
        p.captures.add(new Capture(dir.equals("request") ? Capture.Direction.REQUEST : Capture.Direction.RESPONSE,
                line.text(3), len, new Origin(line.file(), line.number())));
    }

    private static void stats(Line line, ProxyDraft p, Report report) {
        String sub = line.text(1);
        switch (sub) {
            case "enable" -> p.statsEnabled = true;
            case "uri" -> {
                if (!line.text(2).startsWith("/")) {
                    report.error(line, 2, "'stats uri' expects a path starting with '/'", "e.g. stats uri /stats");
                    return;
                }
                p.statsUri = line.text(2);
                p.statsEnabled = true;
            }
            case "auth" -> {
                String cred = line.text(2);
                int colon = cred.indexOf(':');
                if (colon <= 0) {
                    report.error(line, 2, "'stats auth' expects <user>:<password>", "e.g. stats auth admin:s3cret");
                    return;
                }
                p.statsAuth.add(new Stats.Credentials(cred.substring(0, colon), cred.substring(colon + 1)));
                p.statsEnabled = true;
            }
            case "refresh" -> {
                String[] why = new String[1];
                Duration d = TimeFormat.parse(line.text(2), why);
                if (d == null) {
                    report.error(line, 2, "'stats refresh' : " + why[0]);
                    return;
                }
                p.statsRefresh = d;
                p.statsEnabled = true;
            }
            case "admin" -> {
                if (!line.has(2)) {
                    report.error(line, 1, "'stats admin' expects a condition", "e.g. stats admin if LOCALHOST");
                    return;
                }
                Condition c = AclKeyword.condition(line, 2, p, report);
                if (c != null) {
                    p.statsAdmin = new HttpRule(new HttpAction.Allow(), Optional.of(c), new Origin(line.file(), line.number()));
                }
            }
            case "realm", "hide-version", "show-legends", "show-node", "show-desc", "scope", "http-request",
                    "show-modules", "bind-process" -> {
                // accepted: presentation details of the stats page
            }
            case "socket" -> report.error(line, 1, "'stats socket' belongs in the global section", "move it to the global section");
            default -> report.error(line, 1, "unknown stats parameter '" + sub + "'" + Suggestions.didYouMean(sub,
                    List.of("enable", "uri", "auth", "refresh", "admin", "realm", "hide-version")), null);
        }
    }

    private static void httpCheck(Line line, ProxyDraft p, Report report) {
        String sub = line.text(1);
        Origin origin = new Origin(line.file(), line.number());
        switch (sub) {
            case "send" -> {
                // unset fields stay empty: they keep what option httpchk set (tcpcheck.c merges them)
                String meth = "";
                String uri = "";
                String ver = "";
                String body = "";
                List<CheckRule.Header> headers = new ArrayList<>();
                for (int i = 2; i < line.size(); i += 2) {
                    String w = line.text(i);
                    if (!line.has(i + 1)) {
                        report.error(line, i, "'http-check send' : '" + w + "' expects an argument");
                        return;
                    }
                    switch (w) {
                        case "meth" -> meth = line.text(i + 1);
                        case "uri", "uri-lf" -> uri = line.text(i + 1);
                        case "ver" -> ver = line.text(i + 1);
                        case "body", "body-lf" -> body = line.text(i + 1);
                        case "hdr" -> {
                            headers.add(new CheckRule.Header(line.text(i + 1), line.text(i + 2)));
                            i++;
                        }
                        default -> {
                            report.error(line, i, "'http-check send' : unknown argument '" + w + "'"
                                    + Suggestions.didYouMean(w, List.of("meth", "uri", "ver", "hdr", "body")), null);
                            return;
                        }
                    }
                }
                CheckRule.HttpSend send = new CheckRule.HttpSend(meth, uri, ver, headers, body, origin);
                p.checkRules.add(send);
                p.httpCheckRules.add(send);
            }
            case "expect" -> {
                int m = line.text(2).equals("!") ? 3 : 2;
                if (line.text(m).equals("hdr") || line.text(m).equals("fhdr")) {
                    CheckRule.ExpectHeader h = expectHeader(line, m, report);
                    if (h != null) {
                        p.checkRules.add(h);
                        p.httpCheckRules.add(h);
                    }
                    return;
                }
                CheckRule.Expect e = expect(line, Set.of("status", "rstatus", "string", "rstring", "hdr", "fhdr"), report);
                if (e != null) {
                    p.checkRules.add(e);
                    p.httpCheckRules.add(e);
                }
            }
            case "disable-on-404" -> p.disableOn404 = true;
            case "connect", "send-state", "comment", "set-var", "unset-var" -> {
                // accepted
            }
            default -> report.error(line, 1, "'http-check' : unknown keyword '" + sub + "'"
                    + Suggestions.didYouMean(sub, List.of("send", "expect", "connect", "disable-on-404")), null);
        }
    }

    private static final List<String> HEADER_METHODS = List.of("str", "beg", "end", "sub", "reg");

    /** {@code http-check expect [!] hdr|fhdr name [-m meth] <fmt> [value [-m meth] <fmt>]}. */
    private static CheckRule.ExpectHeader expectHeader(Line line, int m, Report report) {
        String[] name = new String[2];
        String[] value = new String[2];
        int i = m + 1;
        while (i < line.size()) {
            String w = line.text(i);
            String[] target = switch (w) {
                case "name" -> name;
                case "value" -> value;
                default -> null;
            };
            if (target == null) {
                report.error(line, i, "'http-check expect " + line.text(m) + "' : unknown argument '" + w + "'",
                        "write " + line.text(m) + " name [-m <meth>] <name> [value [-m <meth>] <value>]");
                return null;
            }
            int j = i + 1;
            String method = "str";
            if (line.text(j).equals("-m")) {
                method = line.text(j + 1);
                if (!HEADER_METHODS.contains(method)) {
                    report.error(line, j + 1, "'http-check expect " + line.text(m) + "' : unknown match method '" + method
                            + "'", "use one of " + String.join(", ", HEADER_METHODS));
                    return null;
                }
                j += 2;
            }
            if (!line.has(j)) {
                report.error(line, i, "'http-check expect " + line.text(m) + "' : '" + w + "' expects a pattern");
                return null;
            }
            target[0] = method;
            target[1] = line.text(j);
            i = j + 1;
        }
        if (name[1] == null) {
            report.error(line, m, "'http-check expect " + line.text(m) + "' expects a header name",
                    "e.g. http-check expect hdr name content-type value -m beg text/");
            return null;
        }
        return new CheckRule.ExpectHeader(m == 3, line.text(m).equals("fhdr"), name[1], name[0],
                Optional.ofNullable(value[1]), value[0] == null ? "str" : value[0], new Origin(line.file(), line.number()));
    }

    private static CheckRule.Expect expect(Line line, Set<String> matchers, Report report) {
        int i = 2;
        boolean negated = false;
        if (line.text(i).equals("!")) {
            negated = true;
            i++;
        }
        String m = line.text(i);
        if (!matchers.contains(m)) {
            report.error(line, i, "'" + line.keyword() + " expect' : unknown matcher '" + m + "'"
                    + Suggestions.didYouMean(m, matchers), "known matchers: " + String.join(", ", matchers.stream().sorted().toList()));
            return null;
        }
        if (!line.has(i + 1)) {
            report.error(line, i, "'" + line.keyword() + " expect " + m + "' expects a pattern");
            return null;
        }
        return new CheckRule.Expect(negated, m, line.join(i + 1), new Origin(line.file(), line.number()));
    }

    private static void tcpCheck(Line line, ProxyDraft p, Report report) {
        String sub = line.text(1);
        Origin origin = new Origin(line.file(), line.number());
        switch (sub) {
            case "connect" -> {
                OptionalInt port = OptionalInt.empty();
                boolean ssl = false;
                boolean sendProxy = false;
                for (int i = 2; i < line.size(); i++) {
                    String w = line.text(i);
                    switch (w) {
                        case "port" -> {
                            try {
                                port = OptionalInt.of(Addresses.port(line.text(i + 1), line.text(i + 1)));
                            } catch (Addresses.Invalid e) {
                                report.error(line, i + 1, "'tcp-check connect' : " + e.getMessage(), e.hint);
                                return;
                            }
                            i++;
                        }
                        case "ssl" -> ssl = true;
                        case "send-proxy" -> sendProxy = true;
                        case "comment", "sni", "alpn", "addr", "proto" -> i++;
                        case "linger", "via-socks4" -> {
                        }
                        default -> {
                            report.error(line, i, "'tcp-check connect' : unknown argument '" + w + "'");
                            return;
                        }
                    }
                }
                p.checkRules.add(new CheckRule.TcpConnect(port, ssl, sendProxy, origin));
            }
            case "send", "send-binary" -> {
                if (line.size() < 3) {
                    report.error(line, 1, "'tcp-check " + sub + "' expects data");
                    return;
                }
                String data = line.text(2);
                if (sub.equals("send-binary") && !data.matches("([0-9a-fA-F]{2})+")) {
                    report.error(line, 2, "'tcp-check send-binary' expects hexadecimal data, not '" + data + "'");
                    return;
                }
                p.checkRules.add(new CheckRule.TcpSend(data, sub.equals("send-binary"), origin));
            }
            case "expect" -> {
                CheckRule.Expect e = expect(line, Set.of("string", "rstring", "binary", "rbinary"), report);
                if (e != null) {
                    p.checkRules.add(e);
                }
            }
            case "comment", "set-var", "unset-var" -> {
            }
            default -> report.error(line, 1, "'tcp-check' : unknown keyword '" + sub + "'"
                    + Suggestions.didYouMean(sub, List.of("connect", "send", "send-binary", "expect")), null);
        }
        if (p.checkKind == null) {
            p.checkKind = HealthCheck.Kind.TCP;
        }
    }

    /**
     * reqadd/rspadd were removed in haproxy 2.1 (fatal there); Tandem applies them as the
     * equivalent add-header rule and says what to write instead.
     */
    private static void legacyAdd(Line line, ProxyDraft p, Report report) {
        String kw = line.keyword();
        String side = kw.equals("reqadd") ? "http-request" : "http-response";
        if (!line.has(1)) {
            report.error(line, 0, "'" + kw + "' expects a header line", "e.g. " + side + " add-header X-Name value");
            return;
        }
        String header = line.text(1);
        int colon = header.indexOf(':');
        if (colon <= 0) {
            report.error(line, 1, "'" + kw + "' : '" + header + "' is not a header line 'Name: value'",
                    side + " add-header <name> <value>");
            return;
        }
        String name = header.substring(0, colon).trim();
        String value = header.substring(colon + 1).strip();
        Optional<Condition> cond = Optional.empty();
        String condText = "";
        if (line.has(2)) {
            Condition c = AclKeyword.condition(line, 2, p, report);
            if (c == null) {
                return;
            }
            cond = Optional.of(c);
            condText = " " + line.join(2);
        }
        String shownValue = value.replace("%", "%%");
        if (shownValue.isEmpty() || shownValue.contains(" ") || shownValue.contains("\"") || shownValue.contains("#")) {
            shownValue = "\"" + shownValue.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        String modern = side + " add-header " + name + " " + shownValue + condText;
        report.warning(line, 0, "'" + kw + "' is not supported anymore since HAProxy 2.1; Tandem applies it as '" + side
                + " add-header'. Prefer '" + side + " set-header', which also replaces any value the "
                + (kw.equals("reqadd") ? "client" : "server") + " sent, so it cannot be spoofed", modern);
        LogFormat literal = new LogFormat(value, value.isEmpty() ? List.of() : List.of(new LogFormat.Literal(value)));
        HttpRule rule = new HttpRule(new HttpAction.AddHeader(name, literal), cond, new Origin(line.file(), line.number()));
        if (kw.equals("reqadd")) {
            p.httpRequestRules.add(rule);
        } else {
            p.httpResponseRules.add(rule);
        }
    }

}
