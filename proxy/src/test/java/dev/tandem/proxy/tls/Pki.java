package dev.tandem.proxy.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test certificates made with the {@code openssl} CLI: one CA, leaves signed by it with SAN DNS
 * names, and the odd files (key first, PKCS#1, SEC1, expired). A missing openssl fails the test.
 */
final class Pki {

    enum KeyKind { EC_PKCS8, EC_SEC1, RSA_PKCS8, RSA_PKCS1 }

    final Path dir;
    final Path caCert;
    private final Path caKey;
    private int serial;

    Pki(Path dir) {
        this.dir = dir;
        this.caKey = dir.resolve("ca.key");
        this.caCert = dir.resolve("ca.pem");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", caKey.toString());
        openssl("req", "-x509", "-new", "-key", caKey.toString(), "-subj", "/O=Tandem Test/CN=Tandem Test CA",
                "-days", "3650", "-out", caCert.toString());
    }

    /** A key file in the asked encoding. */
    Path key(String name, KeyKind kind) {
        Path k = dir.resolve(name + ".rawkey");
        boolean rsa = kind == KeyKind.RSA_PKCS8 || kind == KeyKind.RSA_PKCS1;
        if (rsa) {
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", k.toString());
        } else {
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", k.toString());
        }
        Path converted = dir.resolve(name + ".key1");
        switch (kind) {
            case RSA_PKCS1 -> openssl("rsa", "-in", k.toString(), "-traditional", "-out", converted.toString());
            case EC_SEC1 -> openssl("ec", "-in", k.toString(), "-out", converted.toString());
            default -> {
                return k;
            }
        }
        return converted;
    }

    /** A certificate for {@code key} signed by the CA, valid ten years; returns the cert-only PEM. */
    Path cert(String name, Path key, String subject, List<String> dnsNames, boolean client) {
        Path csr = dir.resolve(name + ".csr");
        Path crt = dir.resolve(name + ".crt");
        Path ext = dir.resolve(name + ".ext");
        List<String> lines = new ArrayList<>();
        if (!dnsNames.isEmpty()) {
            lines.add("subjectAltName=" + String.join(",", dnsNames.stream().map(d -> "DNS:" + d).toList()));
        }
        lines.add("extendedKeyUsage=" + (client ? "clientAuth" : "serverAuth"));
        write(ext, String.join("\n", lines) + "\n");
        openssl("req", "-new", "-key", key.toString(), "-subj", subject, "-out", csr.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-set_serial", Integer.toString(++serial + 1000), "-days", "3650", "-extfile", ext.toString(),
                "-out", crt.toString());
        return crt;
    }

    /** The haproxy PEM: certificate, CA (as chain) and key concatenated in the given order. */
    Path combined(String fileName, boolean keyFirst, Path cert, Path key) {
        String c = read(cert);
        String ca = read(caCert);
        String k = read(key);
        Path out = dir.resolve(fileName);
        write(out, keyFirst ? k + ca + c : c + ca + k);
        return out;
    }

    /** Server certificate for names, EC PKCS#8, certificate + chain + key in one file. */
    Path site(String fileName, String cn, String... dnsNames) {
        Path k = key(fileName, KeyKind.EC_PKCS8);
        Path c = cert(fileName, k, "/CN=" + cn, List.of(dnsNames), false);
        return combined(fileName, false, c, k);
    }

    /** A client certificate and its key in one PEM file (what curl --cert and s_client -cert read). */
    Path client(String fileName, String subject) {
        Path k = key(fileName, KeyKind.EC_PKCS8);
        Path c = cert(fileName, k, subject, List.of(), true);
        return combined(fileName, false, c, k);
    }

    /** A self-signed certificate that expired in 2020, with its key, in one file. */
    Path expired(String fileName, String cn) {
        Path work = dir.resolve(fileName + ".ca");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Path k = key(fileName, KeyKind.EC_PKCS8);
        Path csr = work.resolve("r.csr");
        Path crt = work.resolve("c.pem");
        write(work.resolve("ca.cnf"), "[ca]\ndefault_ca=d\n[d]\ndatabase=" + work.resolve("index.txt")
                + "\nnew_certs_dir=" + work + "\nserial=" + work.resolve("serial")
                + "\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n");
        write(work.resolve("index.txt"), "");
        write(work.resolve("serial"), "01\n");
        openssl("req", "-new", "-key", k.toString(), "-subj", "/CN=" + cn, "-out", csr.toString());
        openssl("ca", "-config", work.resolve("ca.cnf").toString(), "-selfsign", "-keyfile", k.toString(), "-in",
                csr.toString(), "-startdate", "20200101000000Z", "-enddate", "20200201000000Z", "-batch", "-notext",
                "-out", crt.toString());
        Path out = dir.resolve(fileName);
        write(out, read(crt) + read(k));
        return out;
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void openssl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Tool.Run r = Tool.run(cmd, null, 60);
        if (r.exit() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + r.output());
        }
    }
}
