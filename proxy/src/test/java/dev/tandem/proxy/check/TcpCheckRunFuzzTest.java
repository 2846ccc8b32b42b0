package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.Origin;
import java.util.List;

/** Whatever a server sends, in whatever pieces, a tcp-check script ends with a status once the server closes. */
class TcpCheckRunFuzzTest {

    private static final List<CheckRule> SCRIPT = List.of(new CheckRule.TcpSend("PING\r\n", false, Origin.DEFAULT),
            new CheckRule.Expect(false, "string", "+PONG", Origin.DEFAULT),
            new CheckRule.Expect(true, "rstring", "^-ERR", Origin.DEFAULT),
            new CheckRule.Expect(false, "binary", "0d0a", Origin.DEFAULT));

    @FuzzTest(maxDuration = "20s")
    void anyServerBytesEndTheScriptCleanly(FuzzedDataProvider data) {
        TcpCheckRun run = new TcpCheckRun(SCRIPT);
        TcpCheckRun.Step step = run.start();
        int guard = 0;
        while (!(step instanceof TcpCheckRun.Step.Done) && guard++ < 1000) {
            step = switch (step) {
                case TcpCheckRun.Step.Connect c -> run.connected(0);
                case TcpCheckRun.Step.Send s -> run.sent(0);
                case TcpCheckRun.Step.Receive r -> data.remainingBytes() == 0 ? run.closed(1)
                        : run.received(data.consumeBytes(data.consumeInt(1, 64)), 1);
                case TcpCheckRun.Step.Done d -> d;
            };
        }
        assertThat(step).isInstanceOf(TcpCheckRun.Step.Done.class);
        CheckResult r = ((TcpCheckRun.Step.Done) step).result();
        assertThat(r.status()).isIn(CheckStatus.L7OK, CheckStatus.L7RSP);
    }
}
