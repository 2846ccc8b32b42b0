package dev.tandem.proxy.model;

import dev.tandem.config.haproxy.model.UnixAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A UNIX stream socket a listener binds or a server connection reaches: a file-system path or a
 * name in Linux's abstract namespace (configuration.txt §2.9.1 "unix@", "abns@"). The JDK's
 * UnixDomainSocketAddress has no abstract names, hence this one.
 */
public final class UnixSocketAddress extends SocketAddress {

    /** sun_path of struct sockaddr_un on Linux. */
    public static final int SUN_PATH = 108;

    private final UnixAddress address;

    public UnixSocketAddress(UnixAddress address) {
        if (address.path().getBytes(StandardCharsets.UTF_8).length > SUN_PATH - 1) {
            throw new IllegalArgumentException("UNIX socket path too long: " + address);
        }
        this.address = address;
    }

    public static UnixSocketAddress path(String path) {
        return new UnixSocketAddress(new UnixAddress(path, false));
    }

    public static UnixSocketAddress abstractName(String name) {
        return new UnixSocketAddress(new UnixAddress(name, true));
    }

    public String path() {
        return address.path();
    }

    public boolean isAbstract() {
        return address.abstractNamespace();
    }

    /**
     * sun_path as haproxy fills it, every byte of it: the path and zeros, or for an abstract name a
     * leading zero, the name and zeros up to the end. The zeros of an abstract name are part of the
     * name for the kernel, so only a peer that pads the same way (haproxy does) meets this socket.
     */
    public byte[] sunPath() {
        byte[] out = new byte[SUN_PATH];
        byte[] name = address.path().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, out, isAbstract() ? 1 : 0, name.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnixSocketAddress other && other.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    /** {@code unix@/run/app.sock} or {@code abns@name}. */
    @Override
    public String toString() {
        return address.toString();
    }
}
