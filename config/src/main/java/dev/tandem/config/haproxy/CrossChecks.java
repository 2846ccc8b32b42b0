package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.Mode;
import dev.tandem.config.haproxy.model.ProxyLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import dev.tandem.config.HostFacts;
import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import dev.tandem.config.haproxy.model.HttpRule;
import dev.tandem.config.haproxy.model.Origin;

/**
 * Checks that need the whole configuration: backends named by frontends exist and have a
 * compatible mode, ACLs used are declared, and the warnings haproxy prints after parsing
 * (missing timeouts, log format without log address). They run even after other errors, so
 * one pass shows every problem.
 */
final class CrossChecks {

    private CrossChecks() {}

    static void run(ConfigCompiler c, HostFacts host, Report report) {
        for (ProxyDraft p : c.proxies) {
            patternFiles(p, host, report);
            if (p.kind.isFrontend()) {
                if (p.bindLines == 0) {
                    report.warning(p.declaration, 0, p.sectionKeyword() + " '" + p.name + "' has no 'bind' line, so it accepts"
                            + " no connection.", "add 'bind <address>:<port>', or declare it as a backend if that was intended");
                }
                backendReference(c, p, p.defaultBackend, "default_backend", "as its default backend", report);
                for (ProxyDraft.Reference r : p.useBackendRefs) {
                    backendReference(c, p, r, "use_backend", "in a 'use_backend' rule", report);
                }
                bindProtos(p, report);
            }
            acls(p, report);
            errorfiles(c, p, report);
            timeouts(p, report);
            logging(c, p, report);
            httpOnly(p, report);
            httpCheckRules(p, report);
            observeLayer7(p, report);
        }
    }

    /** A bind's {@code proto} must suit the frontend's mode: h1/h2 are HTTP muxes, none is TCP's (configuration.txt §5.1 "proto"). */
    private static void bindProtos(ProxyDraft p, Report report) {
        for (ProxyDraft.ProtoUse u : p.protoUses) {
            boolean http = !u.proto().equals("none");
            if (http != (p.mode == Mode.HTTP)) {
                report.error(u.line(), u.word(), "frontend '" + p.name + "' : MUX protocol '" + u.proto()
                        + "' is not usable for 'bind " + u.line().text(1) + "' at [" + u.line().file() + ":"
                        + u.line().number() + "].", http ? "h1 and h2 need mode http; remove 'proto' for mode tcp"
                        : "'proto none' is for mode tcp; use h1 or h2 in mode http");
            }
        }
    }

    /** {@code observe layer7} needs an HTTP proxy, whatever the order of the mode and server lines (server.c). */
    private static void observeLayer7(ProxyDraft p, Report report) {
        if (p.mode == Mode.HTTP) {
            return;
        }
        for (dev.tandem.config.haproxy.model.Server s : p.servers) {
            if (s.check().observe() == dev.tandem.config.haproxy.model.Server.Observe.LAYER7) {
                Line line = p.serverLines.get(s.name());
                report.error(line, 1, "server '" + s.name() + "': 'observe layer7' can only be used in HTTP proxies",
                        "use observe layer4, or mode http");
            }
        }
    }

    /**
     * http-check rules only run with option httpchk (tcpcheck.c; haproxy 2.6.12 warns and sends
     * no HTTP request, only the TCP connect of a plain check).
     */
    private static void httpCheckRules(ProxyDraft p, Report report) {
        if (p.httpCheckRules.isEmpty() || p.checkKind == dev.tandem.config.haproxy.model.HealthCheck.Kind.HTTP) {
            return;
        }
        if (p.kind.isBackend()) {
            report.warning(p.declaration, 0, p.sectionKeyword() + " '" + p.name
                    + "' uses http-check rules without 'option httpchk', so the rules are ignored.",
                    "add 'option httpchk' to send them");
        }
        p.checkRules.removeAll(p.httpCheckRules);
        p.httpCheckRules.clear();
    }

    private static void backendReference(ConfigCompiler c, ProxyDraft fe, ProxyDraft.Reference ref, String keyword,
            String usage, Report report) {
        if (ref == null) {
            return;
        }
        ProxyDraft be = c.proxies.stream().filter(p -> p.kind.isBackend() && p.name.equals(ref.name())).findFirst()
                .orElse(null);
        if (be == null) {
            List<String> names = c.proxies.stream().filter(p -> p.kind.isBackend()).map(p -> p.name).toList();
            report.error(ref.line(), ref.word(), "Proxy '" + fe.name + "': unable to find required " + keyword + ": '"
                    + ref.name() + "'." + Suggestions.didYouMean(ref.name(), names),
                    names.isEmpty() ? "declare it: backend " + ref.name() : "known backends: " + String.join(", ", names));
            return;
        }
        // configuration.txt "mode": an HTTP frontend cannot hand its streams to a TCP backend.
        if (fe.mode == Mode.HTTP && be.mode == Mode.TCP) {
            report.error(ref.line(), ref.word(), "http frontend '" + fe.name + "' (" + at(fe.declaration)
                    + ") tries to use incompatible tcp backend '" + be.name + "' (" + at(be.declaration) + ") " + usage
                    + " (see 'mode').", "add 'mode http' to backend '" + be.name + "' (or to the defaults section)");
        }
    }

    private static String at(Line l) {
        return l.file() + ":" + l.number();
    }

    private static void acls(ProxyDraft p, Report report) {
        for (ProxyDraft.Reference r : p.aclReferences) {
            if (p.acls.containsKey(r.name()) || AclKeyword.PREDEFINED.contains(r.name())) {
                continue;
            }
            List<String> known = new ArrayList<>(p.acls.keySet());
            known.addAll(AclKeyword.PREDEFINED);
            report.error(r.line(), r.word(), "no such ACL : '" + r.name() + "' in " + p.sectionKeyword() + " '" + p.name + "'"
                    + Suggestions.didYouMean(r.name(), known),
                    "declare it in the same section: acl " + r.name() + " <criterion> [flags] [patterns]");
        }
    }

    /** haproxy refuses to start without them; whether they exist is a fact of this machine, hence a warning. */
    private static void patternFiles(ProxyDraft p, HostFacts host, Report report) {
        for (var tests : p.acls.values()) {
            for (var t : tests) {
                for (String f : t.patternFiles()) {
                    java.nio.file.Path path = FilePaths.of(f);
                    if (path == null || !host.isReadableFile(path)) {
                        report.accept(new Diagnostic(t.origin().file(), t.origin().line(), 0, Severity.WARNING,
                                "ACL pattern file '" + f + "' is not readable on this machine", "haproxy refuses to start without it"));
                    }
                }
            }
        }
    }

    private static void errorfiles(ConfigCompiler c, ProxyDraft p, Report report) {
        for (ProxyDraft.Reference r : p.errorfilesRefs) {
            boolean found = c.others.stream().anyMatch(o -> o.kind.equals("http-errors") && o.name.equals(r.name()));
            if (!found) {
                report.error(r.line(), r.word(), "unable to find http-errors section '" + r.name() + "' used by "
                        + p.sectionKeyword() + " '" + p.name + "'", "declare it: http-errors " + r.name());
            }
        }
    }

    /** haproxy warns, it does not refuse; without these timeouts, dead peers hold connections forever. */
    private static void timeouts(ProxyDraft p, Report report) {
        boolean missing = (p.kind.isFrontend() && unset(p, "client"))
                || (p.kind.isBackend() && (unset(p, "connect") || unset(p, "server")));
        if (missing) {
            report.warning(p.declaration, 0, "missing timeouts for " + p.sectionKeyword() + " '" + p.name + "'. While not "
                    + "properly invalid, you will certainly encounter various problems with such a configuration.",
                    "ensure that all following timeouts are set to a non-zero value: 'client', 'connect', 'server'"
                            + " (for example in the defaults section: timeout connect 5s, timeout client 30s, timeout server 30s)");
        }
    }

    private static boolean unset(ProxyDraft p, String timeout) {
        java.time.Duration d = p.timeouts.get(timeout);
        return d == null || d.isZero();
    }

    private static void logging(ConfigCompiler c, ProxyDraft p, Report report) {
        if (!p.kind.isFrontend() || p.formatKind == ProxyLog.LogFormatKind.NONE) {
            return;
        }
        if (p.formatKind == ProxyLog.LogFormatKind.HTTPLOG || p.formatKind == ProxyLog.LogFormatKind.HTTPLOG_CLF) {
            if (p.mode != Mode.HTTP) {
                Line l = p.formatLine == null ? p.declaration : p.formatLine;
                report.warning(l, 0, "'option httplog' not usable with " + p.sectionKeyword() + " '" + p.name
                        + "' (needs 'mode http'). Falling back to 'option tcplog'.", "use option tcplog, or set mode http");
            }
        }
        if (ProxySeal.logTargets(p, c.global).isEmpty()) {
            String hint = p.logGlobal ? "'log global' finds no 'log' line in the global section; add one, e.g. log /dev/log local0"
                    : "add 'log global' (with a 'log' line in the global section) or 'log <target> <facility>'";
            report.warning(p.declaration, 0, "log format ignored for " + p.sectionKeyword() + " '" + p.name
                    + "' since it has no log address.", hint);
        }
    }

    private static void httpOnly(ProxyDraft p, Report report) {
        if (p.mode == Mode.HTTP) {
            return;
        }
        List<HttpRule> rules = new ArrayList<>(p.httpRequestRules);
        rules.addAll(p.httpResponseRules);
        rules.addAll(p.redirectRules);
        rules.stream().map(HttpRule::origin).min(Comparator.comparingInt(Origin::line)).ifPresent(o ->
                report.accept(new Diagnostic(o.file(), o.line(), 0, Severity.WARNING, "HTTP rules are ignored for "
                        + p.sectionKeyword() + " '" + p.name + "' as they require HTTP mode.",
                        "add 'mode http' to " + p.sectionKeyword() + " '" + p.name + "'")));
    }
}
