package dev.tandem.proxy.listen;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelConfig;
import io.netty.channel.socket.SocketChannelConfig;
import java.util.Map;

/**
 * The options of a {@link LeanSocketChannel}: the socket options a proxy sets, each one system
 * call when set and none at construction. A positive SO_LINGER is refused: its close() blocks,
 * and this channel closes on the event loop.
 */
public final class LeanSocketChannelConfig extends EpollChannelConfig implements SocketChannelConfig {

    private volatile boolean allowHalfClosure;

    LeanSocketChannelConfig(LeanSocketChannel channel) {
        super(channel);
    }

    @Override
    public Map<ChannelOption<?>, Object> getOptions() {
        return getOptions(super.getOptions(), ChannelOption.SO_RCVBUF, ChannelOption.SO_SNDBUF,
                ChannelOption.TCP_NODELAY, ChannelOption.SO_KEEPALIVE, ChannelOption.SO_REUSEADDR,
                ChannelOption.SO_LINGER, ChannelOption.IP_TOS, ChannelOption.ALLOW_HALF_CLOSURE);
    }

    @SuppressWarnings("unchecked")
    @Override
    public <T> T getOption(ChannelOption<T> option) {
        if (option == ChannelOption.SO_RCVBUF) {
            return (T) Integer.valueOf(getReceiveBufferSize());
        }
        if (option == ChannelOption.SO_SNDBUF) {
            return (T) Integer.valueOf(getSendBufferSize());
        }
        if (option == ChannelOption.TCP_NODELAY) {
            return (T) Boolean.valueOf(isTcpNoDelay());
        }
        if (option == ChannelOption.SO_KEEPALIVE) {
            return (T) Boolean.valueOf(isKeepAlive());
        }
        if (option == ChannelOption.SO_REUSEADDR) {
            return (T) Boolean.valueOf(isReuseAddress());
        }
        if (option == ChannelOption.SO_LINGER) {
            return (T) Integer.valueOf(getSoLinger());
        }
        if (option == ChannelOption.IP_TOS) {
            return (T) Integer.valueOf(getTrafficClass());
        }
        if (option == ChannelOption.ALLOW_HALF_CLOSURE) {
            return (T) Boolean.valueOf(isAllowHalfClosure());
        }
        return super.getOption(option);
    }

    @Override
    public <T> boolean setOption(ChannelOption<T> option, T value) {
        validate(option, value);
        if (option == ChannelOption.SO_RCVBUF) {
            setReceiveBufferSize((Integer) value);
        } else if (option == ChannelOption.SO_SNDBUF) {
            setSendBufferSize((Integer) value);
        } else if (option == ChannelOption.TCP_NODELAY) {
            setTcpNoDelay((Boolean) value);
        } else if (option == ChannelOption.SO_KEEPALIVE) {
            setKeepAlive((Boolean) value);
        } else if (option == ChannelOption.SO_REUSEADDR) {
            setReuseAddress((Boolean) value);
        } else if (option == ChannelOption.SO_LINGER) {
            setSoLinger((Integer) value);
        } else if (option == ChannelOption.IP_TOS) {
            setTrafficClass((Integer) value);
        } else if (option == ChannelOption.ALLOW_HALF_CLOSURE) {
            setAllowHalfClosure((Boolean) value);
        } else {
            return super.setOption(option, value);
        }
        return true;
    }

    @Override
    public boolean isTcpNoDelay() {
        return SocketCall.run(() -> socket().isTcpNoDelay());
    }

    @Override
    public LeanSocketChannelConfig setTcpNoDelay(boolean on) {
        return SocketCall.run(() -> {
            socket().setTcpNoDelay(on);
            return this;
        });
    }

    @Override
    public int getSoLinger() {
        return SocketCall.run(() -> socket().getSoLinger());
    }

    /** 0 resets the connection at close (haproxy's abort of a server connection); -1 is the default. */
    @Override
    public LeanSocketChannelConfig setSoLinger(int seconds) {
        if (seconds > 0) {
            throw new IllegalArgumentException("SO_LINGER " + seconds + ": a lingering close would block the event loop");
        }
        return SocketCall.run(() -> {
            socket().setSoLinger(seconds);
            return this;
        });
    }

    @Override
    public int getSendBufferSize() {
        return SocketCall.run(() -> socket().getSendBufferSize());
    }

    @Override
    public LeanSocketChannelConfig setSendBufferSize(int bytes) {
        return SocketCall.run(() -> {
            socket().setSendBufferSize(bytes);
            // what Netty does: gathering writes up to twice the send buffer
            setMaxBytesPerGatheringWrite((long) socket().getSendBufferSize() << 1);
            return this;
        });
    }

    @Override
    public int getReceiveBufferSize() {
        return SocketCall.run(() -> socket().getReceiveBufferSize());
    }

    @Override
    public LeanSocketChannelConfig setReceiveBufferSize(int bytes) {
        return SocketCall.run(() -> {
            socket().setReceiveBufferSize(bytes);
            return this;
        });
    }

    @Override
    public boolean isKeepAlive() {
        return SocketCall.run(() -> socket().isKeepAlive());
    }

    @Override
    public LeanSocketChannelConfig setKeepAlive(boolean on) {
        return SocketCall.run(() -> {
            socket().setKeepAlive(on);
            return this;
        });
    }

    @Override
    public int getTrafficClass() {
        return SocketCall.run(() -> socket().getTrafficClass());
    }

    @Override
    public LeanSocketChannelConfig setTrafficClass(int tos) {
        return SocketCall.run(() -> {
            socket().setTrafficClass(tos);
            return this;
        });
    }

    @Override
    public boolean isReuseAddress() {
        return SocketCall.run(() -> socket().isReuseAddress());
    }

    @Override
    public LeanSocketChannelConfig setReuseAddress(boolean on) {
        return SocketCall.run(() -> {
            socket().setReuseAddress(on);
            return this;
        });
    }

    @Override
    public LeanSocketChannelConfig setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        return this;
    }

    @Override
    public boolean isAllowHalfClosure() {
        return allowHalfClosure;
    }

    @Override
    public LeanSocketChannelConfig setAllowHalfClosure(boolean on) {
        allowHalfClosure = on;
        return this;
    }

    // the setters below only narrow the return type, as SocketChannelConfig requires

    @Override
    public LeanSocketChannelConfig setConnectTimeoutMillis(int millis) {
        super.setConnectTimeoutMillis(millis);
        return this;
    }

    @Override
    @Deprecated
    public LeanSocketChannelConfig setMaxMessagesPerRead(int n) {
        super.setMaxMessagesPerRead(n);
        return this;
    }

    @Override
    public LeanSocketChannelConfig setWriteSpinCount(int n) {
        super.setWriteSpinCount(n);
        return this;
    }

    @Override
    public LeanSocketChannelConfig setAllocator(ByteBufAllocator allocator) {
        super.setAllocator(allocator);
        return this;
    }

    @Override
    public LeanSocketChannelConfig setRecvByteBufAllocator(RecvByteBufAllocator allocator) {
        super.setRecvByteBufAllocator(allocator);
        return this;
    }

    @Override
    public LeanSocketChannelConfig setAutoRead(boolean on) {
        super.setAutoRead(on);
        return this;
    }

    @Override
    public LeanSocketChannelConfig setAutoClose(boolean on) {
        super.setAutoClose(on);
        return this;
    }

    @Override
    public LeanSocketChannelConfig setMessageSizeEstimator(MessageSizeEstimator estimator) {
        super.setMessageSizeEstimator(estimator);
        return this;
    }

    @Override
    public LeanSocketChannelConfig setWriteBufferWaterMark(WriteBufferWaterMark waterMark) {
        super.setWriteBufferWaterMark(waterMark);
        return this;
    }

    @Override
    @Deprecated
    public LeanSocketChannelConfig setWriteBufferHighWaterMark(int bytes) {
        super.setWriteBufferHighWaterMark(bytes);
        return this;
    }

    @Override
    @Deprecated
    public LeanSocketChannelConfig setWriteBufferLowWaterMark(int bytes) {
        super.setWriteBufferLowWaterMark(bytes);
        return this;
    }
}
