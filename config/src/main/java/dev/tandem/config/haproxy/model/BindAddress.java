package dev.tandem.config.haproxy.model;

/** One listening address of a {@code bind} line after expanding comma lists (configuration.txt §2.9). */
public sealed interface BindAddress {

    /**
     * An IP listener on every port of [portFrom, portTo].
     *
     * @param host the IP literal without brackets, or "" for any address of the family
     */
    record Inet(AddressFamily family, String host, int portFrom, int portTo) implements BindAddress {
        public boolean isWildcard() {
            return host.isEmpty();
        }
    }

    /** {@code fd@N}: an inherited, already listening socket. */
    record InheritedFd(int fd) implements BindAddress {}

    /** A UNIX stream socket: a path, or an abstract name ({@code abns@}). */
    record Unix(UnixAddress address) implements BindAddress {

        /** A path in the file system. */
        public Unix(String path) {
            this(new UnixAddress(path, false));
        }

        public String path() {
            return address.path();
        }
    }
}
