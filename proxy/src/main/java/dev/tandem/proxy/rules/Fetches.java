package dev.tandem.proxy.rules;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sample fetches of configuration.txt §7.3.2–7.3.6 that Tandem implements, evaluated against a
 * {@link TransactionView}. Unknown fetches are rejected when a rule is compiled, not here.
 */
public final class Fetches {

    private Fetches() {
    }

    /** Names accepted by {@link #fetch}; used to reject unknown fetches at compile time. */
    static final Set<String> NAMES = Set.of("src", "src_port", "dst", "dst_port", "fe_name", "be_name", "srv_name",
            "method", "path", "pathq", "query", "url", "base", "hdr", "req.hdr", "req.fhdr", "hdr_cnt", "req.hdr_cnt",
            "hdr_ip", "req.hdr_ip", "req.cook", "cook", "req.ver", "status", "res.hdr", "shdr", "res.fhdr", "var",
            "env", "ssl_fc", "ssl_fc_sni", "ssl_fc_protocol", "ssl_fc_cipher", "ssl_fc_alpn", "ssl_fc_has_sni",
            "ssl_fc_has_crt", "ssl_c_used", "ssl_c_verify", "ssl_c_s_dn", "url_param", "urlp", "str", "int", "bool",
            "always_true", "always_false", "fe_id", "nbsrv", "date", "req.hdrs", "req.body");

    /** Fetches whose first argument haproxy requires: var(name), env(name), str(s), int(n), bool(b). */
    private static final Set<String> FIRST_ARGUMENT_REQUIRED = Set.of("var", "env", "str", "int", "bool");

    public static boolean known(String name) {
        return NAMES.contains(name);
    }

    /**
     * Rejects at configuration time, as haproxy -c does, a fetch that is unknown or lacks the
     * argument it needs ({@code where} names the expression for the message). A fetch that passes
     * never throws when evaluated.
     */
    public static void check(SampleExpr.Call fetch, String where) {
        if (!known(fetch.name())) {
            throw new RuleSyntaxException("unknown fetch method '" + fetch.name() + "' in " + where);
        }
        if (FIRST_ARGUMENT_REQUIRED.contains(fetch.name())
                && (fetch.args().isEmpty() || fetch.args().getFirst().isBlank())) {
            throw new RuleSyntaxException("fetch method '" + fetch.name() + "' : missing arguments (got 0/1) in "
                    + where);
        }
    }

    public static String fetch(SampleExpr.Call call, TransactionView tx) {
        List<String> a = call.args();
        return switch (call.name()) {
            case "src" -> inet(tx.source()) ? ip(tx.source()) : null;
            case "src_port" -> inet(tx.source()) ? Integer.toString(tx.source().getPort()) : null;
            case "dst" -> inet(tx.destination()) ? ip(tx.destination()) : null;
            case "dst_port" -> inet(tx.destination()) ? Integer.toString(tx.destination().getPort()) : null;
            case "fe_name" -> tx.frontend();
            case "be_name" -> tx.backend();
            case "srv_name" -> tx.server();
            case "method" -> tx.method();
            case "path" -> path(tx.uri());
            case "pathq" -> pathq(tx.uri());
            case "query" -> query(tx.uri());
            case "url" -> tx.uri();
            case "base" -> {
                String host = last(headerValues(tx.requestHeaders(), "host", false));
                yield host == null ? path(tx.uri()) : host + path(tx.uri());
            }
            case "hdr", "req.hdr" -> occurrence(headerValues(tx.requestHeaders(), arg(a, 0), true), a);
            case "req.fhdr" -> occurrence(headerValues(tx.requestHeaders(), arg(a, 0), false), a);
            case "hdr_cnt", "req.hdr_cnt" -> Integer.toString(headerValues(tx.requestHeaders(), arg(a, 0), true).size());
            case "hdr_ip", "req.hdr_ip" -> occurrence(headerValues(tx.requestHeaders(), arg(a, 0), true), a);
            case "req.cook", "cook" -> cookie(tx.requestHeaders(), arg(a, 0));
            case "req.ver" -> tx.version();
            case "status" -> tx.status() == 0 ? null : Integer.toString(tx.status());
            case "res.hdr", "shdr" -> occurrence(headerValues(tx.responseHeaders(), arg(a, 0), true), a);
            case "res.fhdr" -> occurrence(headerValues(tx.responseHeaders(), arg(a, 0), false), a);
            case "var" -> tx.vars().get(arg(a, 0));
            case "env" -> System.getenv(arg(a, 0));
            case "ssl_fc", "ssl_fc_sni", "ssl_fc_protocol", "ssl_fc_cipher", "ssl_fc_alpn", "ssl_fc_has_sni",
                 "ssl_fc_has_crt", "ssl_c_used", "ssl_c_verify", "ssl_c_s_dn" -> tx.tls().fetch(call.name(), a);
            case "url_param", "urlp" -> urlParam(tx.uri(), arg(a, 0));
            case "str" -> arg(a, 0);
            case "int" -> arg(a, 0);
            case "bool" -> arg(a, 0);
            case "always_true" -> "1";
            case "always_false" -> "0";
            case "req.hdrs" -> {
                StringBuilder b = new StringBuilder();
                for (Map.Entry<String, String> h : tx.requestHeaders()) {
                    b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
                }
                yield b.toString();
            }
            default -> tx.logAlias("fetch:" + call.name());
        };
    }

    /**
     * An IP address and port, not a UNIX socket client's (an unresolved "unix" address, see
     * listen.UnixPeer): haproxy's src/dst fetches find nothing for AF_UNIX (sample.c smp_fetch_src).
     */
    private static boolean inet(InetSocketAddress a) {
        return a != null && !a.isUnresolved();
    }

    /** The address as haproxy prints it (%ci, %fi): "unix" for a UNIX socket client (tools.c addr_to_str). */
    public static String ip(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        if (a.isUnresolved()) {
            return a.getHostString();
        }
        String s = a.getAddress().getHostAddress();
        int pct = s.indexOf('%');
        s = pct >= 0 ? s.substring(0, pct) : s;
        return compressIpv6(s);
    }

    /** Java prints 0:0:0:0:0:0:0:1; haproxy prints ::1 (inet_ntop, RFC 5952). */
    public static String compressIpv6(String s) {
        if (s.indexOf(':') < 0) {
            return s;
        }
        try {
            String[] parts = s.split(":");
            int[] groups = new int[8];
            for (int i = 0; i < 8; i++) {
                groups[i] = Integer.parseInt(parts[i], 16);
            }
            int bestStart = -1;
            int bestLen = 0;
            for (int i = 0; i < 8; ) {
                if (groups[i] == 0) {
                    int j = i;
                    while (j < 8 && groups[j] == 0) {
                        j++;
                    }
                    if (j - i > bestLen && j - i >= 2) {
                        bestStart = i;
                        bestLen = j - i;
                    }
                    i = j;
                } else {
                    i++;
                }
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    b.append("::");
                    i += bestLen - 1;
                    continue;
                }
                if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                    b.append(':');
                }
                b.append(Integer.toHexString(groups[i]));
            }
            return b.toString();
        } catch (RuntimeException e) {
            return s;
        }
    }

    static String path(String uri) {
        if (uri == null) {
            return null;
        }
        String u = stripAuthority(uri);
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }

    static String pathq(String uri) {
        return uri == null ? null : stripAuthority(uri);
    }

    static String query(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        return q < 0 ? null : uri.substring(q + 1);
    }

    private static String stripAuthority(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme > 0 && uri.indexOf('/') > scheme) {
            int slash = uri.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : uri.substring(slash);
        }
        return uri;
    }

    static String urlParam(String uri, String name) {
        String q = query(uri);
        if (q == null || name == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }

    private static String cookie(List<Map.Entry<String, String>> headers, String name) {
        for (String line : headerValues(headers, "cookie", false)) {
            for (String c : line.split(";")) {
                String t = c.strip();
                int eq = t.indexOf('=');
                if (eq > 0 && t.substring(0, eq).equals(name)) {
                    return t.substring(eq + 1);
                }
            }
        }
        return null;
    }

    /**
     * Values of a header; {@code split} follows req.hdr which cuts at commas, req.fhdr keeps the
     * full line (configuration.txt §7.3.6).
     */
    public static List<String> headerValues(List<Map.Entry<String, String>> headers, String name, boolean split) {
        List<String> values = new ArrayList<>();
        if (headers == null) {
            return values;
        }
        for (Map.Entry<String, String> h : headers) {
            if (name == null || h.getKey().equalsIgnoreCase(name)) {
                if (split) {
                    for (String v : h.getValue().split(",")) {
                        values.add(v.strip());
                    }
                } else {
                    values.add(h.getValue().strip());
                }
            }
        }
        return values;
    }

    /** The occurrence argument: positive counts from the first, negative from the last, default last. */
    private static String occurrence(List<String> values, List<String> args) {
        if (values.isEmpty()) {
            return null;
        }
        if (args.size() < 2 || args.get(1).isBlank()) {
            return values.getLast();
        }
        int occ = Integer.parseInt(args.get(1).strip());
        if (occ > 0) {
            return occ <= values.size() ? values.get(occ - 1) : null;
        }
        if (occ < 0) {
            return -occ <= values.size() ? values.get(values.size() + occ) : null;
        }
        return values.getLast();
    }

    private static String last(List<String> values) {
        return values.isEmpty() ? null : values.getLast();
    }

    private static String arg(List<String> args, int i) {
        return args.size() > i ? args.get(i).strip() : null;
    }
}
