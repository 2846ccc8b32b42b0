package dev.tandem.config.haproxy;

import java.util.Map;

/**
 * Keywords haproxy 1.x accepted and modern haproxy rejects, with the advice haproxy gives
 * (haproxy src/cfgparse-listen.c; reference haproxy.md §1.1-1.2). reqadd and rspadd are handled
 * by the proxy parser: Tandem translates them with a warning instead of refusing to start.
 */
final class RemovedKeywords {

    private RemovedKeywords() {}

    /** keyword -> the message haproxy prints (without the parsing prefix). */
    static final Map<String, String> PROXY = Map.ofEntries(
            Map.entry("reqrep", "The 'reqrep' directive is not supported anymore since HAProxy 2.1. Use 'http-request replace-path', 'http-request replace-uri' or 'http-request replace-header' instead."),
            Map.entry("reqirep", "The 'reqirep' directive is not supported anymore since HAProxy 2.1. Use 'http-request replace-path', 'http-request replace-uri' or 'http-request replace-header' instead."),
            Map.entry("rsprep", "The 'rsprep' directive is not supported anymore since HAProxy 2.1. Use 'http-response replace-header' instead."),
            Map.entry("rspirep", "The 'rspirep' directive is not supported anymore since HAProxy 2.1. Use 'http-response replace-header' instead."),
            Map.entry("reqdel", "The 'reqdel' directive is not supported anymore since HAProxy 2.1. Use 'http-request del-header' instead."),
            Map.entry("reqidel", "The 'reqidel' directive is not supported anymore since HAProxy 2.1. Use 'http-request del-header' instead."),
            Map.entry("rspdel", "The 'rspdel' directive is not supported anymore since HAProxy 2.1. Use 'http-response del-header' instead."),
            Map.entry("rspidel", "The 'rspidel' directive is not supported anymore since HAProxy 2.1. Use 'http-response del-header' instead."),
            Map.entry("reqdeny", "The 'reqdeny' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' instead."),
            Map.entry("reqideny", "The 'reqideny' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' instead."),
            Map.entry("reqallow", "The 'reqallow' directive is not supported anymore since HAProxy 2.1. Use 'http-request allow' instead."),
            Map.entry("reqiallow", "The 'reqiallow' directive is not supported anymore since HAProxy 2.1. Use 'http-request allow' instead."),
            Map.entry("reqpass", "The 'reqpass' directive is not supported anymore since HAProxy 2.1. Remove it."),
            Map.entry("reqipass", "The 'reqipass' directive is not supported anymore since HAProxy 2.1. Remove it."),
            Map.entry("reqtarpit", "The 'reqtarpit' directive is not supported anymore since HAProxy 2.1. Use 'http-request tarpit' instead."),
            Map.entry("reqitarpit", "The 'reqitarpit' directive is not supported anymore since HAProxy 2.1. Use 'http-request tarpit' instead."),
            Map.entry("rspdeny", "The 'rspdeny' directive is not supported anymore since HAProxy 2.1. Use 'http-response deny' instead."),
            Map.entry("rspideny", "The 'rspideny' directive is not supported anymore since HAProxy 2.1. Use 'http-response deny' instead."),
            Map.entry("block", "The 'block' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' which uses the exact same syntax."),
            Map.entry("contimeout", "the 'contimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout connect'."),
            Map.entry("clitimeout", "the 'clitimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout client'."),
            Map.entry("srvtimeout", "the 'srvtimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout server'."),
            Map.entry("redispatch", "the 'redispatch' directive is not supported anymore since HAProxy 2.1. Use 'option redispatch'."),
            Map.entry("appsession", "'appsession' is not supported anymore since HAProxy 1.6."),
            Map.entry("monitor-net", "'monitor-net' is not supported anymore since HAProxy 2.4. Use 'http-request return status 200 if { src <net> }' instead."),
            Map.entry("transparent", "'transparent' is deprecated; create a server with address 0.0.0.0 or use 'bind ... transparent' for listeners."));

    /** {@code option X} removed: haproxy's advice. */
    static final Map<String, String> OPTIONS = Map.of(
            "forceclose", "option 'forceclose' is not supported any more since HAProxy 2.0, please just remove it, or use 'option httpclose' if absolutely needed.",
            "http-tunnel", "option 'http-tunnel' is not supported any more since HAProxy 2.1, please just remove it, it shouldn't be needed.",
            "http-pretend-keepalive", "option 'http-pretend-keepalive' is not supported by Tandem; please just remove it.",
            "http-use-htx", "option 'http-use-htx' is not supported any more since HAProxy 2.1, please just remove it, it shouldn't be needed.");

    static final Map<String, String> GLOBAL = Map.of(
            "nbproc", "nbproc is not supported any more since HAProxy 2.5. Threads will automatically be used on multi-processor machines if available.",
            "master-worker", "'master-worker' in the global section is not supported; use -W or -Ws on the command line.",
            "debug", "'debug' is not supported any more in the global section; use the -d command line flag.",
            "tune.chksize", "'tune.chksize' is not supported any more since HAProxy 2.2; remove it.");
}
