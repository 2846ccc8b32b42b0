package dev.tandem.proxy.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of one PEM file as haproxy reads a {@code crt}: certificates (leaf first, then the
 * chain) and at most one private key, in any order (configuration.txt §5.1 "crt"). Keys may be
 * PKCS#8, PKCS#1 RSA or SEC1 EC; encrypted keys are refused because haproxy would prompt.
 */
record PemFile(List<X509Certificate> certificates, Optional<PrivateKey> key) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    PemFile {
        certificates = List.copyOf(certificates);
    }

    /** Why a PEM text cannot be used; the message completes "unable to load '<file>': ...". */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static PemFile parse(String text) throws Invalid {
        List<X509Certificate> certs = new ArrayList<>();
        PrivateKey key = null;
        Matcher m = BLOCK.matcher(text);
        boolean any = false;
        while (m.find()) {
            any = true;
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new Invalid("bad base64 in the " + type + " block");
            }
            switch (type) {
                case "CERTIFICATE", "TRUSTED CERTIFICATE" -> certs.add(certificate(der));
                case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (key != null) {
                        throw new Invalid("more than one private key");
                    }
                    key = PrivateKeys.decode(type, der);
                }
                case "ENCRYPTED PRIVATE KEY" ->
                    throw new Invalid("the private key is encrypted (a passphrase cannot be asked for at start-up)");
                default -> {
                    // DH PARAMETERS, EC PARAMETERS, X509 CRL: haproxy accepts them beside the certificate
                }
            }
        }
        if (!any) {
            throw new Invalid("not a PEM file (no -----BEGIN ...----- block)");
        }
        return new PemFile(certs, Optional.ofNullable(key));
    }

    private static X509Certificate certificate(byte[] der) throws Invalid {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new Invalid("a CERTIFICATE block is not a valid X.509 certificate");
        }
    }

    /** Private keys in the three encodings OpenSSL writes, normalised to PKCS#8 for the JCA. */
    static final class PrivateKeys {

        private static final byte[] RSA_ALGORITHM = Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.NULL);
        private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

        private PrivateKeys() {
        }

        static PrivateKey decode(String type, byte[] der) throws Invalid {
            byte[] pkcs8 = switch (type) {
                case "RSA PRIVATE KEY" -> Der.sequence(Der.integer(0), RSA_ALGORITHM, Der.octetString(der));
                case "EC PRIVATE KEY" -> Der.sequence(Der.integer(0),
                        Der.sequence(Der.oid(EC_PUBLIC_KEY), Der.curveOfSec1(der)), Der.octetString(der));
                default -> der;
            };
            for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"}) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                } catch (GeneralSecurityException | RuntimeException e) {
                    // try the next algorithm; the spec does not say which one it is
                }
            }
            throw new Invalid("the " + type + " block is not a key this build can read (RSA, EC or Ed25519)");
        }
    }
}
