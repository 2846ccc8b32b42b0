package dev.tandem.testkit.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab refuses to start without root, with a message that says what to do (runs as any user). */
class NetLabPrivilegeTest {
    @Test
    void nonRootEffectiveUidIsAProblemNamingTheUidAndTheFix() {
        List<String> status = List.of("Name:\tjava", "Uid:\t1000\t1000\t1000\t1000", "Gid:\t1000\t1000\t1000\t1000");

        assertThat(NetLab.privilegeProblem(status)).hasValueSatisfying(message -> assertThat(message)
                .startsWith("network-namespace tests need root (effective uid 1000)")
                .contains("sudo ./test"));
    }

    @Test
    void rootEffectiveUidIsFineEvenWithANonRootRealUid() {
        List<String> status = List.of("Uid:\t1000\t0\t0\t0");

        assertThat(NetLab.privilegeProblem(status)).isEmpty();
    }
}
