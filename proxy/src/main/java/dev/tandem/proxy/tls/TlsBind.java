package dev.tandem.proxy.tls;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.haproxy.model.BindTls;
import dev.tandem.config.haproxy.model.SslDefaults;
import dev.tandem.config.haproxy.model.TlsVerify;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * The TLS side of one {@code bind ... ssl}: an SslContext per certificate, built once, and the
 * SNI table choosing among them. {@link #newHandler()} gives the first handler of each accepted
 * connection; it becomes an SslHandler once the ClientHello names a server.
 */
public final class TlsBind {

    /** haproxy's tune.ssl.cachesize and tune.ssl.lifetime defaults (configuration.txt §3.2). */
    static final int SESSION_CACHE_ENTRIES = 20_000;
    static final int SESSION_LIFETIME_SECONDS = 300;

    private final SniTable<SslContext> table;
    private final List<SslContext> contexts;
    private final Set<SslContext> withoutTickets;
    private final long handshakeTimeoutMillis;

    private TlsBind(SniTable<SslContext> table, List<SslContext> contexts, Set<SslContext> withoutTickets,
            long handshakeTimeoutMillis) {
        this.table = table;
        this.contexts = List.copyOf(contexts);
        this.withoutTickets = Set.copyOf(withoutTickets);
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    /** A bind's TLS, or why it cannot be built; warnings may come with a usable bind. */
    public record Prepared(Optional<TlsBind> bind, List<Diagnostic> diagnostics) {
        public Prepared {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * Loads the certificates and builds the contexts; call once per bind at start or reload.
     *
     * @param served the application protocols the pipeline serves, for ALPN ("http/1.1" only
     *        until HTTP/2 is wired, then "h2", "http/1.1")
     * @param handshakeTimeout how long a client may take from accept to the end of the handshake
     */
    public static Prepared prepare(BindTls tls, SslDefaults global, TlsEngine engine, List<String> served,
            Duration handshakeTimeout, Clock clock) {
        CertificateLoader.Loaded loaded = new CertificateLoader(clock).load(tls);
        List<Diagnostic> diags = new ArrayList<>(loaded.diagnostics());
        if (loaded.hasErrors()) {
            return new Prepared(Optional.empty(), diags);
        }
        boolean strict = tls.strictSni() || global.bindOptions().contains("strict-sni");
        OpenSslSessionTicketKey[] ticketKeys = {newTicketKey()};
        Map<Path, X509Certificate[]> cas = new HashMap<>();
        Set<SslContext> withoutTickets = new HashSet<>(); // SslContext has identity equality
        List<SslContext> contexts = new ArrayList<>();
        SniTable<SslContext> table = null;
        for (SiteCertificate cert : loaded.certificates()) {
            BindSettings s = BindSettings.of(tls, global, cert.options(), served);
            String where = cert.source().toString();
            SslContext ctx = build(cert, s, engine, ticketKeys, withoutTickets, cas, where, diags);
            if (ctx == null) {
                contexts.forEach(io.netty.util.ReferenceCountUtil::release);
                return new Prepared(Optional.empty(), diags);
            }
            if (table == null) {
                // configuration.txt "strict-sni": no default certificate, the name must match
                table = SniTable.withDefault(strict ? null : ctx);
            }
            table.add(cert.names(), cert.excluded(), ctx);
            contexts.add(ctx);
        }
        return new Prepared(Optional.of(new TlsBind(table, contexts, withoutTickets, handshakeTimeout.toMillis())),
                diags);
    }

    /** A fresh handler for one accepted connection; add it first in the child pipeline. */
    public ChannelHandler newHandler() {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelHandlerContext self = ch.pipeline().context(this);
                ch.pipeline().addAfter(self.name(), null, new ServerNameHandler.StrictSniGuard());
                ch.pipeline().addAfter(self.name(), null,
                        new ServerNameHandler(table, withoutTickets, handshakeTimeoutMillis));
            }
        };
    }

    /** Releases the native contexts; call when the bind stops or a reload replaced it. */
    public void close() {
        contexts.forEach(io.netty.util.ReferenceCountUtil::release);
    }

    /** One per loaded certificate, in load order (the first is the default). */
    public List<SslContext> contexts() {
        return contexts;
    }

    public SniTable<SslContext> sniTable() {
        return table;
    }

    private static SslContext build(SiteCertificate cert, BindSettings s, TlsEngine engine,
            OpenSslSessionTicketKey[] ticketKeys, Set<SslContext> withoutTickets, Map<Path, X509Certificate[]> cas,
            String where, List<Diagnostic> diags) {
        SslContextBuilder b = SslContextBuilder.forServer(cert.key(), cert.chain().toArray(X509Certificate[]::new))
                .sslProvider(engine.provider())
                .protocols(s.protocols())
                .sessionCacheSize(SESSION_CACHE_ENTRIES)
                .sessionTimeout(SESSION_LIFETIME_SECONDS);
        if (!s.alpn().isEmpty()) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, s.alpn()));
        }
        boolean legacy = s.protocols().stream().anyMatch(p -> p.equals("TLSv1") || p.equals("TLSv1.1"));
        List<String> ciphers = Ciphers.list(s.ciphers(), s.ciphersuites(), legacy, engine, where, diags);
        if (ciphers != null) {
            b.ciphers(ciphers);
        }
        if (s.curves().isPresent()) {
            if (engine.boringSsl()) {
                b.option(OpenSslContextOption.GROUPS, s.curves().get().split(":"));
            } else {
                diags.add(Diagnostic.warning(where, 0, "'curves " + s.curves().get()
                        + "' is ignored by the JDK TLS engine (set jdk.tls.namedGroups instead)"));
            }
        }
        if (s.verify() != TlsVerify.NONE) {
            if (s.caFile().isEmpty()) {
                diags.add(Diagnostic.error(where, 0, "'verify " + s.verify().name().toLowerCase()
                        + "' needs a 'ca-file' to check client certificates against")
                        .withHint("add ca-file <CA bundle.pem> to the bind line (or to the crt-list entry)"));
                return null;
            }
            X509Certificate[] ca = caFile(s.caFile().get(), cas, where, diags);
            if (ca == null) {
                return null;
            }
            b.trustManager(ca).clientAuth(s.verify() == TlsVerify.REQUIRED ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        try {
            SslContext ctx = b.build();
            // RFC 5077 tickets; keys shared by the bind's certificates so a ticket survives an SNI switch
            if (ctx instanceof ReferenceCountedOpenSslContext native_) {
                if (s.tickets()) {
                    native_.sessionContext().setTicketKeys(ticketKeys);
                } else {
                    withoutTickets.add(ctx); // SSL_OP_NO_TICKET is set on each engine, see ServerNameHandler
                }
            } else if (!s.tickets()) {
                diags.add(Diagnostic.notice(where, 0, "'no-tls-tickets' has no effect with the JDK TLS engine "
                        + "(it is process-wide there: jdk.tls.server.enableSessionTicketExtension=false)"));
            }
            return ctx;
        } catch (SSLException | IllegalArgumentException e) {
            diags.add(Diagnostic.error(where, 0, "unable to set up TLS for '" + where + "': " + e.getMessage()));
            return null;
        }
    }

    private static X509Certificate[] caFile(Path file, Map<Path, X509Certificate[]> cas, String where,
            List<Diagnostic> diags) {
        X509Certificate[] cached = cas.get(file);
        if (cached != null) {
            return cached;
        }
        try {
            List<X509Certificate> certs = PemFile.parse(Files.readString(file, StandardCharsets.ISO_8859_1))
                    .certificates();
            if (certs.isEmpty()) {
                diags.add(Diagnostic.error(where, 0, "unable to load CA file '" + file + "': no certificate in it"));
                return null;
            }
            X509Certificate[] out = certs.toArray(X509Certificate[]::new);
            cas.put(file, out);
            return out;
        } catch (IOException e) {
            diags.add(Diagnostic.error(where, 0, "unable to load CA file '" + file + "': "
                    + CertificateLoader.reason(e)));
        } catch (PemFile.Invalid e) {
            diags.add(Diagnostic.error(where, 0, "unable to load CA file '" + file + "': " + e.getMessage()));
        }
        return null;
    }

    private static OpenSslSessionTicketKey newTicketKey() {
        SecureRandom r = new SecureRandom();
        byte[] name = new byte[OpenSslSessionTicketKey.NAME_SIZE];
        byte[] hmac = new byte[OpenSslSessionTicketKey.HMAC_KEY_SIZE];
        byte[] aes = new byte[OpenSslSessionTicketKey.AES_KEY_SIZE];
        r.nextBytes(name);
        r.nextBytes(hmac);
        r.nextBytes(aes);
        return new OpenSslSessionTicketKey(name, hmac, aes);
    }
}
