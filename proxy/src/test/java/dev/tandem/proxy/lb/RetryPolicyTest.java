package dev.tandem.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.proxy.lb.RetryPolicy.Action;
import dev.tandem.proxy.lb.RetryPolicy.Attempt;
import dev.tandem.proxy.lb.RetryPolicy.Failure;
import dev.tandem.proxy.lb.RetryPolicy.Failure.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** configuration.txt "retries", "retry-on", "option redispatch"; stream.h stream_choose_redispatch. */
class RetryPolicyTest {

    private static final Attempt GET = new Attempt("GET", true, false);
    private static final Attempt POST = new Attempt("POST", true, false);
    private static final Failure REFUSED = Failure.of(Kind.CONN_FAILURE);

    private static RetryPolicy policy(List<String> retryOn, boolean redispatch, Balance balance) {
        return RetryPolicy.of(3, retryOn, true, redispatch, balance, Duration.ofSeconds(5));
    }

    @Test
    void connectionFailuresAreRetriedThreeTimesByDefaultAfterATurnAroundSecond() {
        RetryPolicy p = policy(List.of(), false, new Balance.RoundRobin());
        for (int done = 0; done < 3; done++) {
            assertThat(p.decide(REFUSED, GET, done, true, 3))
                    .isEqualTo(new RetryPolicy.Decision(Action.RETRY_SAME_SERVER, Duration.ofSeconds(1)));
        }
        assertThat(p.decide(REFUSED, GET, 3, true, 3).action()).isEqualTo(Action.GIVE_UP);
    }

    @Test
    void turnAroundIsTheConnectTimeoutWhenShorterThanASecond() {
        RetryPolicy p = RetryPolicy.of(3, List.of(), true, false, new Balance.LeastConn(), Duration.ofMillis(200));
        assertThat(p.decide(REFUSED, GET, 0, true, 2).delay()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void redispatchHappensOnTheLastRetryByDefault() {
        RetryPolicy p = policy(List.of(), true, new Balance.Source());
        Attempt bound = new Attempt("GET", true, true);
        assertThat(p.decide(REFUSED, bound, 0, true, 3).action()).isEqualTo(Action.RETRY_SAME_SERVER);
        assertThat(p.decide(REFUSED, bound, 1, true, 3).action()).isEqualTo(Action.RETRY_SAME_SERVER);
        assertThat(p.decide(REFUSED, bound, 2, true, 3)).isEqualTo(new RetryPolicy.Decision(Action.REDISPATCH, Duration.ZERO));
    }

    @Test
    void redispatchIntervalOneRedispatchesEveryRetry() {
        RetryPolicy p = policy(List.of(), true, new Balance.Source()).withRedispatchInterval(1);
        assertThat(p.decide(REFUSED, new Attempt("GET", true, true), 0, true, 3).action()).isEqualTo(Action.REDISPATCH);
        RetryPolicy never = policy(List.of(), true, new Balance.Source()).withRedispatchInterval(0);
        assertThat(never.decide(REFUSED, new Attempt("GET", true, true), 2, true, 3).action())
                .isEqualTo(Action.RETRY_SAME_SERVER);
    }

    @Test
    void roundRobinLikeAlgorithmsRedispatchAtOnceWithSeveralServers() {
        RetryPolicy p = policy(List.of(), true, new Balance.RoundRobin());
        assertThat(p.decide(REFUSED, GET, 0, true, 2).action()).isEqualTo(Action.REDISPATCH);
        assertThat(p.decide(REFUSED, GET, 0, true, 1).action()).isEqualTo(Action.RETRY_SAME_SERVER);
        assertThat(policy(List.of(), true, new Balance.LeastConn()).decide(REFUSED, GET, 0, true, 2).action())
                .isEqualTo(Action.RETRY_SAME_SERVER);
    }

    @Test
    void aServerThatWentDownIsLeftWhenRedispatchIsOn() {
        RetryPolicy p = policy(List.of(), true, new Balance.Source());
        assertThat(p.decide(REFUSED, new Attempt("GET", true, true), 0, false, 3).action()).isEqualTo(Action.REDISPATCH);
        assertThat(policy(List.of(), false, new Balance.Source()).decide(REFUSED, GET, 0, false, 3).action())
                .isEqualTo(Action.RETRY_SAME_SERVER);
    }

    @Test
    void aRedispatchAfterARefusalWaitsTheTurnAroundWhenOneActiveServerIsLeft() {
        // backend.c back_handle_st_cer: "only wait when we're retrying on the same server" or srv_act <= 1;
        // haproxy 2.6.12 logged 0/1002/0/2/1004 ... +1 for a request whose server observe marked down
        RetryPolicy p = policy(List.of(), true, new Balance.LeastConn());
        assertThat(p.decide(REFUSED, GET, 0, false, 1))
                .isEqualTo(new RetryPolicy.Decision(Action.REDISPATCH, Duration.ofSeconds(1)));
        assertThat(p.decide(REFUSED, GET, 0, false, 2))
                .isEqualTo(new RetryPolicy.Decision(Action.REDISPATCH, Duration.ZERO));
        assertThat(p.decide(Failure.of(Kind.EMPTY_RESPONSE), GET, 0, false, 1).action()).isEqualTo(Action.GIVE_UP);
        RetryPolicy l7 = policy(List.of("empty-response"), true, new Balance.LeastConn());
        assertThat(l7.decide(Failure.of(Kind.EMPTY_RESPONSE), GET, 0, false, 1))
                .as("an L7 retry never waits").isEqualTo(new RetryPolicy.Decision(Action.REDISPATCH, Duration.ZERO));
    }

    @Test
    void layer7FailuresNeedTheirRetryOnKeyword() {
        RetryPolicy dflt = policy(List.of(), false, new Balance.RoundRobin());
        assertThat(dflt.decide(Failure.of(Kind.EMPTY_RESPONSE), GET, 0, true, 3).action()).isEqualTo(Action.GIVE_UP);
        assertThat(dflt.decide(Failure.status(503), GET, 0, true, 3).action()).isEqualTo(Action.GIVE_UP);
        RetryPolicy l7 = policy(List.of("empty-response", "503"), false, new Balance.RoundRobin());
        assertThat(l7.decide(Failure.of(Kind.EMPTY_RESPONSE), GET, 0, true, 3))
                .isEqualTo(new RetryPolicy.Decision(Action.RETRY_SAME_SERVER, Duration.ZERO));
        assertThat(l7.decide(Failure.status(503), GET, 0, true, 3).action()).isEqualTo(Action.RETRY_SAME_SERVER);
        assertThat(l7.decide(Failure.status(502), GET, 0, true, 3).action()).isEqualTo(Action.GIVE_UP);
        // retry-on replaces the default: conn-failure is no longer listed
        assertThat(l7.decide(REFUSED, GET, 0, true, 3).action()).isEqualTo(Action.GIVE_UP);
    }

    @Test
    void allRetryableErrorsIsTheDocumentedSet() {
        RetryPolicy p = policy(List.of("all-retryable-errors"), false, new Balance.RoundRobin());
        assertThat(p.retryOn()).containsExactlyInAnyOrder(RetryPolicy.RetryOn.values());
        assertThat(p.retryStatuses()).containsExactlyInAnyOrder(500, 502, 503, 504);
        assertThat(policy(List.of("none"), false, new Balance.RoundRobin()).decide(REFUSED, GET, 0, true, 3).action())
                .isEqualTo(Action.GIVE_UP);
    }

    @Test
    void aRequestNoLongerInTheBufferCannotBeReplayed() {
        RetryPolicy p = policy(List.of("conn-failure", "response-timeout"), false, new Balance.RoundRobin());
        Attempt streamed = new Attempt("PUT", false, false);
        assertThat(p.decide(Failure.of(Kind.RESPONSE_TIMEOUT), streamed, 0, true, 3).action()).isEqualTo(Action.GIVE_UP);
        assertThat(RetryPolicy.of(3, List.of("empty-response"), false, false, new Balance.RoundRobin(), Duration.ZERO)
                .decide(Failure.of(Kind.EMPTY_RESPONSE), GET, 0, true, 3).action()).as("tcp mode").isEqualTo(Action.GIVE_UP);
    }

    @Test
    void haproxyReplaysPostWhenToldButIdempotentOnlyRefuses() {
        RetryPolicy p = policy(List.of("empty-response"), false, new Balance.RoundRobin());
        assertThat(p.decide(Failure.of(Kind.EMPTY_RESPONSE), POST, 0, true, 3).action()).isEqualTo(Action.RETRY_SAME_SERVER);
        RetryPolicy strict = p.withIdempotentOnly(true);
        assertThat(strict.decide(Failure.of(Kind.EMPTY_RESPONSE), POST, 0, true, 3).action()).isEqualTo(Action.GIVE_UP);
        for (String m : List.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE")) {
            assertThat(strict.decide(Failure.of(Kind.EMPTY_RESPONSE), new Attempt(m, true, false), 0, true, 3).action())
                    .as(m).isEqualTo(Action.RETRY_SAME_SERVER);
        }
        // a refused connection never reached the server: any method may go again
        RetryPolicy strictWithConnect = policy(List.of("conn-failure", "empty-response"), false, new Balance.RoundRobin())
                .withIdempotentOnly(true);
        assertThat(strictWithConnect.decide(REFUSED, POST, 0, true, 1).action()).isEqualTo(Action.RETRY_SAME_SERVER);
    }

    @Test
    void unknownRetryOnWordsAreClearErrors() {
        assertThatThrownBy(() -> policy(List.of("conn-failures"), false, new Balance.RoundRobin()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retry-on: unknown keyword 'conn-failures'");
        assertThatThrownBy(() -> policy(List.of("418"), false, new Balance.RoundRobin()))
                .hasMessageStartingWith("retry-on: status 418 is not retryable");
    }
}
