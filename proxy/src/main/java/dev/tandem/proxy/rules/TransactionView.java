package dev.tandem.proxy.rules;

import dev.tandem.proxy.tls.TlsFacts;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** What fetches, ACLs and log-format strings may read from one stream (one client transaction). */
public interface TransactionView {

    InetSocketAddress source();

    InetSocketAddress destination();

    String frontend();

    /** The backend name, or null before one is chosen. */
    String backend();

    /** The server name, or null before one is chosen. */
    String server();

    String method();

    String uri();

    /** "1.1" style version of the request. */
    String version();

    /** Request header lines in order, names as sent. */
    List<Map.Entry<String, String>> requestHeaders();

    /** Response status, or 0 before a response exists. */
    int status();

    List<Map.Entry<String, String>> responseHeaders();

    /** txn.* / req.* / sess.* variables by full name ("txn.x"). */
    Map<String, String> vars();

    /** The TLS of the client connection (ssl_fc*, ssl_c_*); {@link TlsFacts#NONE} on clear text. */
    default TlsFacts tls() {
        return TlsFacts.NONE;
    }

    /** A log-only alias such as "TR" or "tsc"; null when the view does not know it. */
    default String logAlias(String alias) {
        return null;
    }
}
