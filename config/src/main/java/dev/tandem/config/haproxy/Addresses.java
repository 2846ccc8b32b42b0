package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.AddressFamily;
import dev.tandem.config.haproxy.model.BindAddress;
import dev.tandem.config.haproxy.model.Network;
import dev.tandem.config.haproxy.model.UnixAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Address forms of {@code bind}, {@code server} and {@code log} (configuration.txt §2.9,
 * haproxy's str2sa_range()): the port is after the LAST colon, brackets are optional, an empty
 * host or {@code *} is any IPv4 address, {@code ::} any IPv6 address; a path starting with '/',
 * {@code unix@} or {@code abns@} is a UNIX socket, {@code fd@} an inherited one. Never resolves a
 * name.
 */
final class Addresses {

    static final class Invalid extends Exception {
        final String hint;

        Invalid(String message, String hint) {
            super(message, null, false, false);
            this.hint = hint;
        }
    }

    /** A host (IP literal or name, without brackets) and an optional port text. */
    record HostPort(String host, String port, boolean hasColon) {}

    private Addresses() {}

    /**
     * The longest UNIX socket path haproxy accepts: sun_path's 107 bytes less the ".<pid>.tmp"
     * name it binds first and renames (tools.c str2sa_range: 107 - (1 + 5 + 1 + 3)). An abstract
     * name has no such file and may use all 107.
     */
    static final int MAX_UNIX_PATH = 97;
    static final int MAX_ABSTRACT_NAME = 107;

    /** Every address of a bind argument: comma lists and port ranges are kept as ranges. */
    static List<BindAddress> bind(String arg) throws Invalid {
        return bind(arg, "");
    }

    /**
     * As {@link #bind(String)}, with the global {@code unix-bind prefix} put before every UNIX
     * socket path (not before an abstract name), as haproxy does while parsing.
     */
    static List<BindAddress> bind(String arg, String unixPrefix) throws Invalid {
        List<BindAddress> out = new ArrayList<>();
        for (String one : arg.split(",", -1)) {
            out.add(bindOne(one, unixPrefix));
        }
        return out;
    }

    private static BindAddress bindOne(String spec, String unixPrefix) throws Invalid {
        String s = spec;
        AddressFamily forced = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            String prefix = s.substring(0, at);
            s = s.substring(at + 1);
            switch (prefix) {
                case "ipv4", "tcp4" -> forced = AddressFamily.IPV4;
                case "ipv6", "tcp6" -> forced = AddressFamily.IPV6;
                case "ip", "tcp" -> forced = null;
                case "fd" -> {
                    String[] why = new String[1];
                    Integer fd = Numbers.integer(s, 0, Integer.MAX_VALUE, "file descriptor", why);
                    if (fd == null) {
                        throw new Invalid(why[0] + " in '" + spec + "'", "write fd@<number>, e.g. fd@3");
                    }
                    return new BindAddress.InheritedFd(fd);
                }
                case "unix", "uxst", "abns" -> {
                    return new BindAddress.Unix(unix(s, prefix.equals("abns"), unixPrefix, spec));
                }
                case "sockpair" -> throw new Invalid("sockpair@ addresses are not available in this build in '" + spec
                        + "'", "haproxy's master process hands sockpair@ sockets to its workers; bind an address, a UNIX "
                        + "socket path or fd@<n> instead");
                default -> throw new Invalid("unsupported address family '" + prefix + "@' in '" + spec + "'",
                        "Tandem binds ipv4@, ipv6@, fd@, unix@ and abns@ addresses");
            }
        }
        if (at < 0 && s.startsWith("/")) {
            return new BindAddress.Unix(unix(s, false, unixPrefix, spec));
        }
        HostPort hp = split(s);
        if (!hp.hasColon() || hp.port().isEmpty() || !Character.isDigit(hp.port().charAt(0))) {
            throw new Invalid("missing port specification in '" + spec + "'",
                    "write address:port, e.g. 0.0.0.0:80 or [::]:80; environment variables need double quotes: \"${PORT}\"");
        }
        int[] ports = portRange(hp.port(), spec);
        Inet inet = inet(hp.host(), forced, spec);
        return new BindAddress.Inet(inet.family(), inet.host(), ports[0], ports[1]);
    }

    /** An IP host of a bind or server address; "" for the wildcard of the family. */
    private record Inet(AddressFamily family, String host) {}

    private static Inet inet(String host, AddressFamily forced, String spec) throws Invalid {
        AddressFamily family;
        if (host.isEmpty() || host.equals("*")) {
            family = forced == null ? AddressFamily.IPV4 : forced;
            host = "";
        } else if (host.equals("::")) {
            family = AddressFamily.IPV6;
            host = "";
        } else if (isIpv4(host)) {
            family = AddressFamily.IPV4;
        } else if (isIpv6(host)) {
            family = AddressFamily.IPV6;
        } else {
            throw new Invalid("invalid address: '" + host + "' in '" + spec + "'",
                    "bind needs an IP address literal; an IPv6 address ends with its port after the last colon, e.g. [::1]:80 or ::1:80");
        }
        if (forced != null && forced != family) {
            throw new Invalid("address '" + host + "' does not match the " + (forced == AddressFamily.IPV4 ? "ipv4@" : "ipv6@")
                    + " prefix in '" + spec + "'", null);
        }
        return new Inet(family, host);
    }

    /** A UNIX socket path or abstract name, within haproxy's length limits (tools.c str2sa_range). */
    static UnixAddress unix(String path, boolean abstractName, String prefix, String spec) throws Invalid {
        if (path.isEmpty()) {
            throw new Invalid("missing socket path in '" + spec + "'", "write unix@/run/haproxy/app.sock, a path "
                    + "starting with '/', or abns@<name>");
        }
        String full = abstractName ? path : prefix + path;
        int max = abstractName ? MAX_ABSTRACT_NAME : MAX_UNIX_PATH - prefix.getBytes(StandardCharsets.UTF_8).length;
        if (path.getBytes(StandardCharsets.UTF_8).length > max) {
            throw new Invalid("socket path '" + spec + "' too long (max " + max + ")", abstractName ? null
                    : "haproxy binds <path>.<pid>.tmp first, so a socket path holds at most " + MAX_UNIX_PATH
                    + " bytes (unix-bind prefix included)");
        }
        return new UnixAddress(full, abstractName);
    }

    /**
     * A {@code server} address (configuration.txt §5.2 "server" and §2.9.1): a UNIX socket path or
     * abstract name, or an IP literal or host name after an optional ipv4@/ipv6@ family prefix.
     */
    sealed interface ServerAddress {
        /** @param forced the family an ipv4@ or ipv6@ prefix asked for; null when none */
        record Host(String text, AddressFamily forced) implements ServerAddress {}

        record Unix(UnixAddress address) implements ServerAddress {}
    }

    static ServerAddress server(String spec) throws Invalid {
        int at = spec.indexOf('@');
        if (at < 0) {
            return spec.startsWith("/") ? new ServerAddress.Unix(unix(spec, false, "", spec))
                    : new ServerAddress.Host(spec, null);
        }
        String prefix = spec.substring(0, at);
        String rest = spec.substring(at + 1);
        return switch (prefix) {
            case "ipv4", "tcp4" -> new ServerAddress.Host(rest, AddressFamily.IPV4);
            case "ipv6", "tcp6" -> new ServerAddress.Host(rest, AddressFamily.IPV6);
            case "ip", "tcp" -> new ServerAddress.Host(rest, null);
            case "unix", "uxst", "abns" -> new ServerAddress.Unix(unix(rest, prefix.equals("abns"), "", spec));
            case "sockpair" -> throw new Invalid("sockpair@ addresses are not available in this build in '" + spec + "'",
                    "connect to an IP address or a UNIX socket path instead");
            case "fd" -> throw new Invalid("a file descriptor is not acceptable here in '" + spec + "'", null);
            default -> throw new Invalid("unsupported address family '" + prefix + "@' in '" + spec + "'",
                    "Tandem connects to ipv4@, ipv6@, unix@ and abns@ addresses");
        };
    }

    /** Whether an IP literal (brackets allowed) is of {@code family}, for the ipv4@/ipv6@ prefixes. */
    static boolean ofFamily(String host, AddressFamily family) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return family == AddressFamily.IPV4 ? isIpv4(h) : isIpv6(h);
    }

    /** Splits on the last colon, or after "]" for the bracketed form. */
    static HostPort split(String s) throws Invalid {
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new Invalid("missing ']' in '" + s + "'", "write [IPv6]:port");
            }
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return new HostPort(s.substring(1, close), "", false);
            }
            if (rest.charAt(0) != ':') {
                throw new Invalid("unexpected '" + rest + "' after ']' in '" + s + "'", "write [IPv6]:port");
            }
            return new HostPort(s.substring(1, close), rest.substring(1), true);
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return new HostPort(s, "", false);
        }
        return new HostPort(s.substring(0, colon), s.substring(colon + 1), true);
    }

    private static int[] portRange(String text, String spec) throws Invalid {
        int dash = text.indexOf('-');
        String lo = dash < 0 ? text : text.substring(0, dash);
        String hi = dash < 0 ? text : text.substring(dash + 1);
        int a = port(lo, spec);
        int b = port(hi, spec);
        if (b < a) {
            throw new Invalid("invalid port range '" + text + "' in '" + spec + "': the first port is above the last", null);
        }
        return new int[] {a, b};
    }

    static int port(String text, String spec) throws Invalid {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Invalid("invalid port '" + text + "'", "a port is a number from 1 to 65535");
        }
        int p = Integer.parseInt(text);
        if (p < 1 || p > 65535) {
            throw new Invalid("invalid port '" + text + "'", "a port is a number from 1 to 65535");
        }
        return p;
    }

    static boolean isIpv4(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            return false;
        }
        try {
            Inet4Address.ofLiteral(s);
            return s.chars().filter(c -> c == '.').count() == 3;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isIpv6(String s) {
        if (s.indexOf(':') < 0) {
            return false;
        }
        try {
            Inet6Address.ofLiteral(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** {@code addr[/prefix]} for {@code option forwardfor except}. */
    static Network network(String s) throws Invalid {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        AddressFamily family;
        if (isIpv4(addr)) {
            family = AddressFamily.IPV4;
        } else if (isIpv6(addr)) {
            family = AddressFamily.IPV6;
        } else {
            throw new Invalid("invalid network '" + s + "'", "write an address with an optional prefix length, e.g. 10.0.0.0/8");
        }
        int max = family == AddressFamily.IPV4 ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (family == AddressFamily.IPV4 && isIpv4(p)) {
                prefix = maskLength(p);
                if (prefix < 0) {
                    throw new Invalid("invalid netmask '" + p + "' in '" + s + "'", null);
                }
            } else {
                String[] why = new String[1];
                Integer v = Numbers.integer(p, 0, max, "prefix length", why);
                if (v == null) {
                    throw new Invalid(why[0] + " in '" + s + "'", null);
                }
                prefix = v;
            }
        }
        return new Network(family, addr, prefix);
    }

    private static int maskLength(String mask) {
        byte[] b = Inet4Address.ofLiteral(mask).getAddress();
        int bits = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int len = Integer.bitCount(bits);
        return bits == (len == 0 ? 0 : -1 << (32 - len)) ? len : -1;
    }
}
