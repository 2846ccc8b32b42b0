package dev.tandem.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** haproxy's command line as management.txt §3 describes it and VTest uses it (haproxy.md §3.2). */
class HaproxyArgsTest {

    @Test
    void repeatedFileFlagsKeepTheirOrder() throws Exception {
        HaproxyArgs a = HaproxyArgs.parse(List.of("-f", "a.cfg", "-f", "conf.d", "-c"));
        assertThat(a.configs()).containsExactly("a.cfg", "conf.d");
        assertThat(a.check()).isTrue();
    }

    @Test
    void vtestCommandLineIsAccepted() throws Exception {
        HaproxyArgs a = HaproxyArgs.parse(List.of("-d", "-L", "A", "-f", "/tmp/h1/cfg", "-p", "/tmp/h1/pid"));
        assertThat(a.foreground()).isTrue();
        assertThat(a.pidFile()).contains("/tmp/h1/pid");
        assertThat(a.ignored()).containsExactly("-L A");
    }

    @Test
    void softStopTakesEveryFollowingPid() throws Exception {
        HaproxyArgs a = HaproxyArgs.parse(List.of("-W", "-D", "-f", "a.cfg", "-p", "pid", "-sf", "101", "102", "-x", "/run/s"));
        assertThat(a.softStopPids()).containsExactly(101, 102);
        assertThat(a.socketForListeners()).contains("/run/s");
        assertThat(a.masterWorker()).isTrue();
        assertThat(a.daemon()).isTrue();
    }

    @Test
    void dbIsForegroundNotTwoFlags() throws Exception {
        assertThat(HaproxyArgs.parse(List.of("-db", "-f", "x")).foreground()).isTrue();
    }

    @Test
    void wordsAfterDoubleDashAreConfigFiles() throws Exception {
        assertThat(HaproxyArgs.parse(List.of("-c", "--", "a.cfg", "b.cfg")).configs()).containsExactly("a.cfg", "b.cfg");
    }

    @Test
    void versionAndConditionNeedNoConfig() throws Exception {
        assertThat(HaproxyArgs.parse(List.of("-vv")).version()).isEqualTo(2);
        assertThat(HaproxyArgs.parse(List.of("-cc", "version_atleast(2.5-dev0)")).condition()).contains("version_atleast(2.5-dev0)");
    }

    @Test
    void missingConfigIsAUsageError() {
        assertThatThrownBy(() -> HaproxyArgs.parse(List.of("-d"))).hasMessageContaining("No configuration file specified");
    }

    @Test
    void flagWithoutValueIsAUsageError() {
        assertThatThrownBy(() -> HaproxyArgs.parse(List.of("-f"))).hasMessage("option '-f' expects an argument");
    }

    @Test
    void unknownFlagIsNamed() {
        assertThatThrownBy(() -> HaproxyArgs.parse(List.of("-f", "a", "-Q"))).hasMessage("unknown option '-Q'");
    }

    @Test
    void nonNumericPidIsRefused() {
        assertThatThrownBy(() -> HaproxyArgs.parse(List.of("-f", "a", "-st", "x1"))).hasMessageContaining("invalid pid 'x1'");
    }
}
