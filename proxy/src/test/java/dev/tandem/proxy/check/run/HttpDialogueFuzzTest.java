package dev.tandem.proxy.check.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.HealthCheck;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.proxy.check.CheckStatus;
import dev.tandem.proxy.check.HttpCheckExpect;
import dev.tandem.proxy.check.TcpCheckRun.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Whatever a checked server sends, cut into whatever pieces the network makes, the HTTP check
 * ends in exactly one layer-7 verdict once the server closes, and later events do not change it.
 */
class HttpDialogueFuzzTest {

    private static final HttpCheckExpect EXPECT = HttpCheckExpect.of(new HealthCheck(HealthCheck.Kind.HTTP,
            Optional.empty(), List.of(new CheckRule.Expect(false, "status", "200-399", Origin.DEFAULT),
                    new CheckRule.Expect(false, "string", "ok", Origin.DEFAULT))), false);

    @FuzzTest(maxDuration = "20s")
    void anyBytesInAnyChunksEndInOneLayer7Verdict(FuzzedDataProvider data) {
        HttpDialogue d = new HttpDialogue("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), EXPECT,
                data.consumeBoolean());
        d.start();
        d.connected(0);
        Step step = d.sent(0);
        while (data.remainingBytes() > 0 && !(step instanceof Step.Done)) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 4096));
            step = d.received(chunk, 1);
            assertThat(step).isInstanceOfAny(Step.Receive.class, Step.Done.class);
        }
        Step end = d.closed(2);
        assertThat(end).isInstanceOf(Step.Done.class);
        CheckStatus status = ((Step.Done) end).result().status();
        assertThat(status).isIn(CheckStatus.L7OK, CheckStatus.L7STS, CheckStatus.L7RSP);
        assertThat(d.timedOut(3)).isEqualTo(end);
        assertThat(d.received(new byte[] {'x'}, 4)).isEqualTo(end);
    }
}
