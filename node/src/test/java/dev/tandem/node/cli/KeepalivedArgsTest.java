package dev.tandem.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7's command line, keepalived(8) "OPTIONS". */
class KeepalivedArgsTest {

    @Test
    void debianUnitFlagsAreAccepted() throws Exception {
        KeepalivedArgs a = KeepalivedArgs.parse(List.of("-n", "-l", "-D", "-P", "-f", "/etc/k.conf", "-p", "/run/k.pid",
                "-r", "/run/v.pid", "-c", "/run/c.pid", "-i", "lb1"));
        assertThat(a.configFile()).isEqualTo("/etc/k.conf");
        assertThat(a.dontFork()).isTrue();
        assertThat(a.logConsole()).isTrue();
        assertThat(a.logDetail()).isTrue();
        assertThat(a.vrrpOnly()).isTrue();
        assertThat(a.pidFile()).contains("/run/k.pid");
        assertThat(a.vrrpPidFile()).contains("/run/v.pid");
        assertThat(a.checkersPidFile()).contains("/run/c.pid");
        assertThat(a.configId()).contains("lb1");
    }

    @Test
    void longFormsWithEqualsSign() throws Exception {
        KeepalivedArgs a = KeepalivedArgs.parse(List.of("--use-file=/x.conf", "--dont-fork", "--config-id=n2"));
        assertThat(a.configFile()).isEqualTo("/x.conf");
        assertThat(a.dontFork()).isTrue();
        assertThat(a.configId()).contains("n2");
    }

    @Test
    void configTestMayNameTheFile() throws Exception {
        KeepalivedArgs a = KeepalivedArgs.parse(List.of("--config-test=/y.conf"));
        assertThat(a.configTest()).isTrue();
        assertThat(a.configFile()).isEqualTo("/y.conf");
    }

    @Test
    void defaultConfigIsKeepalivedsDefault() throws Exception {
        assertThat(KeepalivedArgs.parse(List.of("-t")).configFile()).isEqualTo("/etc/keepalived/keepalived.conf");
    }

    @Test
    void unknownOptionIsNamed() {
        assertThatThrownBy(() -> KeepalivedArgs.parse(List.of("--frobnicate"))).hasMessage("unrecognized option '--frobnicate'");
    }
}
