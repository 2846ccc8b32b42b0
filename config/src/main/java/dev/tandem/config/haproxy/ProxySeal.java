package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.Acl;
import dev.tandem.config.haproxy.model.ErrorFile;
import dev.tandem.config.haproxy.model.Global;
import dev.tandem.config.haproxy.model.HealthCheck;
import dev.tandem.config.haproxy.model.HttpErrors;
import dev.tandem.config.haproxy.model.LogTarget;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.Peers;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.haproxy.model.ProxyLog;
import dev.tandem.config.haproxy.model.ProxyOptions;
import dev.tandem.config.haproxy.model.Resolvers;
import dev.tandem.config.haproxy.model.SslDefaults;
import dev.tandem.config.haproxy.model.Stats;
import dev.tandem.config.haproxy.model.Timeouts;
import dev.tandem.config.haproxy.model.Tune;
import dev.tandem.config.haproxy.model.Userlist;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Turns drafts into the immutable model once validation found no error. */
final class ProxySeal {

    private ProxySeal() {}

    static Global global(GlobalDraft g) {
        return new Global(g.logs, opt(g.maxconn), opt(g.nbthread), g.daemon, Optional.ofNullable(g.user),
                Optional.ofNullable(g.group), Optional.ofNullable(g.chroot), Optional.ofNullable(g.pidfile), g.statsSockets,
                new Tune(g.bufsize, g.maxrewrite, g.httpMaxHdr),
                new SslDefaults(Optional.ofNullable(g.sslCiphers), Optional.ofNullable(g.sslCiphersuites), g.sslOptions,
                        Optional.ofNullable(g.sslCurves)),
                g.h1KeepOnInsecureTe, g.spreadChecks, Optional.ofNullable(g.maxSpreadChecks));
    }

    /** The targets a proxy logs to, with {@code log global} replaced by the global ones. */
    static List<LogTarget> logTargets(ProxyDraft p, GlobalDraft g) {
        List<LogTarget> out = new ArrayList<>();
        if (p.logGlobal) {
            out.addAll(g.logs);
        }
        out.addAll(p.logTargets);
        return out;
    }

    static Proxy proxy(ProxyDraft p, GlobalDraft g, Map<String, HttpErrors> httpErrors) {
        Map<Integer, ErrorFile> errors = new LinkedHashMap<>();
        for (ProxyDraft.Reference r : p.errorfilesRefs) {
            HttpErrors section = httpErrors.get(r.name());
            if (section != null) {
                errors.putAll(section.errorFiles());
            }
        }
        errors.putAll(p.errorFiles);
        List<Acl> acls = p.acls.entrySet().stream().map(e -> new Acl(e.getKey(), e.getValue())).toList();
        Optional<HealthCheck> check = p.checkKind == null ? Optional.empty()
                : Optional.of(new HealthCheck(p.checkKind, Optional.ofNullable(p.httpCheckRequest), p.checkRules));
        Optional<Stats> stats = p.statsEnabled ? Optional.of(new Stats(true, p.statsUri == null ? Stats.DEFAULT_URI : p.statsUri,
                p.statsAuth, Optional.ofNullable(p.statsRefresh),
                p.statsAdmin == null ? Optional.empty() : p.statsAdmin.condition())) : Optional.empty();
        return new Proxy(p.name, p.kind, p.mode, new Origin(p.declaration.file(), p.declaration.number()), p.binds,
                timeouts(p.timeouts), opt(p.maxconn),
                log(p, g),
                Optional.ofNullable(p.forwardFor), Optional.ofNullable(p.originalTo), p.connectionMode,
                new ProxyOptions(p.redispatch, p.allBackups, p.httpBufferRequest, p.httpIgnoreProbes, p.redispatchInterval,
                        p.disableOn404, p.logHealthChecks, p.disableH2Upgrade), p.retries,
                p.retryOn, p.balance, p.hashType, p.httpReuse, check, p.servers, acls, p.httpRequestRules,
                p.httpResponseRules, p.redirectRules, p.useBackends,
                p.kind.isFrontend() && p.defaultBackend != null ? Optional.of(p.defaultBackend.name()) : Optional.empty(),
                errors, p.captures, Optional.ofNullable(p.uniqueIdFormat), stats, p.hashFunction);
    }

    /** {@code option httplog} outside HTTP mode falls back to tcplog, as haproxy does (with a warning). */
    private static ProxyLog log(ProxyDraft p, GlobalDraft g) {
        boolean httpFormat = p.formatKind == ProxyLog.LogFormatKind.HTTPLOG || p.formatKind == ProxyLog.LogFormatKind.HTTPLOG_CLF;
        if (httpFormat && p.mode != dev.tandem.config.haproxy.model.Mode.HTTP) {
            return new ProxyLog(logTargets(p, g), Optional.of(LogFormatParser.builtin(LogFormatParser.TCPLOG)),
                    ProxyLog.LogFormatKind.TCPLOG, p.dontLogNull);
        }
        return new ProxyLog(logTargets(p, g), Optional.ofNullable(p.format), p.formatKind, p.dontLogNull);
    }

    static Timeouts timeouts(Map<String, Duration> t) {
        return new Timeouts(o(t, "connect"), o(t, "client"), o(t, "server"), o(t, "http-request"), o(t, "http-keep-alive"),
                o(t, "queue"), o(t, "tunnel"), o(t, "check"), o(t, "client-fin"), o(t, "server-fin"));
    }

    static Userlist userlist(OtherSections.Draft d) {
        return new Userlist(d.name, d.users, d.groups, d.origin());
    }

    static Peers peers(OtherSections.Draft d) {
        return new Peers(d.name, d.peers, d.origin());
    }

    static Resolvers resolvers(OtherSections.Draft d) {
        return new Resolvers(d.name, d.nameservers, d.parseResolvConf, d.origin());
    }

    static HttpErrors httpErrors(OtherSections.Draft d) {
        return new HttpErrors(d.name, d.errorFiles, d.origin());
    }

    private static Optional<Duration> o(Map<String, Duration> t, String name) {
        return Optional.ofNullable(t.get(name));
    }

    private static OptionalInt opt(Integer v) {
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
