package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** haproxy -cc (management.txt §2): exit 0 when true, 1 when false, 2 on error. */
class HaproxyConditionTest {

    @Test
    void exitStatusFollowsHaproxyDashCc() {
        var host = Fixtures.host(Map.of("SET", "1"));
        assertThat(HaproxyCondition.evaluate("version_atleast(2.5-dev0)", host).exitStatus()).isZero();
        assertThat(HaproxyCondition.evaluate("feature(QUIC)", host).exitStatus()).isEqualTo(1);
        assertThat(HaproxyCondition.evaluate("defined(SET) && feature(THREAD)", host).exitStatus()).isZero();
        HaproxyCondition.Outcome bad = HaproxyCondition.evaluate("version_atleast(two)", host);
        assertThat(bad.exitStatus()).isEqualTo(2);
        assertThat(bad.error()).contains("invalid version 'two' in version_atleast()");
    }
}
