package dev.tandem.proxy.h2;

import dev.tandem.proxy.http.HttpFrontend;
import dev.tandem.proxy.log.AccessLog;
import dev.tandem.proxy.log.LogClock;
import dev.tandem.proxy.log.SyslogFrame;
import dev.tandem.proxy.model.Backend;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.runtime.BackendRuntime;
import dev.tandem.proxy.runtime.FrontendRuntime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link HttpFrontend} built by hand, without listeners, for pipelines assembled in a test. */
final class TestFrontends {

    private TestFrontends() {
    }

    static HttpFrontend http(Frontend frontend, Backend backend) {
        FrontendRuntime runtime = new FrontendRuntime(frontend, Map.of(backend.name(), new BackendRuntime(backend, new java.util.Random(1),
                LogClock.system(), line -> { })),
                new AtomicInteger(), new AccessLog(List.of(), new SyslogFrame("haproxy", 1, "localhost",
                        ZoneId.systemDefault()), java.time.Clock.systemUTC()), () -> { });
        return new HttpFrontend(runtime, LogClock.system(), HttpFrontend.newPools());
    }
}
