package dev.tandem.linux;

import java.net.Inet4Address;
import java.net.InetAddress;

/** IPv4 or IPv6, for calls where no address says which. */
public enum IpFamily {
    IPV4(Sockopt.AF_INET),
    IPV6(Sockopt.AF_INET6);

    private final int af;

    IpFamily(int af) {
        this.af = af;
    }

    int af() {
        return af;
    }

    public static IpFamily of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }
}
