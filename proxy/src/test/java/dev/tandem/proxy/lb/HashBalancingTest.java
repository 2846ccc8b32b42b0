package dev.tandem.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.HashType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** configuration.txt §4.2 "balance" (hash algorithms) and "hash-type". */
class HashBalancingTest {

    private static final int KEYS = 100_000;

    private static Balancer uriBalancer(HashType type, BackendState state) {
        return Balancer.of(new Balance.Uri(false, false, OptionalInt.empty(), OptionalInt.empty()), type, state,
                new Random(1));
    }

    private static String[] assign(Balancer b, int keys) {
        String[] out = new String[keys];
        for (int i = 0; i < keys; i++) {
            out[i] = Servers.pickName(b, RequestKey.ofUri("/object/" + i));
        }
        return out;
    }

    @Test
    void consistentHashingMovesOnlyTheKeysOfARemovedServer() {
        List<BackendServer> s = Servers.equal("s1", "s2", "s3", "s4", "s5");
        BackendState state = Servers.state(s);
        Balancer b = uriBalancer(HashType.CONSISTENT, state);
        String[] before = assign(b, KEYS);
        state.setChecksSayUp(s.get(2), false, 1);
        String[] after = assign(b, KEYS);
        int moved = 0;
        for (int i = 0; i < KEYS; i++) {
            if (!before[i].equals(after[i])) {
                moved++;
                assertThat(before[i]).as("key %d moved although its server stayed", i).isEqualTo("s3");
            }
            if (before[i].equals("s3")) {
                assertThat(after[i]).isNotEqualTo("s3");
            }
        }
        assertThat(moved).isBetween(KEYS / 5 / 2, KEYS / 5 * 2);
    }

    @Test
    void consistentHashingAddingAServerMovesAboutOneNthOfTheKeysAllToTheNewServer() {
        List<BackendServer> s = Servers.equal("s1", "s2", "s3", "s4", "s5");
        BackendState state = Servers.state(s);
        state.setAdmin(s.get(4), AdminState.MAINT, 0);
        Balancer b = uriBalancer(HashType.CONSISTENT, state);
        String[] before = assign(b, KEYS);
        state.setAdmin(s.get(4), AdminState.READY, 1);
        String[] after = assign(b, KEYS);
        int moved = 0;
        for (int i = 0; i < KEYS; i++) {
            if (!before[i].equals(after[i])) {
                moved++;
                assertThat(after[i]).isEqualTo("s5");
            }
        }
        // 1/5 of the keys, with the ring's unevenness at 16 points per server
        assertThat(moved).isBetween(KEYS / 10, KEYS * 3 / 10);
    }

    @Test
    void mapBasedHashingMovesMostKeysWhenAServerGoes() {
        List<BackendServer> s = Servers.equal("s1", "s2", "s3", "s4", "s5");
        BackendState state = Servers.state(s);
        Balancer b = uriBalancer(HashType.MAP_BASED, state);
        String[] before = assign(b, KEYS);
        state.setChecksSayUp(s.get(2), false, 1);
        String[] after = assign(b, KEYS);
        int moved = 0;
        for (int i = 0; i < KEYS; i++) {
            if (!before[i].equals(after[i])) {
                moved++;
            }
        }
        assertThat(moved).isGreaterThan(KEYS / 2);
    }

    @Test
    void consistentRingGivesPointsInProportionToWeight() {
        List<BackendServer> s = Servers.weighted(new String[] {"light", "heavy"}, 1, 3);
        Balancer b = uriBalancer(HashType.CONSISTENT, Servers.state(s));
        Map<String, Integer> counts = new HashMap<>();
        for (String name : assign(b, KEYS)) {
            counts.merge(name, 1, Integer::sum);
        }
        assertThat(counts.get("heavy") / (double) counts.get("light")).isBetween(2.0, 4.5);
    }

    @Test
    void mapBasedGivesExactWeightShareOverTheHashSpace() {
        List<BackendServer> s = Servers.weighted(new String[] {"a", "b"}, 1, 2);
        Balancer b = Balancer.of(new Balance.Hash(dev.tandem.config.haproxy.model.SampleExpr.of("src")),
                HashType.MAP_BASED, Servers.state(s), new Random(1));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            // sdbm of one byte is the byte itself, so 0..2 cover the map's three slots once each
            counts.merge(Servers.pickName(b, RequestKey.none().withHashInput(new byte[] {(byte) (i % 3)})), 1,
                    Integer::sum);
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1000, "b", 2000));
    }

    @Test
    void sameKeyAlwaysGoesToTheSameServer() {
        for (HashType type : HashType.values()) {
            Balancer b = uriBalancer(type, Servers.state(Servers.equal("s1", "s2", "s3")));
            String first = Servers.pickName(b, RequestKey.ofUri("/cart/42"));
            for (int i = 0; i < 20; i++) {
                Servers.pickName(b, RequestKey.ofUri("/other/" + i));
                assertThat(Servers.pickName(b, RequestKey.ofUri("/cart/42"))).isEqualTo(first);
            }
        }
    }

    @Test
    void uriHashSendsEachKeyWhereHaproxy26DoesForBothHashTypes() throws IOException {
        List<BackendServer> s = Servers.weighted(new String[] {"s1", "s2", "s3"}, 1, 2, 1);
        Map<String, Balancer> byType = Map.of("consistent", uriBalancer(HashType.CONSISTENT, Servers.state(s)),
                "map-based", uriBalancer(HashType.MAP_BASED, Servers.state(s)));
        Map<String, Integer> rows = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("haproxy-uri-hash.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                assertThat(Servers.pickName(byType.get(f[0]), RequestKey.ofUri(f[1]))).as(line).isEqualTo(f[2]);
                rows.merge(f[0], 1, Integer::sum);
            }
        }
        assertThat(rows).containsExactlyInAnyOrderEntriesOf(Map.of("consistent", 40, "map-based", 40));
    }

    @Test
    void sourceUrlParamHeaderAndHashExpressionPickWhatHaproxy26Picks() throws Exception {
        List<BackendServer> s = Servers.weighted(new String[] {"s1", "s2", "s3"}, 1, 2, 1);
        Map<String, Balancer> byBackend = Map.of(
                "f1", Balancer.of(new Balance.Source(), HashType.MAP_BASED, Servers.state(s), new Random(1)),
                "f2", Balancer.of(new Balance.Source(), HashType.CONSISTENT, Servers.state(s), new Random(1)),
                "f3", Balancer.of(new Balance.UrlParam("user"), HashType.CONSISTENT, Servers.state(s), new Random(1)),
                "f4", Balancer.of(new Balance.Header("X-Session"), HashType.MAP_BASED, Servers.state(s), new Random(1)),
                "f5", Balancer.of(new Balance.Hash(dev.tandem.config.haproxy.model.SampleExpr.of("path")),
                        HashType.CONSISTENT, Servers.state(s), new Random(1)));
        Map<String, Integer> rows = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("haproxy-key-hash.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                RequestKey key = switch (f[0]) {
                    case "f1", "f2" -> RequestKey.ofSource(InetAddress.ofLiteral(f[1]));
                    case "f3" -> RequestKey.ofUri(f[1]);
                    case "f4" -> RequestKey.ofUri("/h").withHeaders(n -> n.equalsIgnoreCase("X-Session")
                            ? Optional.of(f[1]) : Optional.empty());
                    default -> RequestKey.ofUri(f[1]).withHashInput(f[1].getBytes(StandardCharsets.UTF_8));
                };
                assertThat(Servers.pickName(byBackend.get(f[0]), key)).as(line).isEqualTo(f[2]);
                rows.merge(f[0], 1, Integer::sum);
            }
        }
        assertThat(rows).containsExactlyInAnyOrderEntriesOf(Map.of("f1", 30, "f2", 30, "f3", 30, "f4", 30, "f5", 30));
    }

    @Test
    void uriOptionsWholeLenDepthAndPathOnlyPickWhatHaproxy26Picks() throws IOException {
        List<BackendServer> s = Servers.equal("s1", "s2", "s3", "s4", "s5");
        Map<String, Balancer> byBackend = Map.of(
                "whole", Balancer.of(new Balance.Uri(true, false, OptionalInt.empty(), OptionalInt.empty()),
                        HashType.MAP_BASED, Servers.state(s), new Random(1)),
                "len4", Balancer.of(new Balance.Uri(false, false, OptionalInt.of(4), OptionalInt.empty()),
                        HashType.MAP_BASED, Servers.state(s), new Random(1)),
                "depth1", Balancer.of(new Balance.Uri(false, false, OptionalInt.empty(), OptionalInt.of(1)),
                        HashType.MAP_BASED, Servers.state(s), new Random(1)),
                "pathonly", Balancer.of(new Balance.Uri(false, true, OptionalInt.empty(), OptionalInt.empty()),
                        HashType.CONSISTENT, Servers.state(s), new Random(1)));
        Map<String, Integer> rows = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("haproxy-uri-options.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                assertThat(Servers.pickName(byBackend.get(f[0]), RequestKey.ofUri(f[1]))).as(line).isEqualTo(f[2]);
                rows.merge(f[0], 1, Integer::sum);
            }
        }
        assertThat(rows).containsExactlyInAnyOrderEntriesOf(Map.of("whole", 20, "len4", 20, "depth1", 20, "pathonly", 15));
    }

    @Test
    void sourceHashOfAnIpv4AddressIsTheAddressModuloTheWeights() throws Exception {
        Balancer b = Balancer.of(new Balance.Source(), HashType.MAP_BASED, Servers.state(Servers.equal("s0", "s1", "s2")),
                new Random(1));
        // 127.0.0.10 = 0x7f00000a = 2130706442; 2130706442 % 3 = 2
        assertThat(Servers.pickName(b, RequestKey.ofSource(InetAddress.ofLiteral("127.0.0.10")))).isEqualTo("s2");
        assertThat(Servers.pickName(b, RequestKey.ofSource(InetAddress.ofLiteral("127.0.0.11")))).isEqualTo("s0");
        assertThat(Servers.pickName(b, RequestKey.ofSource(InetAddress.ofLiteral("::1")))).isEqualTo("s1");
    }

    @Test
    void missingHashInputFallsBackToRoundRobin() {
        List<Balance> algorithms = List.of(new Balance.UrlParam("user"), new Balance.Header("X-Session"),
                new Balance.Source(), new Balance.Hash(dev.tandem.config.haproxy.model.SampleExpr.of("req.cook", "sid")));
        for (Balance algorithm : algorithms) {
            for (HashType type : HashType.values()) {
                Balancer b = Balancer.of(algorithm, type, Servers.state(Servers.equal("s1", "s2", "s3")), new Random(1));
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 48; i++) {
                    seen.add(Servers.pickName(b, RequestKey.ofUri("/no/param")));
                }
                assertThat(seen).as("%s %s", algorithm, type).contains("s1", "s2", "s3");
            }
        }
    }

    @Test
    void urlParamAndHeaderStickToTheirValue() {
        Balancer byParam = Balancer.of(new Balance.UrlParam("user"), HashType.CONSISTENT,
                Servers.state(Servers.equal("s1", "s2", "s3", "s4")), new Random(1));
        String first = Servers.pickName(byParam, RequestKey.ofUri("/a?x=1&user=alice&y=2"));
        assertThat(Servers.pickName(byParam, RequestKey.ofUri("/b/c?user=alice"))).isEqualTo(first);
        Balancer byHeader = Balancer.of(new Balance.Header("X-Session"), HashType.MAP_BASED,
                Servers.state(Servers.equal("s1", "s2", "s3", "s4")), new Random(1));
        RequestKey k = RequestKey.ofUri("/").withHeaders(n -> n.equalsIgnoreCase("x-session") ? Optional.of("abc") : Optional.empty());
        String h = Servers.pickName(byHeader, k);
        for (int i = 0; i < 10; i++) {
            assertThat(Servers.pickName(byHeader, k)).isEqualTo(h);
        }
    }

    @Test
    void hashedServerAtMaxconnKeepsTheKeyAndQueuesOnThatServer() {
        List<BackendServer> s = List.of(BackendServer.of(0, "s1", 1).withMaxconn(1), BackendServer.of(1, "s2", 1).withMaxconn(1));
        Balancer b = uriBalancer(HashType.CONSISTENT, Servers.state(s));
        Pick first = b.pick(RequestKey.ofUri("/k"));
        assertThat(first).isInstanceOf(Pick.Assigned.class);
        BackendServer owner = ((Pick.Assigned) first).server();
        assertThat(b.pick(RequestKey.ofUri("/k"))).isEqualTo(new Pick.QueueOnServer(owner));
    }

    @Test
    void consistentRingStepsPastTheServerToAvoid() {
        List<BackendServer> s = Servers.equal("s1", "s2", "s3");
        Balancer b = uriBalancer(HashType.CONSISTENT, Servers.state(s));
        for (int i = 0; i < 200; i++) {
            String usual = Servers.pickName(b, RequestKey.ofUri("/k" + i));
            BackendServer owner = s.stream().filter(x -> x.name().equals(usual)).findFirst().orElseThrow();
            assertThat(Servers.pickName(b, RequestKey.ofUri("/k" + i).avoiding(owner))).isNotEqualTo(usual);
        }
    }
}
