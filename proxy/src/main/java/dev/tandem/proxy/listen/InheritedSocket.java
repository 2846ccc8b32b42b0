package dev.tandem.proxy.listen;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.haproxy.model.Bind;
import dev.tandem.config.haproxy.model.BindAddress;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.haproxy.model.StatsSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A descriptor named by {@code bind fd@<n>}, checked as haproxy 2.6 checks it while parsing
 * (tools.c str2sa_range with PA_O_SOCKET_FD): it must be a socket ("cannot use file descriptor
 * '42' : Bad file descriptor.") of the stream type ("socket on file descriptor '3' is of the wrong
 * type."). Bound is enough: haproxy calls listen() on one that is not listening yet
 * (proto_tcp.c tcp_bind_listener), which on a socket never bound picks a port as listen(2) does.
 *
 * @param family AF_INET, AF_INET6 or AF_UNIX
 */
public record InheritedSocket(int fd, int family, boolean listening) {

    /** Why an inherited descriptor cannot serve, in haproxy's words. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    static InheritedSocket inspect(int fd) throws Unusable {
        int type;
        int family;
        boolean listening;
        try {
            type = SocketSyscalls.intOption(fd, SocketSyscalls.SOL_SOCKET, SocketSyscalls.SO_TYPE);
            family = SocketSyscalls.intOption(fd, SocketSyscalls.SOL_SOCKET, SocketSyscalls.SO_DOMAIN);
            listening = SocketSyscalls.intOption(fd, SocketSyscalls.SOL_SOCKET, SocketSyscalls.SO_ACCEPTCONN) != 0;
        } catch (SocketSyscalls.Failure e) {
            throw new Unusable("cannot use file descriptor '" + fd + "' : " + e.getMessage() + ".");
        }
        if (type != SocketSyscalls.SOCK_STREAM) {
            throw new Unusable("socket on file descriptor '" + fd + "' is of the wrong type.");
        }
        return new InheritedSocket(fd, family, listening);
    }

    /**
     * Makes the socket serve: non-blocking (haproxy's fd_set_nonblock: a launcher may hand over a
     * blocking socket, and accept() must never block a loop), listening with {@code backlog} unless
     * the launcher already called listen(). No other option is touched, as haproxy sets none on an
     * inherited socket (sock_inet_bind_receiver skips them when the fd is external).
     */
    void serve(int backlog) throws SocketSyscalls.Failure {
        SocketSyscalls.setNonBlocking(fd);
        if (!listening) {
            SocketSyscalls.listen(fd, backlog);
        }
    }

    boolean isInet() {
        return family == SocketSyscalls.AF_INET || family == SocketSyscalls.AF_INET6;
    }

    boolean isUnix() {
        return family == SocketSyscalls.AF_UNIX;
    }

    /**
     * What {@code haproxy -c} says about every {@code bind fd@} and {@code stats socket fd@} of
     * {@code config} in this process: a descriptor that is not an open stream socket is an error
     * naming the line (the stats socket is checked though it is not served yet).
     */
    public static List<Diagnostic> check(HaproxyConfig config) {
        List<Diagnostic> out = new ArrayList<>();
        for (StatsSocket s : config.global().statsSockets()) {
            check(s.address(), "stats socket", s.origin(), out);
        }
        for (Proxy p : config.proxies()) {
            for (Bind b : p.binds()) {
                for (BindAddress a : b.addresses()) {
                    check(a, "bind", b.origin(), out);
                }
            }
        }
        return out;
    }

    private static void check(BindAddress a, String keyword, Origin origin, List<Diagnostic> out) {
        if (a instanceof BindAddress.InheritedFd fd) {
            try {
                inspect(fd.fd());
            } catch (Unusable e) {
                out.add(Diagnostic.error(origin.file(), origin.line(), "'" + keyword + "' : " + e.getMessage())
                        .withHint("fd@<n> adopts a socket the process inherited already open; start Tandem from the "
                                + "program that opened it, or bind an address instead"));
            }
        }
    }
}
