package dev.tandem.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.HashFunction;
import dev.tandem.config.haproxy.model.HashType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** configuration.txt "hash-type": the functions sdbm, djb2, wt6, crc32, none and the avalanche modifier. */
class HashFunctionTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource({
            "SDBM, '', 0",
            "SDBM, a, 97",
            "DJB2, '', 5381",
            "DJB2, a, 177670",
            "CRC32, '', 0",
            "CRC32, 123456789, 0xcbf43926",
            "CRC32, a, 0xe8b7be43",
            "NONE, 42, 42",
            "NONE, 42abc, 42",
            "NONE, -1, 0xffffffff",
            "NONE, abc, 0",
            "NONE, 4294967297, 1"})
    void functionsGiveTheirKnownValues(HashFunction.Function f, String key, String expected) {
        long want = Long.decode(expected);
        assertThat(KeyHash.of(new HashFunction(f, false)).hash(ascii(key))).isEqualTo((int) want);
    }

    @Test
    void wt6MixesEveryByteAndStartsFromItsSeeds() {
        KeyHash wt6 = KeyHash.of(new HashFunction(HashFunction.Function.WT6, false));
        assertThat(wt6.hash(new byte[0])).isEqualTo(0xa53c965a ^ 0x5ca6953a);
        assertThat(wt6.hash(ascii("ab"))).isNotEqualTo(wt6.hash(ascii("ba")));
    }

    @Test
    void avalancheModifierPassesTheFunctionsResultThroughTheFullAvalanche() {
        KeyHash plain = KeyHash.of(new HashFunction(HashFunction.Function.DJB2, false));
        KeyHash mixed = KeyHash.of(new HashFunction(HashFunction.Function.DJB2, true));
        assertThat(mixed.hash(ascii("cart-42"))).isEqualTo(KeyHash.avalanche(plain.hash(ascii("cart-42"))));
        assertThat(mixed.modify(7)).isEqualTo(KeyHash.avalanche(7));
        assertThat(plain.modify(7)).isEqualTo(7);
    }

    @Test
    void bytesAbove0x7fCountAsUnsignedAsInHaproxy26() {
        assertThat(KeyHash.sdbm(new byte[] {(byte) 0xe9})).isEqualTo(233);
        assertThat(KeyHash.djb2(new byte[] {(byte) 0xe9}, 0, 1)).isEqualTo(5381 * 33 + 233);
    }

    @Test
    void eachFunctionAndModifierSendsEachKeyWhereHaproxy26Does() throws IOException {
        Map<String, Integer> rows = new HashMap<>();
        Map<String, Balancer> balancers = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("haproxy-hash-functions.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                Balancer b = balancers.computeIfAbsent(f[0], HashFunctionTest::balancer);
                String value = new String(HexFormat.of().parseHex(f[1]), StandardCharsets.ISO_8859_1);
                RequestKey key = RequestKey.ofUri("/").withHeaders(n -> n.equalsIgnoreCase("X-Key")
                        ? Optional.of(value) : Optional.empty());
                assertThat(Servers.pickName(b, key)).as(line).isEqualTo(f[2]);
                rows.merge(f[0], 1, Integer::sum);
            }
        }
        assertThat(rows).hasSize(11).allSatisfy((backend, n) -> assertThat(n).isEqualTo(22));
    }

    /** {@code m-djb2-av}: method, function, modifier (a function named explicitly: no implied avalanche). */
    private static Balancer balancer(String backend) {
        String[] p = backend.split("-");
        HashType method = p[0].equals("m") ? HashType.MAP_BASED : HashType.CONSISTENT;
        HashFunction fn = new HashFunction(HashFunction.Function.valueOf(p[1].toUpperCase(java.util.Locale.ROOT)),
                p.length == 3);
        List<BackendServer> servers = Servers.weighted(new String[] {"s1", "s2", "s3", "s4", "s5"}, 1, 2, 3, 1, 2);
        return Balancer.of(new Balance.Header("X-Key"), method, fn, Servers.state(servers), new Random(1));
    }

    @Test
    void consistentWithoutFunctionImpliesAvalancheAndWithOneDoesNot() {
        List<BackendServer> servers = Servers.weighted(new String[] {"s1", "s2", "s3", "s4", "s5"}, 1, 2, 3, 1, 2);
        // key "a" (0x61): haproxy 2.6.12 sends it to s3 with 'consistent sdbm', see haproxy-hash-functions.txt
        RequestKey key = RequestKey.ofUri("/").withHeaders(n -> Optional.of("a"));
        Balancer explicit = Balancer.of(new Balance.Header("X-Key"), HashType.CONSISTENT,
                new HashFunction(HashFunction.Function.SDBM, false), Servers.state(servers), new Random(1));
        Balancer implied = Balancer.of(new Balance.Header("X-Key"), HashType.CONSISTENT, Servers.state(servers),
                new Random(1));
        Balancer impliedExplicitly = Balancer.of(new Balance.Header("X-Key"), HashType.CONSISTENT,
                new HashFunction(HashFunction.Function.SDBM, true), Servers.state(servers), new Random(1));
        assertThat(Servers.pickName(explicit, key)).isEqualTo("s3");
        assertThat(Servers.pickName(implied, key)).isEqualTo(Servers.pickName(impliedExplicitly, key)).isNotEqualTo("s3");
    }

    @Test
    void sourceHashTakesTheModifierButNotTheFunction() {
        // backend.c get_server_sh: the address words XORed, then the modifier; no hash function
        RequestKey key = RequestKey.ofSource(InetAddress.ofLiteral("192.0.2.7"));
        assertThat(HashKey.source(KeyHash.of(new HashFunction(HashFunction.Function.CRC32, false))).hash(key))
                .hasValue(0xc0000207);
        assertThat(HashKey.source(KeyHash.of(new HashFunction(HashFunction.Function.SDBM, true))).hash(key))
                .hasValue(KeyHash.avalanche(0xc0000207));
    }

    @Test
    void sourceBalancingTakesTheModifierButNotTheFunctionLikeHaproxy26() throws IOException {
        Map<String, HashFunction> byBackend = Map.of(
                "s-m-av", new HashFunction(HashFunction.Function.SDBM, true),
                "s-c-sdbm", new HashFunction(HashFunction.Function.SDBM, false),
                "s-m-crc", new HashFunction(HashFunction.Function.CRC32, false));
        Map<String, Integer> rows = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("haproxy-source-hash-modifier.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                HashType method = f[0].startsWith("s-c") ? HashType.CONSISTENT : HashType.MAP_BASED;
                List<BackendServer> servers = Servers.weighted(new String[] {"s1", "s2", "s3", "s4", "s5"}, 1, 2, 3, 1, 2);
                Balancer b = Balancer.of(new Balance.Source(), method, byBackend.get(f[0]), Servers.state(servers),
                        new Random(1));
                assertThat(Servers.pickName(b, RequestKey.ofSource(InetAddress.ofLiteral(f[1])))).as(line)
                        .isEqualTo(f[2]);
                rows.merge(f[0], 1, Integer::sum);
            }
        }
        assertThat(rows).containsOnlyKeys("s-m-av", "s-c-sdbm", "s-m-crc").allSatisfy((k, n) -> assertThat(n).isEqualTo(20));
    }
}
