package dev.tandem.proxy.tls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Server-name selection of an {@code ssl} bind: an exact name first, then a wildcard covering one
 * label ({@code *.example.test} matches {@code a.example.test}, not {@code example.test} nor
 * {@code a.b.example.test}, RFC 6125 §6.4.3), else the default (the first certificate loaded), or
 * nothing with {@code strict-sni} (configuration.txt §5.1 "crt", "strict-sni"). For equal names the
 * certificate loaded first wins.
 */
public final class SniTable<V> {

    private record Wildcard<V>(V value, Set<String> excluded) {}

    private final Map<String, V> exact = new HashMap<>();
    private final Map<String, List<Wildcard<V>>> wildcards = new HashMap<>();
    private final V fallback;

    private SniTable(V fallback) {
        this.fallback = fallback;
    }

    /** @param fallback what a hello without SNI or with an unknown name gets; null refuses (strict-sni) */
    public static <V> SniTable<V> withDefault(V fallback) {
        return new SniTable<>(fallback);
    }

    public SniTable<V> add(List<String> names, List<String> excluded, V value) {
        Set<String> ex = Set.copyOf(excluded.stream().map(SniTable::normalise).toList());
        for (String raw : names) {
            String name = normalise(raw);
            if (name.startsWith("*.")) {
                wildcards.computeIfAbsent(name.substring(2), k -> new ArrayList<>()).add(new Wildcard<>(value, ex));
            } else if (!ex.contains(name)) {
                exact.putIfAbsent(name, value);
            }
        }
        return this;
    }

    /** The value for a ClientHello's server_name (null when the client sent none). */
    public Optional<V> select(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return Optional.ofNullable(fallback);
        }
        String name = normalise(serverName);
        V v = exact.get(name);
        if (v != null) {
            return Optional.of(v);
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
            for (Wildcard<V> w : wildcards.getOrDefault(name.substring(dot + 1), List.of())) {
                if (!w.excluded().contains(name)) {
                    return Optional.of(w.value());
                }
            }
        }
        return Optional.ofNullable(fallback);
    }

    private static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
