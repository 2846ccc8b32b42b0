package dev.tandem.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.SyslogReceiver;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.model.LogTarget;
import dev.tandem.proxy.model.Logging;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log lines reach a unix datagram socket like /dev/log; frontends without httplog log "Connect from". */
class LogSinkTest {

    @Test
    void unixDatagramSocketReceivesRfc3164Lines(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("log.sock");
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try (HttpBackend app = HttpBackend.start()) {
            Channel rx = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                    .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket p) {
                            got.add(p.content().toString(StandardCharsets.UTF_8));
                        }
                    }).bind(new DomainSocketAddress(sock.toString())).sync().channel();
            Frontend fe = Models.frontend("fe", "app", Models.v4()).withLogging(new Logging(List.of(
                    new LogTarget(sock.toString(), LogTarget.LOCAL0, LogTarget.Format.RFC3164)), Logging.HTTPLOG,
                    false));
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()));
                    RawHttpClient c = RawHttpClient.connect(proxy.boundAddresses().getFirst())) {
                c.send("GET /dev-log HTTP/1.1\r\nHost: a\r\n\r\n");
                c.readResponse();
                String line = got.poll(5, TimeUnit.SECONDS);
                assertThat(line).startsWith("<134>").contains(" haproxy[").endsWith("\"GET /dev-log HTTP/1.1\"");
            }
            rx.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void withoutHttplogAnHttpFrontendLogsConnectFrom() throws Exception {
        try (HttpBackend app = HttpBackend.start(); SyslogReceiver syslog = new SyslogReceiver()) {
            Frontend fe = Models.frontend("fe", "app", Models.v4()).withLogging(new Logging(List.of(
                    new LogTarget(syslog.address(), LogTarget.LOCAL0, LogTarget.Format.RAW)), null, false));
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()));
                    RawHttpClient c = RawHttpClient.connect(proxy.boundAddresses().getFirst())) {
                int port = proxy.boundAddresses().getFirst().getPort();
                assertThat(syslog.next()).matches("Connect from 127\\.0\\.0\\.1:\\d+ to 127\\.0\\.0\\.1:" + port
                        + " \\(fe/HTTP\\)");
            }
        }
    }

    @Test
    void dontlognullSuppressesEmptyConnectionsOnly() throws Exception {
        try (HttpBackend app = HttpBackend.start(); SyslogReceiver syslog = new SyslogReceiver()) {
            Frontend fe = Models.frontend("fe", "app", Models.v4()).withLogging(new Logging(List.of(
                    new LogTarget(syslog.address(), LogTarget.LOCAL0, LogTarget.Format.RAW)), Logging.HTTPLOG, true));
            try (ProxyServer proxy = Models.start(fe, Models.backend("app", app.address()))) {
                RawHttpClient.connect(proxy.boundAddresses().getFirst()).close();
                try (RawHttpClient c = RawHttpClient.connect(proxy.boundAddresses().getFirst())) {
                    c.send("GET /real HTTP/1.1\r\nHost: a\r\n\r\n");
                    c.readResponse();
                }
                List<String> lines = syslog.drain(500);
                assertThat(lines).hasSize(1);
                assertThat(lines.getFirst()).endsWith("\"GET /real HTTP/1.1\"");
            }
        }
    }
}
