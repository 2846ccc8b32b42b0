package dev.tandem.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Per-interface network sysctls the VRRP layer consults, read from /proc/sys/net, which shows the network
 * namespace of the calling thread.
 */
public final class Sysctl {
    private static final Path NET = Path.of("/proc/sys/net");

    private Sysctl() {
    }

    /**
     * net.ipv6.conf.IF.forwarding: when on, unsolicited NAs carry the Router flag (keepalived.md §3.4,
     * RFC 4861 §4.4), or hosts would drop the VIP from their default-router list.
     */
    public static boolean ipv6Forwarding(String interfaceName) throws IOException {
        return readInt(conf("ipv6", interfaceName).resolve("forwarding")) != 0;
    }

    /** net.ipv4.conf.IF.forwarding. */
    public static boolean ipv4Forwarding(String interfaceName) throws IOException {
        return readInt(conf("ipv4", interfaceName).resolve("forwarding")) != 0;
    }

    private static Path conf(String family, String interfaceName) {
        // Linux's dev_valid_name(): also what keeps the name from walking out of /proc/sys/net.
        if (interfaceName.isEmpty() || interfaceName.length() > 15 || interfaceName.contains("/")
                || interfaceName.equals(".") || interfaceName.equals("..")) {
            throw new IllegalArgumentException("'" + interfaceName + "' is not an interface name");
        }
        return NET.resolve(family).resolve("conf").resolve(interfaceName);
    }

    private static int readInt(Path path) throws IOException {
        try {
            return Integer.parseInt(Files.readString(path).strip());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such interface (or IPv6 disabled on it)");
        } catch (NumberFormatException e) {
            throw new IOException(path + " does not hold a number", e);
        }
    }
}
