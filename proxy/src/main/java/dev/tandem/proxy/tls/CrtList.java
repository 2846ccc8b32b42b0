package dev.tandem.proxy.tls;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.haproxy.model.TlsVerify;
import dev.tandem.config.haproxy.model.TlsVersion;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A crt-list file: one {@code <crtfile> [[sslbindconf ...]] [[!]snifilter ...]} per line, {@code #}
 * comments (configuration.txt §5.1 "crt-list"). Pure: the caller reads the file.
 */
public record CrtList(List<Entry> entries) {

    /** Keywords of sslbindconf that are read and ignored (no effect on this engine). */
    private static final List<String> IGNORED_FLAGS = List.of("allow-0rtt", "no-ca-names");
    private static final List<String> IGNORED_WITH_ARG = List.of("crl-file", "ecdhe", "npn");

    public CrtList {
        entries = List.copyOf(entries);
    }

    /**
     * @param sniFilters when not empty, these names replace the certificate's own (a {@code !name}
     *        excludes a name that a wildcard filter would match)
     */
    public record Entry(Path crt, CertOptions options, List<String> sniFilters, int line) {
        public Entry {
            sniFilters = List.copyOf(sniFilters);
        }
    }

    /** Parses {@code text}; bad lines become errors in {@code diagnostics} and are left out. */
    public static CrtList parse(String file, String text, List<Diagnostic> diagnostics) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Entry e = entry(file, n, line, diagnostics);
            if (e != null) {
                entries.add(e);
            }
        }
        return new CrtList(entries);
    }

    private static Entry entry(String file, int n, String line, List<Diagnostic> diagnostics) {
        int open = line.indexOf('[');
        String head = open < 0 ? line : line.substring(0, open);
        String conf = "";
        String tail = "";
        if (open >= 0) {
            int close = line.indexOf(']', open);
            if (close < 0) {
                diagnostics.add(Diagnostic.error(file, n, "missing ']' after the ssl options")
                        .withHint("write <crtfile> [alpn h2 ssl-min-ver TLSv1.2] [sni filters]"));
                return null;
            }
            conf = line.substring(open + 1, close);
            tail = line.substring(close + 1);
        }
        List<String> headWords = words(head);
        if (headWords.isEmpty()) {
            diagnostics.add(Diagnostic.error(file, n, "a crt-list line must start with a certificate file"));
            return null;
        }
        List<String> filters = new ArrayList<>(headWords.subList(1, headWords.size()));
        if (open >= 0 && headWords.size() > 1) {
            diagnostics.add(Diagnostic.error(file, n, "the ssl options in '[...]' must follow the certificate file"));
            return null;
        }
        filters.addAll(words(tail));
        CertOptions options = options(file, n, words(conf), diagnostics);
        if (options == null) {
            return null;
        }
        Path crt = path(file, n, headWords.get(0), diagnostics);
        return crt == null ? null : new Entry(crt, options, filters, n);
    }

    private static CertOptions options(String file, int n, List<String> w, List<Diagnostic> diagnostics) {
        Optional<List<String>> alpn = Optional.empty();
        Optional<TlsVersion> min = Optional.empty();
        Optional<TlsVersion> max = Optional.empty();
        Optional<TlsVerify> verify = Optional.empty();
        Optional<Path> caFile = Optional.empty();
        Optional<String> ciphers = Optional.empty();
        Optional<String> ciphersuites = Optional.empty();
        Optional<String> curves = Optional.empty();
        for (int i = 0; i < w.size(); i++) {
            String k = w.get(i);
            if (IGNORED_FLAGS.contains(k)) {
                continue;
            }
            if (k.equals("no-alpn")) {
                alpn = Optional.of(List.of());
                continue;
            }
            if (i + 1 >= w.size()) {
                diagnostics.add(Diagnostic.error(file, n, "ssl option '" + k + "' expects an argument"));
                return null;
            }
            String v = w.get(++i);
            switch (k) {
                case "alpn" -> alpn = Optional.of(Arrays.asList(v.split(",")));
                case "ssl-min-ver", "ssl-max-ver" -> {
                    Optional<TlsVersion> ver = Arrays.stream(TlsVersion.values())
                            .filter(t -> t.keyword().equals(v)).findFirst();
                    if (ver.isEmpty()) {
                        diagnostics.add(Diagnostic.error(file, n, "'" + k + "' : unknown version '" + v + "'")
                                .withHint("use TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3"));
                        return null;
                    }
                    if (k.equals("ssl-min-ver")) {
                        min = ver;
                    } else {
                        max = ver;
                    }
                }
                case "verify" -> {
                    switch (v) {
                        case "none" -> verify = Optional.of(TlsVerify.NONE);
                        case "optional" -> verify = Optional.of(TlsVerify.OPTIONAL);
                        case "required" -> verify = Optional.of(TlsVerify.REQUIRED);
                        default -> {
                            diagnostics.add(Diagnostic.error(file, n, "'verify' : unknown verify method '" + v + "'")
                                    .withHint("use none, optional or required"));
                            return null;
                        }
                    }
                }
                case "ca-file" -> {
                    Path p = path(file, n, v, diagnostics);
                    if (p == null) {
                        return null;
                    }
                    caFile = Optional.of(p);
                }
                case "ciphers" -> ciphers = Optional.of(v);
                case "ciphersuites" -> ciphersuites = Optional.of(v);
                case "curves" -> curves = Optional.of(v);
                default -> {
                    if (!IGNORED_WITH_ARG.contains(k)) {
                        diagnostics.add(Diagnostic.error(file, n, "unknown ssl option '" + k + "' in crt-list")
                                .withHint("crt-list accepts alpn, ssl-min-ver, ssl-max-ver, verify, ca-file, ciphers, "
                                        + "ciphersuites, curves"));
                        return null;
                    }
                }
            }
        }
        return new CertOptions(alpn, min, max, verify, caFile, ciphers, ciphersuites, curves);
    }

    private static Path path(String file, int n, String text, List<Diagnostic> diagnostics) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            diagnostics.add(Diagnostic.error(file, n, "'" + text + "' is not a usable file name: " + e.getReason()));
            return null;
        }
    }

    private static List<String> words(String s) {
        String t = s.strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }
}
