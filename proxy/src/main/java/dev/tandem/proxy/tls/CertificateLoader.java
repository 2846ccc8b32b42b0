package dev.tandem.proxy.tls;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import dev.tandem.config.haproxy.model.BindTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Loads the certificates of an {@code ssl} bind the way haproxy does (configuration.txt §5.1
 * "crt", "crt-list"): PEM files holding certificate, chain and key in any order, directories of
 * them, crt-list files. Problems come back as diagnostics naming the file; nothing is thrown.
 * The clock only decides whether a certificate has expired (a warning, as haproxy).
 */
public final class CertificateLoader {

    /** Companion files a crt directory may hold beside the certificates. */
    private static final List<String> COMPANIONS = List.of(".key", ".ocsp", ".issuer", ".sctl");
    private static final long MAX_PEM_BYTES = 1 << 20;

    private final Clock clock;

    public CertificateLoader(Clock clock) {
        this.clock = clock;
    }

    /** What a load produced: the certificates in load order (the first is the default) and diagnostics. */
    public record Loaded(List<SiteCertificate> certificates, List<Diagnostic> diagnostics) {
        public Loaded {
            certificates = List.copyOf(certificates);
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    /** Every {@code crt} of the bind in order, then the entries of its {@code crt-list}. */
    public Loaded load(BindTls tls) {
        List<SiteCertificate> out = new ArrayList<>();
        List<Diagnostic> diags = new ArrayList<>();
        for (Path crt : tls.crts()) {
            loadPath(crt, diags, out);
        }
        tls.crtList().ifPresent(list -> loadList(list, diags, out));
        if (out.isEmpty() && diags.stream().noneMatch(Diagnostic::isError)) {
            String where = tls.crts().isEmpty() ? tls.crtList().map(Path::toString).orElse("bind") : tls.crts().get(0)
                    .toString();
            diags.add(Diagnostic.error(where, 0, "no certificate found for this 'ssl' bind")
                    .withHint("crt takes a PEM file with the certificate and its private key, or a directory of them"));
        }
        return new Loaded(out, diags);
    }

    /** A crt argument: a PEM file or a directory of them (alphabetical, companions and dot files skipped). */
    public void loadPath(Path crt, List<Diagnostic> diags, List<SiteCertificate> out) {
        if (Files.isDirectory(crt)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(crt)) {
                files = s.filter(Files::isRegularFile).filter(p -> !isCompanion(p)).sorted().toList();
            } catch (IOException e) {
                diags.add(Diagnostic.error(crt.toString(), 0, "unable to read certificate directory '" + crt + "': "
                        + reason(e)));
                return;
            }
            if (files.isEmpty()) {
                diags.add(Diagnostic.error(crt.toString(), 0, "certificate directory '" + crt
                        + "' holds no certificate"));
            }
            for (Path f : files) {
                loadFile(f, CertOptions.NONE, List.of(), crt.toString(), 0, diags, out);
            }
        } else {
            loadFile(crt, CertOptions.NONE, List.of(), crt.toString(), 0, diags, out);
        }
    }

    private void loadList(Path list, List<Diagnostic> diags, List<SiteCertificate> out) {
        String text;
        try {
            text = read(list);
        } catch (IOException e) {
            diags.add(Diagnostic.error(list.toString(), 0, "unable to load certificate list '" + list + "': "
                    + reason(e)));
            return;
        }
        CrtList parsed = CrtList.parse(list.toString(), text, diags);
        for (CrtList.Entry e : parsed.entries()) {
            loadFile(e.crt(), e.options(), e.sniFilters(), list.toString(), e.line(), diags, out);
        }
    }

    private void loadFile(Path file, CertOptions options, List<String> filters, String origin, int line,
            List<Diagnostic> diags, List<SiteCertificate> out) {
        String shown = "'" + file + "'";
        String where = line > 0 ? origin : file.toString();
        PemFile pem;
        try {
            pem = PemFile.parse(read(file));
        } catch (IOException e) {
            diags.add(Diagnostic.error(where, line, "unable to load SSL certificate " + shown + ": " + reason(e)));
            return;
        } catch (PemFile.Invalid e) {
            diags.add(Diagnostic.error(where, line, "unable to load SSL certificate " + shown + ": " + e.getMessage()));
            return;
        }
        if (pem.certificates().isEmpty()) {
            diags.add(Diagnostic.error(where, line, "unable to load SSL certificate " + shown
                    + ": no certificate in the file"));
            return;
        }
        PrivateKey key = pem.key().orElse(null);
        if (key == null) {
            Path beside = file.resolveSibling(file.getFileName() + ".key");
            if (Files.isRegularFile(beside)) {
                try {
                    key = PemFile.parse(read(beside)).key().orElse(null);
                } catch (IOException | PemFile.Invalid e) {
                    String why = e instanceof IOException io ? reason(io) : e.getMessage();
                    diags.add(Diagnostic.error(where, line, "unable to load private key '" + beside + "': " + why));
                    return;
                }
            }
            if (key == null) {
                diags.add(Diagnostic.error(where, line, "unable to load SSL certificate " + shown
                        + ": no private key in the file nor in '" + beside.getFileName() + "'")
                        .withHint("append the private key to the PEM file, or put it in " + beside.getFileName()));
                return;
            }
        }
        List<X509Certificate> chain = new ArrayList<>(pem.certificates());
        X509Certificate leaf = null;
        for (X509Certificate c : chain) {
            if (matches(key, c.getPublicKey())) {
                leaf = c;
                break;
            }
        }
        if (leaf == null) {
            diags.add(Diagnostic.error(where, line, "unable to load SSL certificate " + shown
                    + ": the private key does not match the certificate"));
            return;
        }
        chain.remove(leaf);
        chain.add(0, leaf);
        expiry(leaf, shown, where, line, diags);
        List<String> names = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (String f : filters) {
            String lower = f.toLowerCase(Locale.ROOT);
            if (lower.startsWith("!")) {
                excluded.add(lower.substring(1));
            } else {
                names.add(lower);
            }
        }
        if (names.isEmpty()) {
            names.addAll(SiteCertificate.namesOf(leaf));
        }
        out.add(new SiteCertificate(file, key, chain, names, excluded, options));
    }

    private void expiry(X509Certificate leaf, String shown, String where, int line, List<Diagnostic> diags) {
        Instant now = clock.instant();
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            diags.add(new Diagnostic(where, line, 0, Severity.WARNING, "SSL certificate " + shown + " ("
                    + leaf.getSubjectX500Principal().getName() + ") expired on " + leaf.getNotAfter().toInstant(),
                    "clients will refuse it; renew the certificate"));
        } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
            diags.add(new Diagnostic(where, line, 0, Severity.WARNING, "SSL certificate " + shown
                    + " is not valid before " + leaf.getNotBefore().toInstant(), "check the system clock"));
        }
    }

    /** Whether the private key belongs to this public key: same RSA modulus, else a signature round trip. */
    static boolean matches(PrivateKey key, PublicKey pub) {
        if (key instanceof RSAKey rk && pub instanceof RSAKey rp) {
            return rk.getModulus().equals(rp.getModulus());
        }
        if (!key.getAlgorithm().equals(pub.getAlgorithm())) {
            return false;
        }
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA
        };
        try {
            byte[] probe = "tandem key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(probe);
            return v.verify(sig);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isCompanion(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") || COMPANIONS.stream().anyMatch(name::endsWith);
    }

    private static String read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory, not a file");
        }
        if (Files.size(file) > MAX_PEM_BYTES) {
            throw new IOException("larger than 1 MiB, not a PEM file");
        }
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
