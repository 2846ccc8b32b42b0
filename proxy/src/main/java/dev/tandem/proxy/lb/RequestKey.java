package dev.tandem.proxy.lb;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a balancer may look at in one request. Every part is optional so TCP and HTTP callers can
 * build it cheaply; an algorithm whose input is missing falls back to round robin, as haproxy does.
 */
public final class RequestKey {

    private static final Function<String, Optional<String>> NO_HEADERS = name -> Optional.empty();

    private final InetAddress source;
    private final String uri;
    private final Function<String, Optional<String>> headers;
    private final byte[] hashInput;
    private final BackendServer avoid;

    private RequestKey(InetAddress source, String uri, Function<String, Optional<String>> headers, byte[] hashInput,
            BackendServer avoid) {
        this.source = source;
        this.uri = uri;
        this.headers = headers;
        this.hashInput = hashInput;
        this.avoid = avoid;
    }

    public static RequestKey none() {
        return new RequestKey(null, null, NO_HEADERS, null, null);
    }

    public static RequestKey ofSource(InetAddress source) {
        return none().withSource(source);
    }

    public static RequestKey ofUri(String uri) {
        return none().withUri(uri);
    }

    public RequestKey withSource(InetAddress address) {
        return new RequestKey(address, uri, headers, hashInput, avoid);
    }

    /** The request target as received (origin form {@code /p?q} or absolute form). */
    public RequestKey withUri(String requestUri) {
        return new RequestKey(source, requestUri, headers, hashInput, avoid);
    }

    /** Header lookup by name, case-insensitive on the caller's side; returns the first value. */
    public RequestKey withHeaders(Function<String, Optional<String>> lookup) {
        return new RequestKey(source, uri, lookup, hashInput, avoid);
    }

    /** The value of {@code balance hash <expr>}, evaluated by the caller. */
    public RequestKey withHashInput(byte[] value) {
        return new RequestKey(source, uri, headers, value.clone(), avoid);
    }

    /** On a retry, the server that just failed: pick another one when there is a choice. */
    public RequestKey avoiding(BackendServer server) {
        return new RequestKey(source, uri, headers, hashInput, server);
    }

    public Optional<InetAddress> source() {
        return Optional.ofNullable(source);
    }

    public Optional<String> uri() {
        return Optional.ofNullable(uri);
    }

    public Optional<String> header(String name) {
        return headers.apply(name);
    }

    public Optional<byte[]> hashInput() {
        return Optional.ofNullable(hashInput).map(byte[]::clone);
    }

    public Optional<BackendServer> avoid() {
        return Optional.ofNullable(avoid);
    }

    @Override
    public String toString() {
        return "RequestKey[source=" + source + ", uri=" + uri + ", hashInput="
                + (hashInput == null ? "none" : Arrays.toString(hashInput)) + ", avoid="
                + (avoid == null ? "none" : avoid.name()) + "]";
    }
}
