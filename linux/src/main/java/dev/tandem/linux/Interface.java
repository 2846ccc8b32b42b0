package dev.tandem.linux;

import java.util.Objects;

/** A network interface as sockets need it: the name for SO_BINDTODEVICE and the index for everything else. */
public record Interface(String name, int index) {
    public Interface {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 15) {
            throw new IllegalArgumentException("interface name must be 1 to 15 characters (IFNAMSIZ), got '" + name + "'");
        }
        if (index <= 0) {
            throw new IllegalArgumentException("interface index must be positive, got " + index + " for " + name);
        }
    }

    /** Looks the index up with if_nametoindex(3) in the calling thread's network namespace. */
    public static Interface named(String name) throws LinuxException {
        return new Interface(name, Syscalls.ifNameToIndex(name));
    }
}
