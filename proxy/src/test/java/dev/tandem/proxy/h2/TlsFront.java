package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.http.HttpFrontend;
import dev.tandem.proxy.listen.Listener;
import dev.tandem.proxy.model.Backend;
import dev.tandem.proxy.model.Bind;
import dev.tandem.proxy.model.Frontend;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS listener assembled the way the channel initializer assembles one for {@code bind ... ssl}:
 * the TLS handler first, then the {@link ProtocolSwitch}; ALPN offers exactly the bind's
 * {@link Bind.Proto#served()} protocols. The certificate is self-signed by the openssl CLI for
 * 127.0.0.1 (a missing openssl fails the test).
 */
final class TlsFront implements AutoCloseable {

    final Path cert;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final Listener listener;
    private final SslContext ssl;

    TlsFront(Path dir, Frontend frontend, Backend backend, Bind.Proto proto) throws Exception {
        this(dir, frontend, backend, proto, false);
    }

    /** With {@code sni}, the TLS handler is an SNI handler that becomes the SslHandler after the ClientHello, as a crt list does. */
    TlsFront(Path dir, Frontend frontend, Backend backend, Bind.Proto proto, boolean sni) throws Exception {
        cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days",
                "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl: %s", out).isZero();
        ssl = SslContextBuilder.forServer(cert.toFile(), key.toFile())
                .sslProvider(SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, proto.served()))
                .build();
        HttpFrontend http = TestFrontends.http(frontend, backend);
        Bind bind = frontend.binds().getFirst().withProto(proto);
        listener = Listener.open(bind, frontend.name(), group, true, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("tls", sni ? new io.netty.handler.ssl.SniHandler(
                        (io.netty.util.Mapping<String, SslContext>) name -> ssl) : ssl.newHandler(ch.alloc()));
                ch.pipeline().addLast("protocol", new ProtocolSwitch(http, bind.proto(), H2Limits.DEFAULTS));
            }
        });
    }

    int port() {
        return listener.address().getPort();
    }

    /** A JDK SSLContext trusting the self-signed certificate. */
    SSLContext clientContext() throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = new FileInputStream(cert.toFile())) {
            ks.setCertificateEntry("proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Override
    public void close() {
        listener.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        io.netty.util.ReferenceCountUtil.release(ssl);
    }
}
