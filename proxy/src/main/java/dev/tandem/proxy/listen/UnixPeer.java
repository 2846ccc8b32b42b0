package dev.tandem.proxy.listen;

import java.net.InetSocketAddress;

/**
 * The addresses a connection on a UNIX socket shows where a TCP connection shows IP addresses. A
 * UNIX client has none, and haproxy 2.6 names it by what it has (measured, and log.c, frontend.c):
 * {@code %ci} and {@code %fi} are "unix", {@code %cp} and {@code %fp} the id of the listener it
 * came through ("unix:1 [07/Dec/2026:...] fe be/s1 ..."), the connect line is "Connect to unix:1
 * (fe/HTTP)", and a server on a UNIX socket logs {@code %si} "unix" and {@code %sp} 0.
 *
 * <p>Such an address is an <em>unresolved</em> {@code InetSocketAddress} with host "unix" and that
 * number as its port, so the sessions carry it where they carry a client's IP address and print it
 * the same way. Its unresolved state is what tells it apart: the {@code src} and {@code dst} sample
 * fetches (and their ports) find nothing in it, and {@code option forwardfor} / {@code option
 * originalto} add no header for it, as haproxy adds them only for AF_INET and AF_INET6 clients.
 */
public final class UnixPeer {

    /** The highest listener id such an address can carry (a port's range). */
    public static final int MAX_LISTENER_ID = 65535;

    /** The far end of a connection Tandem opened to a server's UNIX socket (%si "unix", %sp 0). */
    static final InetSocketAddress SERVER = of(0);

    private UnixPeer() {
    }

    /** Both addresses of a connection accepted by the UNIX socket listener numbered {@code listenerId}. */
    public static InetSocketAddress of(int listenerId) {
        return InetSocketAddress.createUnresolved("unix", listenerId);
    }

    /** Whether {@code address} stands for a UNIX socket end rather than an IP address and port. */
    public static boolean is(InetSocketAddress address) {
        return address != null && address.isUnresolved();
    }
}
