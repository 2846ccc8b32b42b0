package dev.tandem.proxy.check.run;

import dev.tandem.proxy.check.CheckResult;
import dev.tandem.proxy.check.CheckStatus;
import dev.tandem.proxy.check.HttpCheckExpect;
import dev.tandem.proxy.check.HttpCheckResponse;
import dev.tandem.proxy.check.TcpCheckRun.Step;
import java.io.ByteArrayOutputStream;
import java.util.OptionalInt;

/**
 * An HTTP check ({@code option httpchk}): connect, send the request the pure core built, read the
 * response until it is complete, the server closes or the check buffer is full, then judge it
 * with {@code http-check expect}.
 */
final class HttpDialogue implements Dialogue {

    /** haproxy reads a check response into one buffer of tune.bufsize (16384 by default). */
    static final int BUFFER_SIZE = 16384;

    private final byte[] request;
    private final HttpCheckExpect expect;
    private final boolean serverUp;
    private final ByteArrayOutputStream response = new ByteArrayOutputStream();
    private boolean connected;
    private Step.Done done;

    /** @param serverUp whether the server is up now (http-check disable-on-404 only applies then) */
    HttpDialogue(byte[] request, HttpCheckExpect expect, boolean serverUp) {
        this.request = request.clone();
        this.expect = expect;
        this.serverUp = serverUp;
    }

    @Override
    public Step start() {
        return new Step.Connect(OptionalInt.empty(), false, false);
    }

    @Override
    public Step connected(long durationMillis) {
        connected = true;
        return new Step.Send(request);
    }

    @Override
    public Step connectFailed(String info, long durationMillis) {
        return finish(CheckResult.of(CheckStatus.L4CON, info, durationMillis));
    }

    @Override
    public Step timedOut(long durationMillis) {
        return finish(CheckResult.of(connected ? CheckStatus.L7TOUT : CheckStatus.L4TOUT, "", durationMillis));
    }

    @Override
    public Step sent(long durationMillis) {
        return done != null ? done : new Step.Receive();
    }

    @Override
    public Step received(byte[] chunk, long durationMillis) {
        if (done != null) {
            return done;
        }
        int room = BUFFER_SIZE - response.size();
        response.write(chunk, 0, Math.min(room, chunk.length));
        return judge(response.size() >= BUFFER_SIZE, durationMillis);
    }

    @Override
    public Step closed(long durationMillis) {
        return done != null ? done : judge(true, durationMillis);
    }

    private Step judge(boolean noMore, long durationMillis) {
        return switch (HttpCheckResponse.parse(response.toByteArray(), noMore)) {
            case HttpCheckResponse.Parse.NeedMore n -> new Step.Receive();
            case HttpCheckResponse.Parse.Invalid i -> finish(HttpCheckExpect.invalid(i.why(), durationMillis));
            case HttpCheckResponse.Parse.Complete c -> finish(expect.evaluate(c.response(), serverUp, durationMillis));
        };
    }

    private Step finish(CheckResult result) {
        if (done != null) {
            return done;
        }
        done = new Step.Done(result);
        return done;
    }
}
