package dev.tandem.testkit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortLeaseTest {

    @Test
    void leasedPortsLieBelowTheEphemeralRangeSoNoOutgoingConnectionTakesThem() throws Exception {
        int low = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim()
                .split("\\s+")[0]);
        try (PortLease lease = PortLease.take()) {
            assertTrue(lease.port() < low, lease.port() + " must be below " + low);
            assertTrue(lease.port() >= 1024);
        }
    }

    @Test
    void twoLeasesHeldAtOnceNeverShareAPort() {
        Set<Integer> seen = new HashSet<>();
        java.util.List<PortLease> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                PortLease l = PortLease.take();
                held.add(l);
                assertTrue(seen.add(l.port()), "port " + l.port() + " leased twice");
            }
        } finally {
            held.forEach(PortLease::close);
        }
        assertEquals(50, seen.size());
    }

    @Test
    void aLeasedPortCanBeBoundOnBothLoopbacks() throws Exception {
        try (PortLease lease = PortLease.take()) {
            for (String host : new String[] {"127.0.0.1", "::1"}) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(InetAddress.ofLiteral(host), lease.port()));
                    assertEquals(lease.port(), s.getLocalPort());
                }
            }
        }
    }

    @Test
    void aPortAlreadyBoundIsNeverLeased() throws Exception {
        int[] range = PortLease.range();
        try (PortLease first = PortLease.take(); ServerSocket occupied = new ServerSocket()) {
            int busy = first.port();
            first.close();
            occupied.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), busy));
            for (int i = 0; i < 200; i++) {
                try (PortLease l = PortLease.take()) {
                    assertNotEquals(busy, l.port());
                    assertTrue(l.port() >= range[0] && l.port() < range[1]);
                }
            }
        }
    }
}
