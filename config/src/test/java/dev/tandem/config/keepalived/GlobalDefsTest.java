package dev.tandem.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.ParseResult;
import dev.tandem.config.Severity;
import dev.tandem.config.keepalived.model.GlobalDefs;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** global_defs and the other top-level sections (keepalived.conf(5) "Global definitions"). */
class GlobalDefsTest {

    @Test
    void mailSettingsAndScriptUserAreRead() {
        GlobalDefs global = global("""
                notification_email {
                    ops@example.com noc@example.com
                    oncall@example.com
                }
                notification_email_from lb@example.com
                smtp_server 192.0.2.25 2525
                smtp_connect_timeout 10
                smtp_helo_name lb1.example.com
                smtp_alert
                enable_script_security
                script_user keepalived_script users
                """);

        assertThat(global.notificationEmails()).containsExactly("ops@example.com", "noc@example.com", "oncall@example.com");
        assertThat(global.smtpServer()).hasValueSatisfying(s -> assertThat(s.port()).isEqualTo(2525));
        assertThat(global.smtpConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(global.smtpHeloName()).contains("lb1.example.com");
        assertThat(global.smtpAlert()).isTrue();
        assertThat(global.enableScriptSecurity()).isTrue();
        assertThat(global.scriptUser()).hasValueSatisfying(u -> {
            assertThat(u.user()).isEqualTo("keepalived_script");
            assertThat(u.group()).contains("users");
        });
    }

    @Test
    void vrrpDefaultsAreKeepalivedsWhenNothingIsWritten() {
        GlobalDefs global = global("router_id lb1");

        assertThat(global.vrrpVersion()).isEqualTo(2);
        assertThat(global.mcastGroup4().getHostAddress()).isEqualTo("224.0.0.18");
        assertThat(global.mcastGroup6().getHostAddress()).isEqualTo("ff02:0:0:0:0:0:0:12");
        assertThat(global.garp().masterDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(global.garp().masterRepeat()).isEqualTo(5);
        assertThat(global.garp().masterRefresh()).isEqualTo(Duration.ZERO);
        assertThat(global.canSendMail()).isFalse();
    }

    @Test
    void multicastGroupMustBeAMulticastAddressOfItsFamily() {
        ParseResult<KeepalivedConfig> result = read("global_defs {\n vrrp_mcast_group4 192.0.2.1\n vrrp_mcast_group6 224.0.0.18\n}");

        assertThat(result.diagnostics()).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
                tuple(2, "vrrp_mcast_group4 '192.0.2.1' is not an IPv4 multicast address"),
                tuple(3, "vrrp_mcast_group6 '224.0.0.18' is not an IPv6 multicast address"));
    }

    @Test
    void lvsAndSnmpKeywordsAreAcceptedWithANotice() {
        ParseResult<KeepalivedConfig> result = read("global_defs {\n enable_snmp_vrrp\n lvs_flush\n}");

        assertThat(result.model().orElseThrow().global().unmanaged()).extracting(l -> l.text())
                .containsExactly("enable_snmp_vrrp", "lvs_flush");
        assertThat(result.diagnostics()).extracting(Diagnostic::severity).containsOnly(Severity.NOTICE);
    }

    @Test
    void unknownGlobalKeywordNamesTheClosestOne() {
        ParseResult<KeepalivedConfig> result = read("global_defs {\n smtp_sever 192.0.2.25\n}");

        assertThat(result.diagnostics()).extracting(Diagnostic::message, Diagnostic::hint).containsExactly(
                tuple("Unknown keyword 'smtp_sever'", "did you mean 'smtp_server'? (closest global_defs keyword)"));
    }

    @Test
    void notifyFifoKeepsItsScriptAsArgv() {
        GlobalDefs global = global("enable_script_security\nvrrp_notify_fifo /run/keepalived.fifo\nvrrp_notify_fifo_script \"/usr/bin/logger -t vrrp\"");

        assertThat(global.vrrpNotifyFifo()).hasValueSatisfying(f -> {
            assertThat(f.path()).isEqualTo(Path.of("/run/keepalived.fifo"));
            assertThat(f.script().orElseThrow().argv()).containsExactly("/usr/bin/logger", "-t", "vrrp");
        });
    }

    @Test
    void lvsSectionsAreIgnoredWithAWarning() {
        ParseResult<KeepalivedConfig> result = read("virtual_server 192.0.2.1 80 {\n real_server 192.0.2.2 80 {\n }\n}");

        assertThat(result.model()).isPresent();
        assertThat(result.diagnostics()).extracting(Diagnostic::severity, Diagnostic::message).containsExactly(tuple(
                Severity.WARNING, "'virtual_server' is a keepalived section Tandem does not run (LVS, BFD and static"
                        + " addresses are out of scope) - ignored"));
    }

    @Test
    void sectionWithoutNameOrBlockIsAnError() {
        assertThat(read("vrrp_instance {\n}\nvrrp_script chk").diagnostics()).extracting(Diagnostic::line, Diagnostic::message)
                .containsExactly(tuple(1, "vrrp_instance must have a name"), tuple(3, "vrrp_script needs a { } block"));
    }

    @Test
    void vrrpScriptWithoutScriptIsRemovedWithAnError() {
        assertThat(read("vrrp_script chk {\n interval 2\n}").diagnostics()).extracting(Diagnostic::message)
                .containsExactly("No script set for vrrp_script chk - removing");
    }

    @Test
    void scriptSecurityWarningIsGivenOnceAtTheFirstScript() {
        ParseResult<KeepalivedConfig> result = read("""
                vrrp_script a {
                    script "/bin/true"
                }
                vrrp_script b {
                    script "/bin/false"
                }
                """);

        assertThat(result.diagnostics()).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
                tuple(1, "Warning - script a is not used"),
                tuple(2, "SECURITY VIOLATION - scripts are being executed but script_security not enabled."),
                tuple(4, "Warning - script b is not used"));
    }

    @Test
    void configIdDefaultsToTheHostNameUpToTheFirstDot() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("kacfg");
        try {
            Path file = java.nio.file.Files.writeString(dir.resolve("keepalived.conf"),
                    "global_defs {\n@lb2 router_id second\n@^lb2 router_id other\n}\n");
            dev.tandem.config.HostFacts lb2 = dev.tandem.config.HostFacts.permissive(
                    java.util.Map.of("HOSTNAME", "lb2.example.com"));

            KeepalivedConfig config = KeepalivedConfigReader.read(file, lb2).model().orElseThrow();
            KeepalivedConfig other = KeepalivedConfigReader.read(file, lb2, "lb1").model().orElseThrow();

            assertThat(config.configId()).isEqualTo("lb2");
            assertThat(config.global().routerId()).contains("second");
            assertThat(other.global().routerId()).contains("other");
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static GlobalDefs global(String body) {
        ParseResult<KeepalivedConfig> result = read("global_defs {\n" + body + "\n}\n");
        assertThat(result.diagnostics()).isEmpty();
        return result.model().orElseThrow().global();
    }

    private static ParseResult<KeepalivedConfig> read(String text) {
        MemorySources files = new MemorySources().put("/k/keepalived.conf", text);
        return KeepalivedConfigReader.read(Path.of("/k/keepalived.conf"), "keepalived.conf", files,
                FakeHost.everything(), "lb1");
    }

}
