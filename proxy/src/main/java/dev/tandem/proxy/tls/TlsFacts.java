package dev.tandem.proxy.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What the ssl_fc* and ssl_c_* fetches read about a client connection (configuration.txt §7.3.4),
 * taken from the channel's SslHandler once the handshake is done.
 *
 * @param serverName the ClientHello's server_name, empty when none was sent
 * @param protocol "TLSv1.3" style
 * @param cipher the OpenSSL name ("ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256")
 * @param alpn the negotiated protocol, empty when none
 * @param clientSubject the client certificate's subject in RFC 2253 form, empty without one
 * @param verifyResult 0 when the chain verified; an X509_V_ERR_* code otherwise. Always 0 here:
 *        a bad client certificate aborts the handshake, as haproxy does without ca-ignore-err
 */
public record TlsFacts(boolean ssl, Optional<String> serverName, String protocol, String cipher,
        Optional<String> alpn, Optional<String> clientSubject, int verifyResult) {

    /** A clear-text connection: ssl_fc is 0 and the other fetches find nothing. */
    public static final TlsFacts NONE = new TlsFacts(false, Optional.empty(), "", "", Optional.empty(),
            Optional.empty(), 0);

    /** The server_name the SNI handler saw, kept for ssl_fc_sni after the handler is gone. */
    public static final AttributeKey<String> SERVER_NAME = AttributeKey.valueOf(TlsFacts.class, "serverName");
    static final AttributeKey<TlsFacts> FACTS = AttributeKey.valueOf(TlsFacts.class, "facts");

    /** Fetch names {@link #fetch} answers. */
    public static final Set<String> FETCHES = Set.of("ssl_fc", "ssl_fc_sni", "ssl_fc_protocol", "ssl_fc_cipher",
            "ssl_fc_alpn", "ssl_c_used", "ssl_c_verify", "ssl_c_s_dn", "ssl_fc_has_sni", "ssl_fc_has_crt");

    /**
     * The facts of {@code channel}: {@link #NONE} without an SslHandler or before its handshake
     * finished. Cached on the channel once complete.
     */
    public static TlsFacts of(Channel channel) {
        // hasAttr first: attr() would allocate the channel's attribute table on every clear-text connection
        TlsFacts cached = channel.hasAttr(FACTS) ? channel.attr(FACTS).get() : null;
        if (cached != null) {
            return cached;
        }
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            return NONE;
        }
        SSLSession session = ssl.engine().getSession();
        Optional<String> subject = Optional.empty();
        // only asked when the bind asks for one: the "no certificate" answer is an exception per connection
        if (ssl.engine().getNeedClientAuth() || ssl.engine().getWantClientAuth()) {
            try {
                Certificate[] peer = session.getPeerCertificates();
                if (peer.length > 0 && peer[0] instanceof X509Certificate x) {
                    subject = Optional.of(x.getSubjectX500Principal().getName());
                }
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate: ssl_c_used is 0
            }
        }
        String alpn = ssl.applicationProtocol();
        TlsFacts facts = new TlsFacts(true, Optional.ofNullable(channel.attr(SERVER_NAME).get()), session.getProtocol(),
                Ciphers.openSslSpelling(session.getCipherSuite()), Optional.ofNullable(alpn).filter(a -> !a.isEmpty()),
                subject, 0);
        channel.attr(FACTS).set(facts);
        return facts;
    }

    /**
     * Whether {@code channel} terminates TLS and its handshake has not succeeded (yet): no HTTP or
     * TCP stream exists then, as in haproxy, where the stream starts after the handshake.
     */
    public static boolean handshakeUnfinished(Channel channel) {
        if (channel.pipeline().get(ServerNameHandler.class) != null) {
            return true;
        }
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        return ssl != null && !ssl.handshakeFuture().isSuccess();
    }

    /** {@code %ft}: the frontend name with haproxy's {@code ~} suffix on a TLS connection. */
    public String frontendLabel(String frontendName) {
        return ssl ? frontendName + "~" : frontendName;
    }

    /**
     * One fetch as haproxy renders it: booleans as "1"/"0", absent strings as null.
     *
     * @param args the fetch's arguments, e.g. ["cn"] for {@code ssl_c_s_dn(cn)}
     */
    public String fetch(String name, List<String> args) {
        return switch (name) {
            case "ssl_fc" -> bool(ssl);
            case "ssl_fc_has_sni" -> bool(serverName.isPresent());
            case "ssl_fc_sni" -> serverName.orElse(null);
            case "ssl_fc_protocol" -> ssl ? protocol : null;
            case "ssl_fc_cipher" -> ssl ? cipher : null;
            case "ssl_fc_alpn" -> alpn.orElse(null);
            case "ssl_c_used", "ssl_fc_has_crt" -> bool(clientSubject.isPresent());
            case "ssl_c_verify" -> ssl ? Integer.toString(verifyResult) : null;
            case "ssl_c_s_dn" -> clientSubject.map(dn -> subjectDn(dn, args)).orElse(null);
            default -> null;
        };
    }

    private static String subjectDn(String dn, List<String> args) {
        String entry = args.isEmpty() ? "" : args.get(0).strip();
        if (!entry.isEmpty()) {
            return entry(dn, entry, args.size() > 1 ? args.get(1) : "1");
        }
        return args.size() > 2 && args.get(2).strip().equals("rfc2253") ? dn : oneLine(dn);
    }

    private static String bool(boolean b) {
        return b ? "1" : "0";
    }

    /** OpenSSL's X509_NAME_oneline form haproxy prints by default: "/C=FR/O=Acme/CN=client". */
    static String oneLine(String rfc2253) {
        List<Rdn> rdns = rdns(rfc2253);
        StringBuilder b = new StringBuilder();
        for (Rdn r : rdns) {
            b.append('/').append(r.getType()).append('=').append(r.getValue());
        }
        return b.toString();
    }

    /**
     * {@code ssl_c_s_dn(<entry>[,<occ>])}: the occ-th value of the entry counting from the start
     * (a negative occ counts from the end), configuration.txt "ssl_c_s_dn".
     */
    static String entry(String rfc2253, String type, String occurrence) {
        List<String> values = new ArrayList<>();
        for (Rdn r : rdns(rfc2253)) {
            if (r.getType().equalsIgnoreCase(type)) {
                values.add(r.getValue().toString());
            }
        }
        int occ;
        try {
            occ = Integer.parseInt(occurrence.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        int i = occ > 0 ? occ - 1 : values.size() + occ;
        return occ == 0 || i < 0 || i >= values.size() ? null : values.get(i);
    }

    /** RDNs in certificate (DER) order, which is LdapName's index order (RFC 2253 prints them reversed). */
    private static List<Rdn> rdns(String rfc2253) {
        try {
            return new LdapName(rfc2253).getRdns();
        } catch (InvalidNameException e) {
            return List.of();
        }
    }
}
