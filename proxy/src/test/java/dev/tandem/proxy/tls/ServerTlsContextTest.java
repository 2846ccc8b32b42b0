package dev.tandem.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.haproxy.model.Server;
import dev.tandem.config.haproxy.model.SslDefaults;
import dev.tandem.config.haproxy.model.TlsVerify;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server ... ssl verify none|required ca-file sni} (configuration.txt §5.2) against a real TLS bind. */
class ServerTlsContextTest {

    @TempDir
    static Path dir;
    static Pki pki;
    static Pki otherCa;
    static FactsServer server;
    static EventLoopGroup group;

    @BeforeAll
    static void start() throws Exception {
        pki = new Pki(dir);
        otherCa = new Pki(Files.createDirectories(dir.resolve("other")));
        Path fallback = pki.site("default.pem", "default.example.test", "default.example.test");
        Path app = pki.site("app.pem", "app.example.test", "app.example.test");
        TlsBind bind = TlsBind.prepare(TlsBindHandshakeTest.plain(fallback, app), SslDefaults.NONE, TlsEngine.detect(),
                List.of("http/1.1"), Duration.ofSeconds(10), Clock.systemUTC()).bind().orElseThrow();
        server = new FactsServer(bind);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        server.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static ServerTlsContext context(TlsVerify verify, Path ca) {
        ServerTlsContext.Prepared p = ServerTlsContext.prepare("app1", new Server.ServerTls(verify,
                Optional.ofNullable(ca).map(Path::toString), Optional.empty()), TlsEngine.detect(), "haproxy.cfg", 12);
        assertThat(p.diagnostics()).isEmpty();
        return p.context().orElseThrow();
    }

    /** Connects and waits for the handshake's outcome; the channel is open on success. */
    private static Channel connect(SslHandler ssl) throws InterruptedException {
        Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel c) {
                        c.pipeline().addLast(ssl, new ChannelInboundHandlerAdapter() {
                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close(); // the failed handshake is asserted through its future
                            }
                        });
                    }
                }).connect("127.0.0.1", server.port()).sync().channel();
        ssl.handshakeFuture().await();
        return ch;
    }

    private static Future<Channel> handshake(ServerTlsContext ctx, String sni) throws InterruptedException {
        SslHandler ssl = ctx.newHandler(ByteBufAllocator.DEFAULT, sni, server.port());
        connect(ssl).close().sync();
        return ssl.handshakeFuture();
    }

    private static String peerCn(ServerTlsContext ctx, String sni) throws Exception {
        SslHandler ssl = ctx.newHandler(ByteBufAllocator.DEFAULT, sni, server.port());
        Channel ch = connect(ssl);
        try {
            ssl.handshakeFuture().sync();
            X509Certificate leaf = (X509Certificate) ssl.engine().getSession().getPeerCertificates()[0];
            return leaf.getSubjectX500Principal().getName();
        } finally {
            ch.close().sync();
        }
    }

    @Test
    void verifyRequiredSendsTheSniAndAcceptsAMatchingCertificate() throws Exception {
        assertThat(peerCn(context(TlsVerify.REQUIRED, pki.caCert), "app.example.test")).isEqualTo("CN=app.example.test");
    }

    @Test
    void verifyRequiredRefusesACertificateThatDoesNotNameTheSni() throws Exception {
        // the bind answers an unknown name with its default certificate, which does not cover it
        Future<Channel> f = handshake(context(TlsVerify.REQUIRED, pki.caCert), "other.example.test");
        assertThat(f.isSuccess()).isFalse();
    }

    @Test
    void verifyRequiredRefusesAChainFromAnotherCa() throws Exception {
        Future<Channel> f = handshake(context(TlsVerify.REQUIRED, otherCa.caCert), "app.example.test");
        assertThat(f.isSuccess()).isFalse();
    }

    @Test
    void verifyRequiredWithoutSniChecksTheChainOnly() throws Exception {
        assertThat(peerCn(context(TlsVerify.REQUIRED, pki.caCert), null)).isEqualTo("CN=default.example.test");
    }

    @Test
    void verifyNoneAcceptsAnyCertificate() throws Exception {
        assertThat(peerCn(context(TlsVerify.NONE, otherCa.caCert), "other.example.test"))
                .isEqualTo("CN=default.example.test");
    }

    @Test
    void verifyRequiredWithoutCaFileIsAnErrorWithAHint() {
        ServerTlsContext.Prepared p = ServerTlsContext.prepare("app1", new Server.ServerTls(TlsVerify.REQUIRED,
                Optional.empty(), Optional.empty()), TlsEngine.detect(), "haproxy.cfg", 12);
        assertThat(p.context()).isEmpty();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d).extracting(Diagnostic::file, Diagnostic::line).containsExactly("haproxy.cfg", 12);
            assertThat(d.message()).contains("server 'app1'").contains("no CA file");
            assertThat(d.hint()).contains("verify none");
        });
    }

    @Test
    void unreadableCaFileIsAnErrorNamingIt() {
        ServerTlsContext.Prepared p = ServerTlsContext.prepare("app1", new Server.ServerTls(TlsVerify.REQUIRED,
                Optional.of(dir.resolve("missing-ca.pem").toString()), Optional.empty()), TlsEngine.detect(),
                "haproxy.cfg", 12);
        assertThat(p.context()).isEmpty();
        assertThat(p.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("missing-ca.pem").contains("no such file"));
    }
}
