package dev.tandem.node.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How a node starts and what it refuses: capabilities, residual VIPs, keepalived's own command line. */
class TandemNodeSystemTest extends LabTest {
    @Test
    void withoutCapNetRawTheNodeSaysWhichCapabilityIsMissingAndExits() throws Exception {
        Path conf = TandemNode.write(a, dir, Conf.v3(150, "1").text());
        TandemNode node = track(TandemNode.launch(a, dir,
                List.of("setpriv", "--bounding-set=-net_raw,-net_admin", "--inh-caps=-net_raw,-net_admin"),
                List.of("run", "-k", conf.toString())));
        assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        assertThat(node.process().exitValue()).isEqualTo(1);
        assertThat(node.log()).contains("CAP_NET_RAW").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(node.count("^.*CAP_NET_RAW.*$")).as("one error line, not a cascade").isEqualTo(1);
        assertThat(hasAddress(a, Conf.VIP4)).isFalse();
    }

    @Test
    void vipsLeftBehindByAKilledNodeAreRemovedAtStart() throws Exception {
        TandemNode master = tandem(a, Conf.v3(150, "0.1"));
        master.awaitLog("\\(VI_4\\) Entering MASTER STATE", STARTUP);
        b.ip("addr", "add", Conf.VIP4 + "/24", "dev", "eth0");

        TandemNode backup = tandem(b, Conf.v3(100, "0.1"));
        backup.awaitLog("removing residual VIP 192.0.2.100 from eth0", STARTUP);
        backup.awaitLog("\\(VI_4\\) Entering BACKUP STATE", STARTUP);
        assertThat(hasAddress(b, Conf.VIP4)).isFalse();
        assertThat(hasAddress(a, Conf.VIP4)).isTrue();
    }

    @Test
    void keepalivedsOwnCommandLineRunsVrrpAndWritesItsPidFile() throws Exception {
        Path conf = TandemNode.write(a, dir, Conf.v3(150, "0.1").text());
        Path pid = dir.resolve("keepalived.pid");
        TandemNode node = track(TandemNode.launch(a, dir, List.of(),
                List.of("keepalived", "-n", "-l", "-D", "-f", conf.toString(), "-p", pid.toString())));
        node.awaitLog("\\(VI_4\\) Entering MASTER STATE", STARTUP);
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));
        assertThat(java.nio.file.Files.readString(pid).strip()).isEqualTo(Long.toString(node.pid()));
        assertThat(node.terminate()).isZero();
        assertThat(hasAddress(a, Conf.VIP4)).isFalse();
    }

    @Test
    void aTrackFileWithWeightZeroPutsTheInstanceInFaultWhileNonZero() throws Exception {
        Path file = dir.resolve("track");
        java.nio.file.Files.writeString(file, "0\n");
        String conf = "vrrp_track_file TF {\n  file " + file + "\n}\n"
                + Conf.v3(150, "0.1").extra("  track_file {\n    TF weight 0\n  }\n").text();
        TandemNode node = track(TandemNode.launch(a, dir, List.of(),
                List.of("run", "-k", TandemNode.write(a, dir, conf).toString())));
        node.awaitLog("\\(VI_4\\) Entering MASTER STATE", STARTUP);
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));

        java.nio.file.Files.writeString(file, "1\n");
        node.awaitLog("\\(VI_4\\) Entering FAULT STATE", Duration.ofSeconds(5));
        awaitAddress(a, Conf.VIP4, false, Duration.ofSeconds(5));
        java.nio.file.Files.writeString(file, "0\n");
        node.awaitLog("(?s)FAULT STATE.*\\(VI_4\\) Entering MASTER STATE", Duration.ofSeconds(5));
        awaitAddress(a, Conf.VIP4, true, Duration.ofSeconds(5));
    }

    /** keepalived vrrp.c: on takeover the notify script runs last, after the VIPs are in place. */
    @Test
    void notifyRunsAfterTheVipIsInPlaceWithKeepalivedsArguments() throws Exception {
        Path out = dir.resolve("notify.out");
        Path script = dir.resolve("notify.sh");
        java.nio.file.Files.writeString(script, "#!/bin/sh\n"
                + "echo \"$* vip=$(ip -o addr show dev eth0 | grep -c ' 192.0.2.100/')\" >> " + out + "\n");
        script.toFile().setExecutable(true);
        TandemNode node = tandem(a, Conf.v3(150, "0.1").extra("  notify " + script + "\n"));
        node.awaitLog("\\(VI_4\\) Entering MASTER STATE", STARTUP);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> java.nio.file.Files.exists(out)
                        && java.nio.file.Files.readString(out).contains("INSTANCE VI_4 MASTER 150"));
        assertThat(java.nio.file.Files.readString(out)).contains("INSTANCE VI_4 MASTER 150 vip=1");
        assertThat(node.terminate()).isZero();
        assertThat(java.nio.file.Files.readString(out)).contains("INSTANCE VI_4 STOP");
    }

    private Path haproxyCfg(String node) throws java.io.IOException {
        Path cfg = dir.resolve("haproxy-" + node + ".cfg");
        java.nio.file.Files.writeString(cfg, """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s

                frontend fe
                    bind 192.0.2.100:80 transparent
                    http-request return status 200 content-type text/plain string served-by-%s
                """.formatted(node));
        return cfg;
    }

    /** One process runs both planes: the listener binds the VIP before it arrives (IP_FREEBIND) and follows it. */
    @Test
    void proxyAndVrrpInOneNodeServeTheVipFromWhicheverIsMaster() throws Exception {
        TandemNode nodeA = track(TandemNode.launch(a, dir, List.of(), List.of("run", "-f", haproxyCfg("a").toString(),
                "-k", TandemNode.write(a, dir, Conf.v3(150, "0.1").text()).toString())));
        nodeA.awaitLog("\\(VI_4\\) Entering MASTER STATE", STARTUP);
        TandemNode nodeB = track(TandemNode.launch(b, dir, List.of(), List.of("run", "-f", haproxyCfg("b").toString(),
                "-k", TandemNode.write(b, dir, Conf.v3(100, "0.1").text()).toString())));
        nodeB.awaitLog("\\(VI_4\\) Entering BACKUP STATE", STARTUP);
        nodeB.awaitLog("listening on", STARTUP);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> httpGet(Conf.VIP4, 80).contains("served-by-a"));

        assertThat(nodeA.terminate()).isZero();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> httpGet(Conf.VIP4, 80).contains("served-by-b"));
        assertThat(httpGet(Conf.VIP4, 80)).startsWith("HTTP/1.");
    }
}
