package dev.tandem.proxy.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Listener ids (configuration.txt §5.1 "id"): a bind's own id, else the first number from 1 that no
 * bind of the frontend took, in bind order (haproxy's cfgparse.c "listener ID are automatically
 * assigned"). They name a socket in handshake error lines and stand for a UNIX client's port in logs.
 */
class ListenerIdTest {

    private static Bind bind(int id) {
        return Bind.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0)).withId(id);
    }

    private static List<Integer> ids(Bind... binds) {
        return Frontend.of("fe", Mode.HTTP, List.of(binds), Timeouts.NONE, "be").binds().stream().map(Bind::id)
                .toList();
    }

    @Test
    void bindsWithoutAnIdAreNumberedInOrderSkippingTakenOnes() {
        assertThat(ids(bind(0), bind(0), bind(0))).containsExactly(1, 2, 3);
        assertThat(ids(bind(0), bind(2), bind(0), bind(0))).containsExactly(1, 2, 3, 4);
        assertThat(ids(bind(0), bind(1), bind(0))).containsExactly(2, 1, 3);
        assertThat(ids(bind(7), bind(0))).containsExactly(7, 1);
    }
}
