package dev.tandem.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** nghttp2's h2load, bounded by request count; a missing binary fails the test. */
final class H2Load {

    /** The "requests:" line of h2load's summary. */
    record Result(int total, int started, int done, int succeeded, int failed, int errored, int timeout, int ok2xx,
            String output) {
    }

    private static final Pattern REQUESTS = Pattern.compile(
            "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored, (\\d+) timeout");
    private static final Pattern STATUS = Pattern.compile("status codes: (\\d+) 2xx");

    private H2Load() {
    }

    static Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("h2load"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("h2load finished").isTrue();
        Matcher m = REQUESTS.matcher(out);
        assertThat(m.find()).as("h2load summary in: %s", out).isTrue();
        Matcher s = STATUS.matcher(out);
        int ok = s.find() ? Integer.parseInt(s.group(1)) : 0;
        return new Result(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                Integer.parseInt(m.group(7)), ok, out);
    }
}
