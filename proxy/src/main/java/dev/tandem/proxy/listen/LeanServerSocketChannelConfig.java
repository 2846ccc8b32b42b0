package dev.tandem.proxy.listen;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelConfig;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.ServerSocketChannelConfig;
import java.util.Map;

/**
 * The options of a {@link LeanServerSocketChannel}: backlog, SO_REUSEADDR, SO_RCVBUF and the two
 * that make haproxy's {@code transparent} (IP_FREEBIND, IP_TRANSPARENT).
 */
public final class LeanServerSocketChannelConfig extends EpollChannelConfig implements ServerSocketChannelConfig {

    private static final int IPPROTO_IP = 0;
    private static final int IP_FREEBIND = 15;
    private static final int IP_TRANSPARENT = 19;

    private volatile int backlog = 1024;

    LeanServerSocketChannelConfig(LeanServerSocketChannel channel) {
        super(channel);
    }

    @Override
    public Map<ChannelOption<?>, Object> getOptions() {
        return getOptions(super.getOptions(), ChannelOption.SO_BACKLOG, ChannelOption.SO_REUSEADDR,
                ChannelOption.SO_RCVBUF, EpollChannelOption.IP_FREEBIND, EpollChannelOption.IP_TRANSPARENT);
    }

    @SuppressWarnings("unchecked")
    @Override
    public <T> T getOption(ChannelOption<T> option) {
        if (option == ChannelOption.SO_BACKLOG) {
            return (T) Integer.valueOf(getBacklog());
        }
        if (option == ChannelOption.SO_REUSEADDR) {
            return (T) Boolean.valueOf(isReuseAddress());
        }
        if (option == ChannelOption.SO_RCVBUF) {
            return (T) Integer.valueOf(getReceiveBufferSize());
        }
        if (option == EpollChannelOption.IP_FREEBIND) {
            return (T) Boolean.valueOf(ipOption(IP_FREEBIND));
        }
        if (option == EpollChannelOption.IP_TRANSPARENT) {
            return (T) Boolean.valueOf(ipOption(IP_TRANSPARENT));
        }
        return super.getOption(option);
    }

    @Override
    public <T> boolean setOption(ChannelOption<T> option, T value) {
        validate(option, value);
        if (option == ChannelOption.SO_BACKLOG) {
            setBacklog((Integer) value);
        } else if (option == ChannelOption.SO_REUSEADDR) {
            setReuseAddress((Boolean) value);
        } else if (option == ChannelOption.SO_RCVBUF) {
            setReceiveBufferSize((Integer) value);
        } else if (option == EpollChannelOption.IP_FREEBIND) {
            setIpOption(IP_FREEBIND, (Boolean) value);
        } else if (option == EpollChannelOption.IP_TRANSPARENT) {
            setIpOption(IP_TRANSPARENT, (Boolean) value);
        } else {
            return super.setOption(option, value);
        }
        return true;
    }

    // IP-level options apply to AF_INET6 sockets too (Linux ip(7)/ipv6(7): IP_FREEBIND and
    // IP_TRANSPARENT are honoured for both families)
    private boolean ipOption(int name) {
        return SocketCall.run(() -> socket().getIntOpt(IPPROTO_IP, name) != 0);
    }

    private void setIpOption(int name, boolean on) {
        SocketCall.run(() -> {
            socket().setIntOpt(IPPROTO_IP, name, on ? 1 : 0);
            return null;
        });
    }

    @Override
    public int getBacklog() {
        return backlog;
    }

    @Override
    public LeanServerSocketChannelConfig setBacklog(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("backlog " + n);
        }
        backlog = n;
        return this;
    }

    @Override
    public boolean isReuseAddress() {
        return SocketCall.run(() -> socket().isReuseAddress());
    }

    @Override
    public LeanServerSocketChannelConfig setReuseAddress(boolean on) {
        return SocketCall.run(() -> {
            socket().setReuseAddress(on);
            return this;
        });
    }

    @Override
    public int getReceiveBufferSize() {
        return SocketCall.run(() -> socket().getReceiveBufferSize());
    }

    @Override
    public LeanServerSocketChannelConfig setReceiveBufferSize(int bytes) {
        return SocketCall.run(() -> {
            socket().setReceiveBufferSize(bytes);
            return this;
        });
    }

    @Override
    public LeanServerSocketChannelConfig setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        return this;
    }

    // the setters below only narrow the return type, as ServerSocketChannelConfig requires

    @Override
    public LeanServerSocketChannelConfig setConnectTimeoutMillis(int millis) {
        super.setConnectTimeoutMillis(millis);
        return this;
    }

    @Override
    @Deprecated
    public LeanServerSocketChannelConfig setMaxMessagesPerRead(int n) {
        super.setMaxMessagesPerRead(n);
        return this;
    }

    @Override
    public LeanServerSocketChannelConfig setWriteSpinCount(int n) {
        super.setWriteSpinCount(n);
        return this;
    }

    @Override
    public LeanServerSocketChannelConfig setAllocator(ByteBufAllocator allocator) {
        super.setAllocator(allocator);
        return this;
    }

    @Override
    public LeanServerSocketChannelConfig setRecvByteBufAllocator(RecvByteBufAllocator allocator) {
        super.setRecvByteBufAllocator(allocator);
        return this;
    }

    @Override
    public LeanServerSocketChannelConfig setAutoRead(boolean on) {
        super.setAutoRead(on);
        return this;
    }

    @Override
    public LeanServerSocketChannelConfig setMessageSizeEstimator(MessageSizeEstimator estimator) {
        super.setMessageSizeEstimator(estimator);
        return this;
    }

    @Override
    @Deprecated
    public LeanServerSocketChannelConfig setWriteBufferHighWaterMark(int bytes) {
        super.setWriteBufferHighWaterMark(bytes);
        return this;
    }

    @Override
    @Deprecated
    public LeanServerSocketChannelConfig setWriteBufferLowWaterMark(int bytes) {
        super.setWriteBufferLowWaterMark(bytes);
        return this;
    }

    @Override
    public LeanServerSocketChannelConfig setWriteBufferWaterMark(WriteBufferWaterMark waterMark) {
        super.setWriteBufferWaterMark(waterMark);
        return this;
    }
}
