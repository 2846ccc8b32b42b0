package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.BindAddress;
import dev.tandem.config.haproxy.model.LogTarget;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.StatsSocket;
import dev.tandem.config.haproxy.model.UnixPermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Keywords of the {@code global} section (configuration.txt §3). */
final class GlobalKeywords {

    static final List<String> KEYWORDS = List.of("log", "maxconn", "nbthread", "daemon", "user", "group", "uid", "gid",
            "chroot", "pidfile", "stats", "tune.bufsize", "tune.maxrewrite", "tune.http.maxhdr",
            "ssl-default-bind-ciphers", "ssl-default-bind-ciphersuites", "ssl-default-bind-options",
            "ssl-default-bind-curves", "h1-do-not-close-on-insecure-transfer-encoding", "spread-checks",
            "max-spread-checks", "tune.h2.header-table-size", "tune.h2.initial-window-size",
            "tune.h2.max-concurrent-streams", "tune.h2.max-frame-size", "unix-bind");

    /**
     * haproxy 2.6's HTTP/2 defaults (configuration.txt §3.2 "tune.h2.*"), which Tandem's HTTP/2 runs
     * with; the proxy's {@code dev.tandem.proxy.h2.H2Limits} holds the same numbers.
     */
    static final java.util.Map<String, Integer> H2_DEFAULTS = java.util.Map.of("tune.h2.header-table-size", 4096,
            "tune.h2.initial-window-size", 65535, "tune.h2.max-concurrent-streams", 100,
            "tune.h2.max-frame-size", 16384);

    /** Operational knobs that change nothing Tandem models: accepted silently. */
    static final Set<String> ACCEPTED = Set.of("ca-base", "crt-base", "quiet", "node", "description",
            "log-send-hostname", "log-tag", "hard-stop-after", "ulimit-n", "cpu-map", "set-dumpable",
            "ssl-default-server-ciphers", "ssl-default-server-ciphersuites", "ssl-default-server-options",
            "ssl-default-server-curves", "ssl-server-verify", "tune.ssl.default-dh-param", "tune.ssl.cachesize",
            "tune.ssl.lifetime", "server-state-file", "server-state-base", "localpeer", "maxsslconn",
            "maxconnrate", "maxsessrate", "maxpipes", "tune.maxaccept", "tune.maxpollevents", "tune.idletimer",
            "tune.http.cookielen",
            "tune.http.logurilen", "expose-experimental-directives", "insecure-fork-wanted", "numa-cpu-mapping",
            "grace", "busy-polling", "profiling.tasks", "stats-file", "nbthread-group", "thread-groups",
            "setenv", "presetenv", "unsetenv", "resetenv", "strict-limits", "noepoll", "nopoll", "nosplice",
            "h1-case-adjust", "h1-case-adjust-file", "default-path");

    private GlobalKeywords() {}

    static void parse(Line line, GlobalDraft g, Report report) {
        String kw = line.keyword();
        String[] why = new String[1];
        String removed = RemovedKeywords.GLOBAL.get(kw);
        if (removed != null) {
            report.error(line, 0, removed);
            return;
        }
        switch (kw) {
            case "log" -> {
                if (!line.has(1)) {
                    report.error(line, 0, "'log' expects a target and a facility", "e.g. log /dev/log local0 or log stdout format raw local0");
                    return;
                }
                if (line.text(1).equals("global")) {
                    report.error(line, 1, "'log global' is only allowed in defaults, frontend, backend and listen sections");
                    return;
                }
                LogTarget t = LogKeyword.parse(line, report);
                if (t != null) {
                    g.logs.add(t);
                }
            }
            case "maxconn" -> g.maxconn = number(line, 1, 1, Integer.MAX_VALUE, report);
            case "nbthread" -> g.nbthread = number(line, 1, 1, 4096, report);
            case "daemon" -> g.daemon = true;
            case "user", "uid" -> g.user = word(line, report);
            case "group", "gid" -> g.group = word(line, report);
            case "chroot" -> g.chroot = word(line, report);
            case "pidfile" -> g.pidfile = word(line, report);
            case "stats" -> stats(line, g, report);
            case "unix-bind" -> unixBind(line, g, report);
            case "tune.bufsize" -> {
                Integer v = Numbers.size(line.text(1), 1024, 1024 * 1024 * 1024, "tune.bufsize", why);
                if (v == null) {
                    report.error(line, 1, why[0]);
                } else {
                    g.bufsize = v;
                    g.bufsizeLine = line;
                }
            }
            case "tune.maxrewrite" -> {
                Integer v = Numbers.size(line.text(1), 0, Integer.MAX_VALUE, "tune.maxrewrite", why);
                if (v == null) {
                    report.error(line, 1, why[0]);
                } else {
                    g.maxrewrite = v;
                }
            }
            case "tune.http.maxhdr" -> {
                Integer v = number(line, 1, 1, 32767, report);
                if (v != null) {
                    g.httpMaxHdr = v;
                }
            }
            case "tune.h2.header-table-size", "tune.h2.initial-window-size", "tune.h2.max-concurrent-streams",
                 "tune.h2.max-frame-size" -> {
                Integer v = number(line, 1, 0, Integer.MAX_VALUE, report);
                int dflt = H2_DEFAULTS.get(kw);
                if (v != null && v != dflt) {
                    report.warning(line, 1, "'" + kw + " " + v + "' is not applied: Tandem's HTTP/2 runs with haproxy's"
                            + " default (" + dflt + ")", "remove the line, or set it to " + dflt);
                }
            }
            case "ssl-default-bind-ciphers" -> g.sslCiphers = word(line, report);
            case "ssl-default-bind-ciphersuites" -> g.sslCiphersuites = word(line, report);
            case "ssl-default-bind-curves" -> g.sslCurves = word(line, report);
            case "ssl-default-bind-options" -> {
                List<String> opts = new ArrayList<>();
                for (int i = 1; i < line.size(); i++) {
                    opts.add(line.text(i));
                    if (Set.of("ssl-min-ver", "ssl-max-ver").contains(line.text(i))) {
                        opts.add(line.text(++i));
                    }
                }
                g.sslOptions = opts;
            }
            case "h1-do-not-close-on-insecure-transfer-encoding" -> g.h1KeepOnInsecureTe = true;
            case "spread-checks" -> {
                // configuration.txt §3.2 "spread-checks": a percentage between 0 and 50
                Integer v = Numbers.integer(line.text(1), 0, 50, "spread-checks percentage", why);
                if (v == null) {
                    report.error(line, 1, why[0], "write a percentage between 0 and 50, e.g. spread-checks 5");
                } else {
                    g.spreadChecks = v;
                }
            }
            case "max-spread-checks" -> {
                // configuration.txt §3.2 "max-spread-checks": a delay, in milliseconds unless a unit is given
                Duration d = TimeFormat.parse(line.text(1), why);
                if (d == null) {
                    report.error(line, 1, "'max-spread-checks' : " + why[0], "e.g. max-spread-checks 500ms");
                } else {
                    g.maxSpreadChecks = d;
                }
            }
            default -> {
                if (ACCEPTED.contains(kw)) {
                    return;
                }
                if (kw.startsWith("tune.")) {
                    // haproxy has dozens of tuning knobs; an unknown one changes nothing Tandem runs.
                    List<String> tunes = new ArrayList<>(KEYWORDS.stream().filter(k -> k.startsWith("tune.")).toList());
                    ACCEPTED.stream().filter(k -> k.startsWith("tune.")).forEach(tunes::add);
                    report.warning(line, 0, "'" + kw + "' is not used by Tandem and is ignored" + Suggestions.didYouMean(kw, tunes),
                            null);
                    return;
                }
                if (kw.startsWith("lua-")) {
                    report.error(line, 0, "'" + kw + "' : Lua is not supported by Tandem");
                    return;
                }
                List<String> all = new ArrayList<>(KEYWORDS);
                all.addAll(ACCEPTED);
                all.addAll(ConfigCompiler.SECTIONS);
                String inProxy = ProxyKeywords.KEYWORDS.contains(kw)
                        ? "; '" + kw + "' belongs in a defaults, frontend, backend or listen section" : "";
                report.error(line, 0, "unknown keyword '" + kw + "' in 'global' section"
                        + (inProxy.isEmpty() ? Suggestions.didYouMean(kw, all) : inProxy), null);
            }
        }
    }

    /**
     * {@code unix-bind [prefix <p>] [mode <m>] [user <u>] [uid <n>] [group <g>] [gid <n>]}
     * (configuration.txt §3.1): the prefix and the defaults of the UNIX socket binds that follow,
     * applied while they are read as haproxy does (cfgparse-global.c).
     */
    private static void unixBind(Line line, GlobalDraft g, Report report) {
        int i = 1;
        while (i < line.size()) {
            String opt = line.text(i);
            if (!List.of("prefix", "mode", "user", "uid", "group", "gid").contains(opt)) {
                report.error(line, i, "'unix-bind' only supports the 'prefix', 'mode', 'uid', 'gid', 'user' and 'group' "
                        + "options.", null);
                return;
            }
            if (!line.has(i + 1)) {
                report.error(line, i, "'unix-bind' : '" + opt + "' expects a value");
                return;
            }
            String value = line.text(i + 1);
            if (opt.equals("prefix")) {
                g.unixBindPrefix = value;
            } else {
                UnixPermissions p = UnixOptions.apply(g.unixBindPermissions, opt, value, line, i, report);
                if (p == null) {
                    return;
                }
                g.unixBindPermissions = p;
            }
            i += 2;
        }
    }

    private static void stats(Line line, GlobalDraft g, Report report) {
        String sub = line.text(1);
        switch (sub) {
            case "socket" -> {
                if (!line.has(2)) {
                    report.error(line, 1, "'stats socket' expects an address or a path", "e.g. stats socket /run/haproxy/admin.sock mode 600 level admin");
                    return;
                }
                List<BindAddress> addr;
                try {
                    addr = Addresses.bind(line.text(2));
                } catch (Addresses.Invalid e) {
                    report.error(line, 2, "'stats socket' : " + e.getMessage(), e.hint);
                    return;
                }
                List<String> opts = new ArrayList<>(Arrays.asList(line.join(3).split(" ")));
                opts.removeIf(String::isEmpty);
                for (BindAddress a : addr) {
                    g.statsSockets.add(new StatsSocket(a, opts, new Origin(line.file(), line.number())));
                }
            }
            case "timeout", "maxconn", "bind-process" -> {
                // accepted: the runtime API is not served yet
            }
            default -> report.error(line, 1, "'stats' in the global section expects 'socket', 'timeout' or 'maxconn', not '"
                    + sub + "'");
        }
    }

    private static String word(Line line, Report report) {
        if (!line.has(1)) {
            report.error(line, 0, "'" + line.keyword() + "' expects an argument");
            return null;
        }
        return line.text(1);
    }

    static Integer number(Line line, int word, long min, long max, Report report) {
        if (!line.has(word)) {
            report.error(line, 0, "'" + line.keyword() + "' expects an integer argument");
            return null;
        }
        String[] why = new String[1];
        Integer v = Numbers.integer(line.text(word), min, max, "'" + line.keyword() + "' value", why);
        if (v == null) {
            report.error(line, word, why[0]);
        }
        return v;
    }
}
