package dev.tandem.proxy.log;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Syslog over a unix datagram socket ("log /dev/log"): the JDK's DatagramChannel has no AF_UNIX,
 * so this uses Netty's epoll domain datagram channel (java.md §3.2 item 10).
 */
public final class UnixDatagramSink implements LogSink {

    private final Channel channel;
    private final DomainSocketAddress target;

    public UnixDatagramSink(EventLoopGroup group, String path) {
        this.target = new DomainSocketAddress(path);
        this.channel = new io.netty.bootstrap.Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                // unbound and unconnected: each datagram names /dev/log, so a restarted syslogd is found again
                .option(io.netty.channel.ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true)
                .handler(new ChannelInboundHandlerAdapter()).register().syncUninterruptibly().channel();
    }

    @Override
    public void send(String framed) {
        if (channel.isOpen()) {
            channel.writeAndFlush(new DomainDatagramPacket(Unpooled.copiedBuffer(framed, StandardCharsets.UTF_8),
                    target), channel.voidPromise());
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
