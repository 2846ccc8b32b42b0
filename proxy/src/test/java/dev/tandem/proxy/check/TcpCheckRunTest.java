package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.proxy.check.TcpCheckRun.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** configuration.txt "tcp-check connect", "tcp-check send", "tcp-check expect"; tcpcheck.c messages. */
class TcpCheckRunTest {

    private static final Origin O = Origin.DEFAULT;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<CheckRule> redisPing() {
        return List.of(new CheckRule.TcpSend("PING\r\n", false, O), new CheckRule.Expect(false, "string", "+PONG", O),
                new CheckRule.TcpSend("QUIT\r\n", false, O), new CheckRule.Expect(false, "string", "+OK", O));
    }

    @Test
    void scriptRunsConnectSendExpectInOrderAndPassesAsLayer7() {
        TcpCheckRun run = new TcpCheckRun(redisPing());
        assertThat(run.start()).isEqualTo(new Step.Connect(OptionalInt.empty(), false, false));
        Step s = run.connected(0);
        assertThat(s).isInstanceOfSatisfying(Step.Send.class, x -> assertThat(x.data()).isEqualTo(bytes("PING\r\n")));
        assertThat(run.sent(0)).isInstanceOf(Step.Receive.class);
        assertThat(run.received(bytes("+PO"), 1)).isInstanceOf(Step.Receive.class);
        assertThat(run.received(bytes("NG\r\n"), 1)).isInstanceOf(Step.Send.class);
        assertThat(run.sent(1)).isInstanceOf(Step.Receive.class);
        assertThat(run.received(bytes("+OK\r\n"), 2))
                .isEqualTo(new Step.Done(new CheckResult(CheckStatus.L7OK, 0, "(tcp-check)", 2)));
    }

    @Test
    void mismatchNamesTheStepAsHaproxyNumbersIt() {
        // haproxy 2.6.12 with "tcp-check send PING\r\n" + "tcp-check expect string +PONG" logged:
        // info: "TCPCHK did not match content '+PONG' at step 2"
        TcpCheckRun run = new TcpCheckRun(redisPing());
        run.start();
        run.connected(0);
        run.sent(0);
        run.received(bytes("-ERR"), 1);
        assertThat(run.closed(1)).isEqualTo(new Step.Done(CheckResult.of(CheckStatus.L7RSP,
                "TCPCHK did not match content '+PONG' at step 2", 1)));
    }

    @Test
    void explicitConnectIsStepOne() {
        TcpCheckRun run = new TcpCheckRun(List.of(new CheckRule.TcpConnect(OptionalInt.of(6379), false, false, O),
                new CheckRule.Expect(false, "binary", "2b", O)));
        assertThat(run.start()).isEqualTo(new Step.Connect(OptionalInt.of(6379), false, false));
        assertThat(run.connected(0)).isInstanceOf(Step.Receive.class);
        assertThat(run.closed(3)).isEqualTo(new Step.Done(CheckResult.of(CheckStatus.L7RSP,
                "TCPCHK got an empty response at step 2", 3)));
    }

    @Test
    void failuresBeforeAndAfterConnectMapToLayer4AndLayer7Statuses() {
        TcpCheckRun refused = new TcpCheckRun(redisPing());
        refused.start();
        assertThat(refused.connectFailed("Connection refused", 0))
                .isEqualTo(new Step.Done(CheckResult.of(CheckStatus.L4CON, "Connection refused", 0)));
        TcpCheckRun slowConnect = new TcpCheckRun(redisPing());
        slowConnect.start();
        assertThat(((Step.Done) slowConnect.timedOut(2000)).result().status()).isEqualTo(CheckStatus.L4TOUT);
        TcpCheckRun slowAnswer = new TcpCheckRun(redisPing());
        slowAnswer.start();
        slowAnswer.connected(0);
        slowAnswer.sent(0);
        assertThat(((Step.Done) slowAnswer.timedOut(2000)).result().status()).isEqualTo(CheckStatus.L7TOUT);
    }

    @Test
    void connectOnlyScriptPassesAsLayer4() {
        TcpCheckRun plain = new TcpCheckRun(List.of());
        plain.start();
        assertThat(plain.connected(0)).isEqualTo(new Step.Done(CheckResult.of(CheckStatus.L4OK, "", 0)));
        TcpCheckRun explicit = new TcpCheckRun(List.of(new CheckRule.TcpConnect(OptionalInt.empty(), false, false, O)));
        explicit.start();
        assertThat(explicit.connected(0)).isEqualTo(new Step.Done(CheckResult.of(CheckStatus.L4OK, "(tcp-check)", 0)));
    }

    @Test
    void negatedExpectFailsOnUnwantedContent() {
        TcpCheckRun run = new TcpCheckRun(List.of(new CheckRule.Expect(true, "rstring", "^-ERR", O)));
        run.start();
        run.connected(0);
        assertThat(run.received(bytes("-ERR loading"), 1)).isEqualTo(new Step.Done(CheckResult.of(CheckStatus.L7RSP,
                "TCPCHK matched unwanted content (regex) at step 1", 1)));
    }
}
