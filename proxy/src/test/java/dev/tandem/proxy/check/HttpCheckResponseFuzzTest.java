package dev.tandem.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.HealthCheck;
import dev.tandem.config.haproxy.model.Origin;
import java.util.List;
import java.util.Optional;

/** Whatever a checked server answers, parsing and judging it ends in a check status, never an exception. */
class HttpCheckResponseFuzzTest {

    private static final HttpCheckExpect EXPECT = HttpCheckExpect.of(new HealthCheck(HealthCheck.Kind.HTTP,
            Optional.empty(), List.of(new CheckRule.Expect(false, "status", "200-399", Origin.DEFAULT),
                    new CheckRule.Expect(false, "rstring", "o+k", Origin.DEFAULT))), true);

    @FuzzTest(maxDuration = "20s")
    void anyResponseIsJudgedWithoutThrowing(byte[] data) {
        HttpCheckResponse.Parse partial = HttpCheckResponse.parse(data, false);
        HttpCheckResponse.Parse last = HttpCheckResponse.parse(data, true);
        assertThat(last).isNotInstanceOf(HttpCheckResponse.Parse.NeedMore.class);
        if (partial instanceof HttpCheckResponse.Parse.Complete(HttpCheckResponse r)) {
            assertThat(r.status()).isBetween(100, 999);
        }
        CheckResult result = switch (last) {
            case HttpCheckResponse.Parse.Complete(HttpCheckResponse r) -> EXPECT.evaluate(r, true, 1);
            case HttpCheckResponse.Parse.Invalid(String why) -> HttpCheckExpect.invalid(why, 1);
            case HttpCheckResponse.Parse.NeedMore n -> throw new AssertionError("a closed response cannot need more");
        };
        assertThat(result.status().result()).isNotEqualTo(CheckStatus.Result.UNKNOWN);
    }
}
