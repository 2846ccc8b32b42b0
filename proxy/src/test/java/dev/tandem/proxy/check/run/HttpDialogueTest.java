package dev.tandem.proxy.check.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.HealthCheck;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.proxy.check.CheckResult;
import dev.tandem.proxy.check.CheckStatus;
import dev.tandem.proxy.check.HttpCheckExpect;
import dev.tandem.proxy.check.TcpCheckRun.Step;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The HTTP check's steps as the IO shell sees them, whatever way the response is cut by the network. */
class HttpDialogueTest {

    private static final byte[] REQUEST = "GET /health HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private static HttpCheckExpect expect(CheckRule... rules) {
        return HttpCheckExpect.of(new HealthCheck(HealthCheck.Kind.HTTP, Optional.empty(), List.of(rules)), false);
    }

    private static HttpDialogue dialogue(HttpCheckExpect expect) {
        HttpDialogue d = new HttpDialogue(REQUEST, expect, true);
        assertThat(d.start()).isEqualTo(new Step.Connect(OptionalInt.empty(), false, false));
        assertThat(d.connected(0)).isInstanceOfSatisfying(Step.Send.class,
                s -> assertThat(s.data()).isEqualTo(REQUEST));
        assertThat(d.sent(0)).isInstanceOf(Step.Receive.class);
        return d;
    }

    @Test
    void everySplitOfTheResponseGivesTheSameVerdict() {
        byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nhealthy".getBytes(StandardCharsets.ISO_8859_1);
        HttpCheckExpect expect = expect(new CheckRule.Expect(false, "string", "healthy", Origin.DEFAULT));
        for (int cut = 1; cut < response.length; cut++) {
            HttpDialogue d = dialogue(expect);
            Step first = d.received(Arrays.copyOfRange(response, 0, cut), 1);
            assertThat(first).as("cut at %d", cut).isInstanceOf(Step.Receive.class);
            assertThat(d.received(Arrays.copyOfRange(response, cut, response.length), 2)).as("cut at %d", cut)
                    .isEqualTo(new Step.Done(new CheckResult(CheckStatus.L7OK, 200, "", 2)));
        }
    }

    @Test
    void responseWithoutLengthIsJudgedWhenTheServerCloses() {
        HttpDialogue d = dialogue(expect(new CheckRule.Expect(false, "string", "ok", Origin.DEFAULT)));
        assertThat(d.received("HTTP/1.0 200 OK\r\n\r\nall ok".getBytes(StandardCharsets.ISO_8859_1), 1))
                .isInstanceOf(Step.Receive.class);
        assertThat(d.closed(3)).isEqualTo(new Step.Done(new CheckResult(CheckStatus.L7OK, 200, "", 3)));
    }

    @Test
    void closeBeforeAnyByteIsAnInvalidEmptyResponse() {
        HttpDialogue d = dialogue(expect());
        assertThat(d.closed(1)).isEqualTo(new Step.Done(new CheckResult(CheckStatus.L7RSP, 0, "empty response", 1)));
    }

    @Test
    void timeoutBeforeConnectIsLayer4AndAfterIsLayer7() {
        HttpDialogue connecting = new HttpDialogue(REQUEST, expect(), true);
        connecting.start();
        assertThat(connecting.timedOut(5)).isEqualTo(new Step.Done(CheckResult.of(CheckStatus.L4TOUT, "", 5)));
        assertThat(dialogue(expect()).timedOut(5)).isEqualTo(new Step.Done(CheckResult.of(CheckStatus.L7TOUT, "", 5)));
    }

    @Test
    void refusedConnectIsLayer4ConnectionProblem() {
        HttpDialogue d = new HttpDialogue(REQUEST, expect(), true);
        d.start();
        assertThat(d.connectFailed("Connection refused", 0))
                .isEqualTo(new Step.Done(CheckResult.of(CheckStatus.L4CON, "Connection refused", 0)));
    }

    /** haproxy reads a check response into one tune.bufsize buffer; what does not fit is never read. */
    @Test
    void bodyBeyondTheCheckBufferIsNotWaitedFor() {
        HttpDialogue d = dialogue(expect(new CheckRule.Expect(false, "string", "needle", Origin.DEFAULT)));
        byte[] head = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(d.received(head, 1)).isInstanceOf(Step.Receive.class);
        byte[] filler = new byte[HttpDialogue.BUFFER_SIZE];
        Arrays.fill(filler, (byte) 'x');
        assertThat(d.received(filler, 2)).isEqualTo(new Step.Done(
                new CheckResult(CheckStatus.L7RSP, 200, "HTTP content check did not match", 2)));
    }

    @Test
    void aFinishedDialogueIgnoresLateEvents() {
        HttpDialogue d = dialogue(expect());
        Step done = d.received("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1), 1);
        assertThat(done).isEqualTo(new Step.Done(new CheckResult(CheckStatus.L7STS, 503, "Service Unavailable", 1)));
        assertThat(d.closed(9)).isEqualTo(done);
        assertThat(d.timedOut(9)).isEqualTo(done);
    }
}
