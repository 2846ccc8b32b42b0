package dev.tandem.node;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** {@code 127.0.0.1:80} and {@code [::1]:80}, as people type them into curl. */
public final class HostPort {
    private HostPort() {}

    public static String of(InetSocketAddress a) {
        // Netty's form is the compressed one people type (::1, not 0:0:0:0:0:0:0:1).
        String host = NetUtil.toAddressString(a.getAddress());
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
