package dev.tandem.linux;

import java.lang.foreign.Arena;

/**
 * Socket options the proxy needs on listener and upstream sockets that Netty does not expose, applied to a
 * raw fd (e.g. {@code EpollServerSocketChannel.fd().intValue()}).
 */
public final class SocketOptions {
    private SocketOptions() {
    }

    /** IPV6_V6ONLY: haproxy's {@code v6only} / {@code v4v6} bind options. */
    public static void setIpv6Only(int fd, boolean on) throws LinuxException {
        Syscalls.setsockopt(fd, Sockopt.IPPROTO_IPV6, Sockopt.IPV6_V6ONLY, on ? 1 : 0, "IPV6_V6ONLY", Capability.NONE);
    }

    /** SO_BINDTODEVICE: haproxy's {@code interface} bind option. */
    public static void bindToDevice(int fd, String interfaceName) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            Syscalls.setsockopt(fd, Sockopt.SOL_SOCKET, Sockopt.SO_BINDTODEVICE, arena.allocateFrom(interfaceName),
                    "SO_BINDTODEVICE " + interfaceName, Capability.CAP_NET_RAW);
        }
    }

    /**
     * IP_FREEBIND: bind to an address not (yet) on the host, so listeners on a VIP come up before VRRP adds it
     * (haproxy {@code freebind}). The flag lives on the inet socket, so it applies to IPv6 sockets too.
     */
    public static void setFreebind(int fd, boolean on) throws LinuxException {
        Syscalls.setsockopt(fd, Sockopt.IPPROTO_IP, Sockopt.IP_FREEBIND, on ? 1 : 0, "IP_FREEBIND", Capability.NONE);
    }

    /** IP_TRANSPARENT / IPV6_TRANSPARENT: haproxy's {@code transparent} and {@code source ... usesrc}. */
    public static void setTransparent(int fd, IpFamily family, boolean on) throws LinuxException {
        if (family == IpFamily.IPV4) {
            Syscalls.setsockopt(fd, Sockopt.IPPROTO_IP, Sockopt.IP_TRANSPARENT, on ? 1 : 0, "IP_TRANSPARENT",
                    Capability.CAP_NET_ADMIN);
        } else {
            Syscalls.setsockopt(fd, Sockopt.IPPROTO_IPV6, Sockopt.IPV6_TRANSPARENT, on ? 1 : 0, "IPV6_TRANSPARENT",
                    Capability.CAP_NET_ADMIN);
        }
    }

    public static boolean isIpv6Only(int fd) throws LinuxException {
        return Syscalls.getsockoptInt(fd, Sockopt.IPPROTO_IPV6, Sockopt.IPV6_V6ONLY, "IPV6_V6ONLY") != 0;
    }

    public static boolean isFreebind(int fd) throws LinuxException {
        return Syscalls.getsockoptInt(fd, Sockopt.IPPROTO_IP, Sockopt.IP_FREEBIND, "IP_FREEBIND") != 0;
    }

    public static boolean isTransparent(int fd, IpFamily family) throws LinuxException {
        return family == IpFamily.IPV4
                ? Syscalls.getsockoptInt(fd, Sockopt.IPPROTO_IP, Sockopt.IP_TRANSPARENT, "IP_TRANSPARENT") != 0
                : Syscalls.getsockoptInt(fd, Sockopt.IPPROTO_IPV6, Sockopt.IPV6_TRANSPARENT, "IPV6_TRANSPARENT") != 0;
    }
}
