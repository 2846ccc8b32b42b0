package dev.tandem.proxy.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * One loaded certificate with its key, chain and the server names it answers for.
 *
 * @param chain the leaf first, then the intermediates as the file listed them
 * @param names lower-case names SNI may select it by: the crt-list filters, else SAN DNS names and CN
 * @param excluded names a crt-list {@code !filter} removes even when a wildcard would match
 */
public record SiteCertificate(Path source, PrivateKey key, List<X509Certificate> chain, List<String> names,
        List<String> excluded, CertOptions options) {

    public SiteCertificate {
        chain = List.copyOf(chain);
        names = List.copyOf(names);
        excluded = List.copyOf(excluded);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** SAN dNSName entries (RFC 5280 §4.2.1.6) then the subject CN, lower case, without duplicates. */
    static List<String> namesOf(X509Certificate cert) {
        Set<String> names = new LinkedHashSet<>();
        try {
            var sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (((Integer) san.get(0)) == 2) {
                        names.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a certificate with an unreadable SAN still answers for its CN
        }
        String cn = attribute(cert.getSubjectX500Principal().getName(), "CN");
        if (cn != null) {
            names.add(cn.toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(names);
    }

    /** The last (most specific) value of {@code type} in an RFC 2253 name, or null. */
    static String attribute(String rfc2253, String type) {
        try {
            String found = null;
            for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    found = rdn.getValue().toString();
                }
            }
            return found;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
