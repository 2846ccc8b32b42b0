package dev.tandem.proxy.tls;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.Severity;
import dev.tandem.config.haproxy.model.Server;
import dev.tandem.config.haproxy.model.TlsVerify;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * TLS towards one {@code server ... ssl [verify none|required] [ca-file f] [sni expr]}
 * (configuration.txt §5.2). The SslContext is built once per server and caches sessions per
 * peer, so reconnects resume. With {@code verify required} the chain must lead to the ca-file and,
 * when an SNI is sent, the certificate must name it (RFC 6125 via the engine's HTTPS check).
 */
public final class ServerTlsContext {

    private final SslContext checked;
    private final SslContext unchecked;

    private ServerTlsContext(SslContext checked, SslContext unchecked) {
        this.checked = checked;
        this.unchecked = unchecked;
    }

    /** A server's TLS context, or why it cannot be built. */
    public record Prepared(Optional<ServerTlsContext> context, List<Diagnostic> diagnostics) {
        public Prepared {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** @param where the config file and line of the server, for diagnostics */
    public static Prepared prepare(String serverName, Server.ServerTls tls, TlsEngine engine, String where, int line) {
        List<Diagnostic> diags = new ArrayList<>();
        try {
            if (tls.verify() == TlsVerify.NONE) {
                SslContext ctx = base(engine).trustManager(InsecureTrustManagerFactory.INSTANCE).build();
                return new Prepared(Optional.of(new ServerTlsContext(ctx, ctx)), diags);
            }
            if (tls.caFile().isEmpty()) {
                diags.add(new Diagnostic(where, line, 0, Severity.ERROR, "server '" + serverName
                        + "': verify is enabled by default but no CA file is given",
                        "add 'ca-file <bundle.pem>' to check the server, "
                                + "or write 'verify none' when the network is trusted"));
                return new Prepared(Optional.empty(), diags);
            }
            Path ca = Path.of(tls.caFile().get());
            List<X509Certificate> roots;
            try {
                roots = PemFile.parse(Files.readString(ca, StandardCharsets.ISO_8859_1)).certificates();
            } catch (IOException e) {
                diags.add(Diagnostic.error(where, line, "server '" + serverName + "': unable to load CA file '" + ca
                        + "': " + CertificateLoader.reason(e)));
                return new Prepared(Optional.empty(), diags);
            } catch (PemFile.Invalid e) {
                diags.add(Diagnostic.error(where, line, "server '" + serverName + "': unable to load CA file '" + ca
                        + "': " + e.getMessage()));
                return new Prepared(Optional.empty(), diags);
            }
            if (roots.isEmpty()) {
                diags.add(Diagnostic.error(where, line, "server '" + serverName + "': CA file '" + ca
                        + "' holds no certificate"));
                return new Prepared(Optional.empty(), diags);
            }
            X509Certificate[] trusted = roots.toArray(X509Certificate[]::new);
            SslContext withName = base(engine).trustManager(trusted).endpointIdentificationAlgorithm("HTTPS").build();
            SslContext chainOnly = base(engine).trustManager(trusted).build();
            return new Prepared(Optional.of(new ServerTlsContext(withName, chainOnly)), diags);
        } catch (SSLException e) {
            diags.add(Diagnostic.error(where, line, "server '" + serverName + "': unable to set up TLS: "
                    + e.getMessage()));
            return new Prepared(Optional.empty(), diags);
        }
    }

    private static SslContextBuilder base(TlsEngine engine) {
        // Netty 4.2 checks the host name by default; only verify required asks for it here
        return SslContextBuilder.forClient().sslProvider(engine.provider()).protocols("TLSv1.2", "TLSv1.3")
                .endpointIdentificationAlgorithm(null);
    }

    /**
     * A future that completes when {@code connected} has and then the TLS handshake of the handler
     * from {@link #newHandler} has too; it fails with whichever failed.
     */
    public static ChannelFuture handshaken(ChannelFuture connected) {
        Channel ch = connected.channel();
        ChannelPromise ready = ch.newPromise();
        connected.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
                return;
            }
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl == null) {
                ready.tryFailure(new SSLException("no TLS handler on the server connection"));
                return;
            }
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    ready.trySuccess();
                } else {
                    ready.tryFailure(h.cause());
                }
            });
            ch.read(); // auto-read is off: the handshake needs one read asked for, then keeps reading itself
        });
        return ready;
    }

    /**
     * The handler to put first in a new server connection's pipeline.
     *
     * @param sni the evaluated {@code sni} expression, or null to send none (then the name is not
     *        checked either, as haproxy without verifyhost)
     * @param port the server's port, part of the session cache key
     */
    public SslHandler newHandler(ByteBufAllocator alloc, String sni, int port) {
        if (sni == null || sni.isEmpty()) {
            return unchecked.newHandler(alloc);
        }
        return checked.newHandler(alloc, sni, port);
    }
}
