package dev.tandem.proxy.check.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.Server;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** configuration.txt §5.2 "addr", "port", "check-send-proxy". */
class CheckTargetTest {

    private static Server server(String host, OptionalInt port, OptionalInt checkPort, Optional<String> addr,
            boolean checkSendProxy, Server.SendProxy sendProxy) {
        Server.ServerCheck check = new Server.ServerCheck(true, Duration.ofSeconds(2), Optional.empty(), Optional.empty(),
                2, 3, checkPort, addr, checkSendProxy, false);
        return new Server("app1", host, port, check, 1, false, false, OptionalInt.empty(), OptionalInt.empty(), sendProxy,
                Optional.empty(), List.of(), false, Origin.DEFAULT);
    }

    @Test
    void checksGoToTheServerAddressByDefault() {
        CheckTarget t = CheckTarget.of("be", server("127.0.0.1", OptionalInt.of(8080), OptionalInt.empty(),
                Optional.empty(), false, Server.SendProxy.NONE));
        assertThat(t).isEqualTo(new CheckTarget(new InetSocketAddress("127.0.0.1", 8080), Server.SendProxy.NONE, false));
    }

    @Test
    void addrAndPortRedirectTheChecksOnly() {
        CheckTarget t = CheckTarget.of("be", server("127.0.0.1", OptionalInt.of(8080), OptionalInt.of(9000),
                Optional.of("127.0.0.2"), false, Server.SendProxy.NONE));
        assertThat(t.address()).isEqualTo(new InetSocketAddress("127.0.0.2", 9000));
    }

    @Test
    void ipv6LiteralIsAccepted() {
        CheckTarget t = CheckTarget.of("be", server("::1", OptionalInt.of(8080), OptionalInt.empty(), Optional.empty(),
                false, Server.SendProxy.NONE));
        assertThat(((InetSocketAddress) t.address()).getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void checkSendProxyUsesTheServersProxyVersionAndV1WhenItHasNone() {
        assertThat(CheckTarget.of("be", server("127.0.0.1", OptionalInt.of(80), OptionalInt.empty(), Optional.empty(),
                true, Server.SendProxy.NONE)).proxyHeader()).isEqualTo(Server.SendProxy.V1);
        assertThat(CheckTarget.of("be", server("127.0.0.1", OptionalInt.of(80), OptionalInt.empty(), Optional.empty(),
                true, Server.SendProxy.V2)).proxyHeader()).isEqualTo(Server.SendProxy.V2);
        assertThat(CheckTarget.of("be", server("127.0.0.1", OptionalInt.of(80), OptionalInt.empty(), Optional.empty(),
                false, Server.SendProxy.V2)).proxyHeader()).isEqualTo(Server.SendProxy.NONE);
    }

    @Test
    void hostNameIsAClearErrorNotALookup() {
        assertThatThrownBy(() -> CheckTarget.of("be", server("app1.internal", OptionalInt.of(80), OptionalInt.empty(),
                Optional.empty(), false, Server.SendProxy.NONE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("server be/app1: cannot check 'app1.internal': health checks need an IP address"
                        + " (host names are not resolved); write the server's IP");
    }

    @Test
    void serverWithoutPortNeedsACheckPort() {
        assertThatThrownBy(() -> CheckTarget.of("be", server("127.0.0.1", OptionalInt.empty(), OptionalInt.empty(),
                Optional.empty(), false, Server.SendProxy.NONE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("server be/app1: health check has no port (the server has none); add 'port <n>' to the"
                        + " server line");
        assertThat(((InetSocketAddress) CheckTarget.of("be", server("127.0.0.1", OptionalInt.empty(), OptionalInt.of(81),
                Optional.empty(), false, Server.SendProxy.NONE)).address()).getPort()).isEqualTo(81);
    }

    /** proxy-protocol.txt §2.1 and §2.2: a check has no client, so v1 says UNKNOWN and v2 LOCAL. */
    @Test
    void proxyHeaderOfACheckIsUnknownInV1AndLocalInV2() {
        assertThat(CheckAttempt.proxyHeader(Server.SendProxy.V1)).asString().isEqualTo("PROXY UNKNOWN\r\n");
        assertThat(CheckAttempt.proxyHeader(Server.SendProxy.V2)).containsExactly(0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D,
                0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x20, 0x00, 0x00, 0x00);
    }
}
