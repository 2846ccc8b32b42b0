package dev.tandem.node.vrrp;

import static org.awaitility.Awaitility.await;

import dev.tandem.testkit.netns.LabHost;
import dev.tandem.testkit.netns.NetLab;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * One lab (hosts a, b, c for routers, d for the client) shared by a test class; every test stops what it
 * started and leaves no VIP behind. Needs root: {@link NetLab#start} fails loudly without it.
 */
abstract class LabTest {
    static NetLab lab;
    static LabHost a;
    static LabHost b;
    static LabHost c;
    static LabHost client;

    @TempDir
    Path dir;

    private final List<LoggedProcess> started = new ArrayList<>();

    @BeforeAll
    static void buildLab() {
        lab = NetLab.start(4);
        a = lab.host("a");
        b = lab.host("b");
        c = lab.host("c");
        client = lab.host("d");
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void cleanNeighbours() {
        client.ip("neigh", "flush", "dev", "eth0");
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (LoggedProcess p : started.reversed()) {
            p.close();
        }
        for (LabHost h : List.of(a, b, c)) {
            if (!h.linkFlags().contains("LOWER_UP")) {
                h.plug();
                h.linkUp();
            }
            for (String vip : List.of(Conf.VIP4 + "/24", Conf.VIP6 + "/64")) {
                if (hasAddress(h, vip.substring(0, vip.indexOf('/')))) {
                    h.ip("addr", "del", vip, "dev", "eth0");
                }
            }
        }
    }

    TandemNode tandem(LabHost host, Conf conf) throws Exception {
        TandemNode n = TandemNode.start(host, dir, conf.text());
        started.add(n);
        return n;
    }

    <T extends LoggedProcess> T track(T p) {
        started.add(p);
        return p;
    }

    KeepalivedPeer keepalived(LabHost host, Conf conf) throws Exception {
        KeepalivedPeer k = KeepalivedPeer.start(host, dir, conf.text());
        started.add(k);
        return k;
    }

    static boolean hasAddress(LabHost host, String address) {
        String out = host.ip("-o", "addr", "show", "dev", "eth0").stdout();
        return out.contains(" " + address + "/");
    }

    static void awaitAddress(LabHost host, String address, boolean present, Duration atMost) {
        await(address + (present ? " on " : " gone from ") + host.name()).atMost(atMost)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> hasAddress(host, address) == present);
    }

    /** The client's neighbour entry for {@code address}, e.g. "... lladdr 02:00:00:00:00:11 REACHABLE". */
    static String neighbour(String address) {
        return client.ip("neigh", "show", address).stdout();
    }

    /**
     * A TCP connect from the client to port 9 of {@code address}: refused (RST) or accepted both prove a host
     * holding the address answered; only a timeout means nobody did.
     */
    static boolean reaches(String address) throws Exception {
        return client.call(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.ofLiteral(address), 9), 500);
                return true;
            } catch (ConnectException e) {
                return e.getMessage() != null && e.getMessage().contains("refused");
            } catch (SocketTimeoutException e) {
                return false;
            }
        });
    }

    /** One HTTP/1.0 GET from the client; the whole response, or "" when nobody answered. */
    static String httpGet(String address, int port) throws Exception {
        return client.call(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.ofLiteral(address), port), 1000);
                s.setSoTimeout(2000);
                s.getOutputStream().write("GET / HTTP/1.0\r\nHost: vip\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            } catch (java.io.IOException e) {
                return "";
            }
        });
    }

    static final Duration STARTUP = Duration.ofSeconds(30);
}
