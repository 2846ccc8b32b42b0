package dev.tandem.proxy.http;

import dev.tandem.proxy.lb.BackendServer;
import dev.tandem.proxy.listen.ServerConnector;
import dev.tandem.proxy.lb.RequestKey;
import dev.tandem.proxy.log.LogClock;
import dev.tandem.proxy.rules.MessageEditor;
import dev.tandem.proxy.rules.TransactionView;
import dev.tandem.proxy.runtime.BackendRuntime;
import dev.tandem.proxy.runtime.FrontendRuntime;
import dev.tandem.proxy.runtime.ServerClaim;
import dev.tandem.proxy.tls.TlsFacts;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client transaction (haproxy's "stream"): the request, the chosen backend and server, the
 * response, and the timings and termination state its log line reports (configuration.txt §8.4).
 */
final class HttpStream implements TransactionView {

    final FrontendRuntime frontend;
    final InetSocketAddress source;
    final InetSocketAddress destination;
    final long acceptMillis;
    final long requestMillis;
    final long requestNanos;
    final long idleMillis;
    final LogClock clock;
    final long counter;
    final TlsFacts tls;
    HttpRequest request;
    String requestLine;
    HttpResponse response;
    BackendRuntime backend;
    BackendServer server;
    SocketAddress serverAddress;
    /** The stream's hold on its server; released (and %bc decremented) before the log line, as haproxy does. */
    ServerClaim claim;
    boolean countedOnBackend;
    boolean redispatched;
    /** What the balancer may look at: source, URI, headers, the {@code balance hash} sample. */
    RequestKey key;
    /** The first request of its client connection: it never takes an idle server connection (http-reuse safe). */
    boolean firstOnConnection;
    /** This attempt went over an idle server connection rather than a fresh one. */
    boolean reusedConnection;
    boolean connectTimedOut;
    /** The attempt's server connection was reset rather than closed ("Read error" for observe layer7). */
    boolean serverReset;
    /** The request's body as sent, kept for an L7 retry (retry-on) while it fits in a buffer. */
    List<HttpContent> replay;
    long replayBytes;
    boolean replayOverflow;
    /** The contents pending for the server are copies of {@code replay}, not new input. */
    boolean replaying;
    /** The server_name sent to a TLS server for this stream, null for none. */
    String sni;
    /** %Th: accept to the end of the TLS handshake, on a connection's first stream only (0 otherwise). */
    long handshakeMillis;
    long headersNanos = -1;
    /** When the stream last left server selection (assigned, or its queue wait ended): %Tw ends, %Tc starts. */
    long queueExitNanos = -1;
    long connectStartNanos = -1;
    long connectedNanos = -1;
    long requestSentNanos = -1;
    long responseNanos = -1;
    long endNanos = -1;
    int status = -1;
    long bytesOut;
    long bytesIn;
    int retries;
    char who = '-';
    char phase = '-';
    boolean logged;
    final Map<String, String> vars = new HashMap<>();

    HttpStream(FrontendRuntime frontend, InetSocketAddress source, InetSocketAddress destination, long acceptMillis,
            long requestMillis, long requestNanos, long idleMillis, LogClock clock, long counter, TlsFacts tls) {
        this.frontend = frontend;
        this.source = source;
        this.destination = destination;
        this.acceptMillis = acceptMillis;
        this.clock = clock;
        this.requestMillis = requestMillis;
        this.requestNanos = requestNanos;
        this.idleMillis = idleMillis;
        this.counter = counter;
        this.tls = tls;
    }

    void terminate(char who, char phase) {
        if (this.who == '-') {
            this.who = who;
            this.phase = phase;
        }
    }

    @Override
    public InetSocketAddress source() {
        return source;
    }

    @Override
    public InetSocketAddress destination() {
        return destination;
    }

    @Override
    public String frontend() {
        return frontend.name();
    }

    @Override
    public String backend() {
        return backend == null ? null : backend.name();
    }

    @Override
    public String server() {
        return server == null ? null : server.name();
    }

    @Override
    public String method() {
        return request == null ? null : request.method().name();
    }

    @Override
    public String uri() {
        return request == null ? null : request.uri();
    }

    @Override
    public String version() {
        if (request == null) {
            return null;
        }
        return request.protocolVersion().majorVersion() + "." + request.protocolVersion().minorVersion();
    }

    @Override
    public List<Map.Entry<String, String>> requestHeaders() {
        return request == null ? List.of() : request.headers().entries();
    }

    @Override
    public int status() {
        return response == null ? 0 : response.status().code();
    }

    @Override
    public List<Map.Entry<String, String>> responseHeaders() {
        return response == null ? List.of() : response.headers().entries();
    }

    @Override
    public Map<String, String> vars() {
        return vars;
    }

    @Override
    public TlsFacts tls() {
        return tls;
    }

    boolean isHead() {
        return request != null && request.method().equals(HttpMethod.HEAD);
    }

    private long ms(long fromNanos, long toNanos) {
        return fromNanos < 0 || toNanos < 0 ? -1 : Math.max(0, (toNanos - fromNanos) / 1_000_000);
    }

    @Override
    public String logAlias(String alias) {
        long end = endNanos < 0 ? clock.nanos() : endNanos;
        return switch (alias) {
            case "ci" -> dev.tandem.proxy.rules.Fetches.ip(source);
            case "cp" -> Integer.toString(source.getPort());
            case "fi" -> dev.tandem.proxy.rules.Fetches.ip(destination);
            case "fp" -> Integer.toString(destination.getPort());
            case "ft" -> tls.frontendLabel(frontend.name());
            case "f" -> frontend.name();
            case "sslv" -> tls.fetch("ssl_fc_protocol", List.of());
            case "sslc" -> tls.fetch("ssl_fc_cipher", List.of());
            case "b" -> backend == null ? frontend.name() : backend.name();
            case "s" -> server == null ? "<NOSRV>" : server.name();
            case "tr" -> clock.haproxyDate(requestMillis);
            case "t" -> clock.haproxyDate(acceptMillis);
            case "trg" -> clock.clfDate(requestMillis, true);
            case "trl", "T", "Tl" -> clock.clfDate(requestMillis, false);
            case "Ts" -> Long.toString(acceptMillis / 1000);
            case "ms" -> String.format("%03d", acceptMillis % 1000);
            case "TR" -> Long.toString(ms(requestNanos, headersNanos));
            case "Tq" -> headersNanos < 0 ? "-1"
                    : Long.toString(handshakeMillis + idleMillis + ms(requestNanos, headersNanos));
            case "Ti" -> Long.toString(idleMillis);
            case "Th" -> Long.toString(handshakeMillis);
            case "Tw" -> Long.toString(ms(headersNanos, queueExitNanos));
            case "Tc" -> Long.toString(ms(connectStartNanos, connectedNanos));
            case "Tr" -> Long.toString(ms(requestSentNanos < 0 ? connectedNanos : requestSentNanos, responseNanos));
            case "Ta" -> Long.toString(ms(requestNanos, end));
            case "Tt" -> Long.toString(handshakeMillis + idleMillis + ms(requestNanos, end));
            case "Td" -> responseNanos < 0 ? "-1" : Long.toString(ms(responseNanos, end));
            case "Tu" -> Long.toString(idleMillis + ms(requestNanos, end));
            case "ST" -> Integer.toString(status);
            case "B" -> Long.toString(bytesOut);
            case "U" -> Long.toString(bytesIn);
            case "CC", "CS" -> "-";
            case "hr", "hs", "hrl", "hsl" -> "";
            case "tsc" -> "" + who + phase + "--";
            case "ts" -> "" + who + phase;
            case "ac" -> Integer.toString(frontend.processConnections().get());
            case "fc" -> Integer.toString(frontend.connections().get());
            case "bc" -> backend == null ? "0" : Integer.toString(backend.streams().get());
            case "sc" -> server == null ? "0" : Integer.toString(backend.state().sessions(server));
            case "rc" -> (redispatched ? "+" : "") + retries;
            case "sq" -> claim == null ? "0" : Long.toString(claim.serverQueuePosition());
            case "bq" -> claim == null ? "0" : Long.toString(claim.backendQueuePosition());
            case "r" -> requestLine == null ? "<BADREQ>" : requestLine;
            case "HM" -> method();
            case "HU" -> uri();
            case "HP" -> {
                // configuration.txt §8.2.6: %HP is the URI without its query string (absolute for HTTP/2),
                // %HPO the path alone
                String u = uri();
                int q = u == null ? -1 : u.indexOf('?');
                yield q < 0 ? u : u.substring(0, q);
            }
            case "HPO" -> request == null ? null : dev.tandem.proxy.rules.Fetches.fetch(
                    new dev.tandem.proxy.rules.SampleExpr.Call("path", List.of()), this);
            case "HQ" -> {
                String u = uri();
                int q = u == null ? -1 : u.indexOf('?');
                yield q < 0 ? "" : u.substring(q);
            }
            case "HV" -> request == null ? null : request.protocolVersion().text();
            case "pid" -> Long.toString(ProcessHandle.current().pid());
            case "rt" -> Long.toString(counter);
            case "si" -> ServerConnector.hostText(serverAddress);
            case "sp" -> ServerConnector.portText(serverAddress);
            case "lc", "ID", "bi", "bp", "H" -> null;
            default -> null;
        };
    }

    /** Edits a request or response through Netty's headers, keeping the case names arrived with. */
    static MessageEditor editor(HttpMessage msg, Map<String, String> vars) {
        return new MessageEditor() {
            @Override
            public List<Map.Entry<String, String>> headers() {
                return msg.headers().entries();
            }

            @Override
            public void addHeader(String name, String value) {
                msg.headers().add(name, value);
            }

            @Override
            public void removeHeader(String name) {
                msg.headers().remove(name);
            }

            @Override
            public void replaceHeaders(List<Map.Entry<String, String>> headers) {
                List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
                HttpHeaders h = msg.headers();
                h.clear();
                for (Map.Entry<String, String> e : copy) {
                    h.add(e.getKey(), e.getValue());
                }
            }

            @Override
            public String uri() {
                return msg instanceof HttpRequest r ? r.uri() : "";
            }

            @Override
            public void setUri(String uri) {
                if (msg instanceof HttpRequest r) {
                    r.setUri(uri);
                }
            }

            @Override
            public void setMethod(String method) {
                if (msg instanceof HttpRequest r) {
                    r.setMethod(HttpMethod.valueOf(method));
                }
            }

            @Override
            public Map<String, String> vars() {
                return vars;
            }
        };
    }
}
