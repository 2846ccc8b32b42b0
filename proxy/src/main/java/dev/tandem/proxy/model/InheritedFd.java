package dev.tandem.proxy.model;

import java.net.SocketAddress;

/**
 * {@code fd@<n>}: a socket the process inherited from whoever started it (VTest, a systemd-style
 * launcher), already bound and usually listening (configuration.txt §2.9.1 "fd@<n>"). A listener
 * adopts it instead of opening a socket of its own.
 */
public final class InheritedFd extends SocketAddress {

    private final int fd;

    public InheritedFd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("negative file descriptor " + fd);
        }
        this.fd = fd;
    }

    public int fd() {
        return fd;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InheritedFd other && other.fd == fd;
    }

    @Override
    public int hashCode() {
        return fd;
    }

    @Override
    public String toString() {
        return "fd@" + fd;
    }
}
