package dev.tandem.config.haproxy;

import dev.tandem.config.HostFacts;
import dev.tandem.config.haproxy.model.Bind;
import dev.tandem.config.haproxy.model.BindAddress;
import dev.tandem.config.haproxy.model.BindTls;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.TlsVerify;
import dev.tandem.config.haproxy.model.TlsVersion;
import dev.tandem.config.haproxy.model.UnixPermissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code bind <address>[,...] [options]} (configuration.txt §4.2 "bind", §5.1 bind options). */
final class BindKeyword {

    static final List<String> OPTIONS = List.of("transparent", "v4v6", "v6only", "maxconn", "name", "accept-proxy", "ssl",
            "crt", "crt-list", "alpn", "ssl-min-ver", "ssl-max-ver", "ciphers", "ciphersuites", "curves", "ca-file",
            "verify", "strict-sni", "no-tls-tickets", "backlog", "id", "interface", "mode", "user", "uid", "group", "gid",
            "level",
            "process", "thread", "tfo", "defer-accept", "nice", "mss", "expose-fd", "allow-0rtt", "npn", "no-sslv3",
            "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13", "force-tlsv12", "force-tlsv13", "prefer-client-ciphers",
            "namespace", "tcp-ut", "severity-output", "ecdhe", "crl-file", "quic-force-retry", "proto");

    private static final List<String> WITH_ARG = List.of("maxconn", "name", "crt", "crt-list", "alpn", "ssl-min-ver",
            "ssl-max-ver", "ciphers", "ciphersuites", "curves", "ca-file", "verify", "backlog", "id", "interface", "mode",
            "user", "uid", "group", "gid", "level", "process", "thread", "nice", "mss", "expose-fd", "npn", "namespace", "tcp-ut",
            "severity-output", "ecdhe", "crl-file", "proto");

    private BindKeyword() {}

    static void parse(Line line, ProxyDraft p, GlobalDraft global, HostFacts host, Report report) {
        if (!line.has(1)) {
            report.error(line, 0, "'bind' expects [address]:port as an argument", "e.g. bind :80 or bind [::]:443 ssl crt /etc/haproxy/site.pem");
            return;
        }
        List<BindAddress> addresses;
        try {
            addresses = Addresses.bind(line.text(1), global.unixBindPrefix);
        } catch (Addresses.Invalid e) {
            report.error(line, 1, "'bind' : " + e.getMessage(), e.hint);
            return;
        }
        boolean transparent = false;
        boolean v4v6 = false;
        boolean v6only = false;
        Integer maxconn = null;
        String name = null;
        boolean acceptProxy = false;
        boolean ssl = false;
        List<Path> crts = new ArrayList<>();
        Path crtList = null;
        List<String> alpn = List.of();
        TlsVersion min = null;
        TlsVersion max = null;
        String ciphers = null;
        String ciphersuites = null;
        String curves = null;
        Path caFile = null;
        TlsVerify verify = TlsVerify.NONE;
        boolean strictSni = false;
        boolean noTickets = false;
        String proto = null;
        Integer id = null;
        UnixPermissions unix = global.unixBindPermissions;
        boolean ok = true;
        String[] why = new String[1];
        int i = 2;
        while (i < line.size()) {
            String w = line.text(i);
            boolean hasArg = WITH_ARG.contains(w);
            String arg = line.text(i + 1);
            if (hasArg && !line.has(i + 1)) {
                if (w.equals("proto")) {
                    report.error(line, i, "'bind " + line.text(1) + "' : 'proto' : missing value", "e.g. proto h2");
                    return;
                }
                report.error(line, i, "'bind' option '" + w + "' expects an argument");
                return;
            }
            switch (w) {
                case "transparent" -> transparent = true;
                case "v4v6" -> v4v6 = true;
                case "v6only" -> v6only = true;
                case "accept-proxy" -> acceptProxy = true;
                case "ssl" -> ssl = true;
                case "strict-sni" -> strictSni = true;
                case "no-tls-tickets" -> noTickets = true;
                case "maxconn" -> {
                    maxconn = Numbers.integer(arg, 0, Integer.MAX_VALUE, "bind maxconn", why);
                    if (maxconn == null) {
                        report.error(line, i + 1, why[0]);
                        ok = false;
                    }
                }
                case "name" -> name = arg;
                case "id" -> {
                    // configuration.txt §5.1 "id"; listener.c bind_parse_id
                    if (addresses.size() > 1 || addresses.getFirst() instanceof BindAddress.Inet inet
                            && inet.portTo() > inet.portFrom()) {
                        report.error(line, i, "'bind " + line.text(1) + "' : 'id' can only be used with a single socket",
                                "give each address its own bind line to number it");
                        ok = false;
                    } else {
                        id = Numbers.integer(arg, 1, Integer.MAX_VALUE, "'id'", why);
                        Integer wanted = id;
                        Bind taken = wanted == null ? null : p.binds.stream()
                                .filter(b -> b.id().isPresent() && b.id().getAsInt() == wanted).findFirst().orElse(null);
                        if (id == null) {
                            report.error(line, i + 1, "'bind " + line.text(1) + "' : " + why[0],
                                    "a listener id is a number above 0");
                            ok = false;
                        } else if (taken != null) {
                            report.error(line, i + 1, "'bind " + line.text(1) + "' : 'id' : custom id " + id
                                    + " already used at " + taken.origin().file() + ":" + taken.origin().line(), null);
                            ok = false;
                        }
                    }
                }
                case "mode", "uid", "user", "gid", "group" -> {
                    // UNIX socket options (cfgparse-unix.c): accepted on any bind, used by UNIX socket addresses
                    unix = UnixOptions.apply(unix, w, arg, line, i, report);
                    if (unix == null) {
                        unix = UnixPermissions.NONE;
                        ok = false;
                    }
                }
                case "proto" -> {
                    // configuration.txt §5.1 "proto"; whether it suits the mode is checked once the mode is known
                    if (!Bind.PROTOS.contains(arg)) {
                        report.error(line, i + 1, "'bind " + line.text(1) + "' : 'proto' :  unknown MUX protocol '"
                                + arg + "'", "use h1, h2 or none");
                        ok = false;
                    } else {
                        proto = arg;
                        p.protoUses.add(new ProxyDraft.ProtoUse(line, i + 1, arg));
                    }
                }
                case "crt" -> {
                    Path path = FilePaths.of(arg);
                    if (path == null) {
                        report.error(line, i + 1, "invalid file name '" + arg + "'");
                        ok = false;
                    } else if (checkCertificate(line, i + 1, path, host, report)) {
                        crts.add(path);
                    } else {
                        ok = false;
                    }
                }
                case "crt-list" -> {
                    crtList = FilePaths.of(arg);
                    if (crtList == null || !host.isReadableFile(crtList)) {
                        report.error(line, i + 1, "unable to load certificate list '" + arg + "': no such readable file");
                        ok = false;
                    }
                }
                case "ca-file" -> {
                    caFile = FilePaths.of(arg);
                    if (caFile == null || !host.isReadableFile(caFile)) {
                        report.error(line, i + 1, "unable to load CA file '" + arg + "': no such readable file");
                        ok = false;
                    }
                }
                case "alpn" -> alpn = Arrays.asList(arg.split(","));
                case "ssl-min-ver", "ssl-max-ver" -> {
                    TlsVersion v = Arrays.stream(TlsVersion.values()).filter(t -> t.keyword().equals(arg)).findFirst()
                            .orElse(null);
                    if (v == null) {
                        report.error(line, i + 1, "'" + w + "' : unknown version '" + arg + "'",
                                "use SSLv3, TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3");
                        ok = false;
                    } else if (w.equals("ssl-min-ver")) {
                        min = v;
                    } else {
                        max = v;
                    }
                }
                case "ciphers" -> ciphers = arg;
                case "ciphersuites" -> ciphersuites = arg;
                case "curves" -> curves = arg;
                case "verify" -> {
                    switch (arg) {
                        case "none" -> verify = TlsVerify.NONE;
                        case "optional" -> verify = TlsVerify.OPTIONAL;
                        case "required" -> verify = TlsVerify.REQUIRED;
                        default -> {
                            report.error(line, i + 1, "'verify' : unknown verify method '" + arg + "'",
                                    "use none, optional or required");
                            ok = false;
                        }
                    }
                }
                default -> {
                    if (!OPTIONS.contains(w)) {
                        report.error(line, i, "'bind " + line.text(1) + "' unknown keyword '" + w + "'"
                                + Suggestions.didYouMean(w, OPTIONS), null);
                        return;
                    }
                }
            }
            i += hasArg ? 2 : 1;
        }
        if (!ok) {
            return;
        }
        if (ssl && crts.isEmpty() && crtList == null) {
            report.error(line, 0, "'bind " + line.text(1) + "' : 'ssl' needs a certificate",
                    "add crt <file.pem> (certificate and key in one PEM file)");
            return;
        }
        if (!ssl && (!crts.isEmpty() || crtList != null)) {
            report.warning(line, 0, "'bind " + line.text(1) + "' : 'crt' is ignored because 'ssl' is not set",
                    "add 'ssl' to terminate TLS on this listener");
        }
        Optional<BindTls> tls = ssl ? Optional.of(new BindTls(crts, Optional.ofNullable(crtList), alpn,
                Optional.ofNullable(min), Optional.ofNullable(max), Optional.ofNullable(ciphers),
                Optional.ofNullable(ciphersuites), Optional.ofNullable(curves), Optional.ofNullable(caFile), verify,
                strictSni, noTickets)) : Optional.empty();
        p.binds.add(new Bind(addresses, transparent, v4v6, v6only,
                maxconn == null ? OptionalInt.empty() : OptionalInt.of(maxconn), Optional.ofNullable(name), acceptProxy,
                tls, new Origin(line.file(), line.number()), Optional.ofNullable(proto),
                id == null ? OptionalInt.empty() : OptionalInt.of(id), unix));
    }

    /** A crt must exist; when it is readable here, it must hold a certificate and a private key. */
    private static boolean checkCertificate(Line line, int word, Path path, HostFacts host, Report report) {
        String shown = path.toString();
        if (Files.isDirectory(path)) {
            return true;
        }
        if (!host.isReadableFile(path)) {
            report.error(line, word, "unable to load SSL certificate '" + shown + "': no such file or not readable",
                    "crt takes a PEM file with the certificate and its private key, or a directory of them");
            return false;
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            return true; // the host says it exists (checked elsewhere); nothing more to learn here
        }
        try {
            if (Files.size(path) > 1024 * 1024) {
                report.error(line, word, "'" + shown + "' is too large to be a PEM certificate file");
                return false;
            }
            String pem = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
            boolean cert = pem.contains("-----BEGIN CERTIFICATE-----");
            boolean key = pem.contains("PRIVATE KEY-----");
            if (!cert || !key) {
                report.error(line, word, "'" + shown + "' has no " + (cert ? "private key" : "certificate"),
                        "concatenate the certificate chain and the private key into one PEM file");
                return false;
            }
        } catch (IOException e) {
            report.error(line, word, "unable to read SSL certificate '" + shown + "': " + e.getMessage());
            return false;
        }
        return true;
    }
}
