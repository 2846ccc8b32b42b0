package dev.tandem.proxy.log;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Syslog over UDP ("log host:port"): one unconnected datagram socket, writes queued on its loop. */
public final class UdpSyslogSink implements LogSink {

    private final Channel channel;
    private final InetSocketAddress target;

    public UdpSyslogSink(EventLoopGroup group, InetSocketAddress target) {
        this.target = target;
        this.channel = new io.netty.bootstrap.Bootstrap().group(group).channel(EpollDatagramChannel.class)
                .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress(target.getAddress() instanceof java.net.Inet6Address ? "::" : "0.0.0.0", 0))
                .syncUninterruptibly().channel();
    }

    @Override
    public void send(String framed) {
        if (channel.isActive()) {
            channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(framed, StandardCharsets.UTF_8), target),
                    channel.voidPromise());
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
