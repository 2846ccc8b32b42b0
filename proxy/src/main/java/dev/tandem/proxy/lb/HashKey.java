package dev.tandem.proxy.lb;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns the part of a request a hash algorithm looks at into haproxy's 32-bit hash
 * (configuration.txt §4.2 "balance"); empty when the request lacks it, and the balancer then
 * falls back to round robin.
 */
@FunctionalInterface
interface HashKey {

    OptionalInt hash(RequestKey key);

    /**
     * {@code balance source}: the address bytes as big-endian 32-bit words XORed together, not
     * passed through sdbm (backend.c get_server_sh), so an IPv4 address hashes to its own value.
     */
    static HashKey source() {
        return source(KeyHash.DEFAULT);
    }

    /** The address hash with the {@code avalanche} modifier when configured; the hash function plays no part. */
    static HashKey source(KeyHash fn) {
        return key -> key.source().map(a -> OptionalInt.of(fn.modify(addressHash(a)))).orElse(OptionalInt.empty());
    }

    private static int addressHash(InetAddress address) {
        byte[] b = address.getAddress();
        int h = 0;
        for (int i = 0; i + 4 <= b.length; i += 4) {
            h ^= ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
        }
        return h;
    }

    /**
     * {@code balance uri [whole] [path-only] [len n] [depth n]}: the part before '?' (or all with
     * {@code whole}), cut to {@code len} characters and before the slash that starts directory
     * level {@code depth + 1}; {@code path-only} first drops scheme and authority of an absolute URI.
     */
    static HashKey uri(boolean whole, boolean pathOnly, OptionalInt len, OptionalInt depth) {
        return uri(whole, pathOnly, len, depth, KeyHash.DEFAULT);
    }

    static HashKey uri(boolean whole, boolean pathOnly, OptionalInt len, OptionalInt depth, KeyHash fn) {
        return key -> key.uri().map(u -> {
            String target = pathOnly ? pathOf(u) : u;
            byte[] bytes = target.getBytes(StandardCharsets.ISO_8859_1);
            int limit = len.isPresent() && len.getAsInt() > 0 ? Math.min(bytes.length, len.getAsInt()) : bytes.length;
            int stopAtSlash = depth.isPresent() && depth.getAsInt() > 0 ? depth.getAsInt() + 1 : 0;
            int slashes = 0;
            int end = 0;
            while (end < limit) {
                byte c = bytes[end];
                if (c == '/') {
                    slashes++;
                    if (slashes == stopAtSlash) {
                        break;
                    }
                } else if (c == '?' && !whole) {
                    break;
                }
                end++;
            }
            return OptionalInt.of(fn.hash(bytes, 0, end));
        }).orElse(OptionalInt.empty());
    }

    /** The path of an absolute-form target ({@code http://h/p?q} -> {@code /p?q}); origin form is kept. */
    static String pathOf(String uri) {
        if (uri.startsWith("/") || uri.equals("*")) {
            return uri;
        }
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri;
        }
        int slash = uri.indexOf('/', scheme + 3);
        if (slash < 0) {
            int query = uri.indexOf('?', scheme + 3);
            return query < 0 ? "" : uri.substring(query);
        }
        return uri.substring(slash);
    }

    /** {@code balance url_param <param>}: the value of the first {@code param=} in the query string. */
    static HashKey urlParam(String param) {
        return urlParam(param, KeyHash.DEFAULT);
    }

    static HashKey urlParam(String param, KeyHash fn) {
        return key -> key.uri().flatMap(u -> queryValue(u, param))
                .map(v -> OptionalInt.of(fn.hash(v.getBytes(StandardCharsets.ISO_8859_1))))
                .orElse(OptionalInt.empty());
    }

    static Optional<String> queryValue(String uri, String param) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        int fragment = uri.indexOf('#', q);
        String query = uri.substring(q + 1, fragment < 0 ? uri.length() : fragment);
        for (String pair : query.split("[&;]", -1)) {
            int eq = pair.indexOf('=');
            if (eq >= 0 && pair.substring(0, eq).equals(param)) {
                String value = pair.substring(eq + 1);
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** {@code balance hdr(<name>)}: the header's value. */
    static HashKey header(String name) {
        return header(name, KeyHash.DEFAULT);
    }

    static HashKey header(String name, KeyHash fn) {
        return key -> key.header(name).map(String::strip).filter(v -> !v.isEmpty())
                .map(v -> OptionalInt.of(fn.hash(v.getBytes(StandardCharsets.ISO_8859_1))))
                .orElse(OptionalInt.empty());
    }

    /** {@code balance hash <expr>}: the bytes the caller evaluated. */
    static HashKey expression() {
        return expression(KeyHash.DEFAULT);
    }

    static HashKey expression(KeyHash fn) {
        return key -> key.hashInput().map(v -> OptionalInt.of(fn.hash(v))).orElse(OptionalInt.empty());
    }
}
