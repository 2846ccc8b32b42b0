package dev.tandem.proxy.check.run;

import dev.tandem.proxy.check.TcpCheckRun;
import dev.tandem.proxy.check.TcpCheckRun.Step;

/** A plain connect check or a {@code tcp-check} script, as the pure {@link TcpCheckRun} plays it. */
final class ScriptDialogue implements Dialogue {

    private final TcpCheckRun run;

    ScriptDialogue(TcpCheckRun run) {
        this.run = run;
    }

    @Override
    public Step start() {
        return run.start();
    }

    @Override
    public Step connected(long durationMillis) {
        return run.connected(durationMillis);
    }

    @Override
    public Step connectFailed(String info, long durationMillis) {
        return run.connectFailed(info, durationMillis);
    }

    @Override
    public Step timedOut(long durationMillis) {
        return run.timedOut(durationMillis);
    }

    @Override
    public Step sent(long durationMillis) {
        return run.sent(durationMillis);
    }

    @Override
    public Step received(byte[] chunk, long durationMillis) {
        return run.received(chunk, durationMillis);
    }

    @Override
    public Step closed(long durationMillis) {
        return run.closed(durationMillis);
    }
}
