package dev.tandem.proxy.check.run;

import dev.tandem.proxy.check.TcpCheckRun.Step;

/**
 * What one check says on its connection, as a step machine the IO shell drives: the shell
 * performs each {@link Step} and reports what happened. Durations are milliseconds since the
 * check started.
 */
interface Dialogue {

    Step start();

    Step connected(long durationMillis);

    Step connectFailed(String info, long durationMillis);

    Step timedOut(long durationMillis);

    Step sent(long durationMillis);

    Step received(byte[] chunk, long durationMillis);

    Step closed(long durationMillis);
}
