package dev.tandem.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.ParseResult;
import dev.tandem.config.Severity;
import dev.tandem.config.keepalived.model.AddressFamily;
import dev.tandem.config.keepalived.model.AuthType;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import dev.tandem.config.keepalived.model.VipSource;
import dev.tandem.config.keepalived.model.VrrpInstance;
import dev.tandem.config.keepalived.model.VrrpState;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The article's keepalived.conf (src/test/resources/keepalived/seed): what an operator needs to
 * hear about it, each at its line, and the model the VRRP engine gets.
 */
class SeedConfigTest {

    private static final String STATE_EQUAL = "27 WARNING (EXTERN) unknown state 'EQUAL', defaulting to BACKUP";
    private static final String SECURITY = "30 WARNING SECURITY VIOLATION - scripts are being executed but"
            + " script_security not enabled.";
    private static final String IPV6_SLASH_32 = "39 WARNING IPv6 VIP 2a02:123:45:67bb::1/32 has prefix /32: installing"
            + " it adds an on-link route for the whole 2a02:123::/32";
    private static final String OTHER_FAMILY = "39 NOTICE (EXTERN): address family must match VRRP instance"
            + " [2a02:123:45:67bb::1/32] - keepalived 2.x ignores this VIP; Tandem keeps it and manages it like"
            + " virtual_ipaddress_excluded (added and removed with the IPv4 instance's MASTER state, not advertised)";

    @Test
    void seedOnItsOwnNodeGivesOnlyTheConfigurationDiagnostics() throws Exception {
        ParseResult<KeepalivedConfig> result = read(FakeHost.articleNode());

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.diagnostics()).extracting(SeedConfigTest::render)
                .containsExactly(STATE_EQUAL, SECURITY, IPV6_SLASH_32, OTHER_FAMILY);
    }

    @Test
    void seedOnAMachineWithoutEth0AndScriptAddsTheMachineWarnings() throws Exception {
        ParseResult<KeepalivedConfig> result = read(FakeHost.bareMachine());

        assertThat(result.model()).isPresent();
        assertThat(result.diagnostics()).extracting(SeedConfigTest::render).containsExactly(
                "25 WARNING WARNING - interface eth0 for vrrp_instance EXTERN doesn't exist",
                STATE_EQUAL,
                SECURITY,
                "30 WARNING Script /usr/local/bin/keepalived-extern.sh cannot be accessed - No such file or directory"
                        + " - notify of EXTERN will be disabled",
                IPV6_SLASH_32,
                OTHER_FAMILY);
        assertThat(result.diagnostics().getFirst().hint()).isEqualTo("the instance waits in FAULT until eth0 exists"
                + " (checked on this machine; ignore it if the file is meant for another host)");
    }

    @Test
    void seedThroughThePublicEntryPointWithPermissiveFacts() throws Exception {
        Path seed = Path.of(SeedConfigTest.class.getResource("/keepalived/seed/keepalived.conf").toURI());

        ParseResult<KeepalivedConfig> result = KeepalivedConfigReader.read(seed, dev.tandem.config.HostFacts.permissive(
                java.util.Map.of()));

        assertThat(result.model()).isPresent();
        assertThat(result.diagnostics()).extracting(SeedConfigTest::render)
                .containsExactly(STATE_EQUAL, SECURITY, IPV6_SLASH_32, OTHER_FAMILY);
        assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.file()).isEqualTo(seed.toString()));
    }

    @Test
    void otherFamilyVipNoticeShowsTheSyncGroupRewrite() throws Exception {
        Diagnostic notice = read(FakeHost.articleNode()).diagnostics().stream()
                .filter(d -> d.severity() == Severity.NOTICE).findFirst().orElseThrow();
        String nl = System.lineSeparator();

        assertThat(notice.hint()).isEqualTo(String.join(nl,
                "keepalived 2.x needs an IPv6 instance with the same virtual_router_id, synced with this one:",
                "      vrrp_instance EXTERN_6 {",
                "          interface eth0",
                "          virtual_router_id 12",
                "          version 3",
                "          virtual_ipaddress {",
                "              2a02:123:45:67bb::1/32",
                "          }",
                "      }",
                "      and add EXTERN_6 to group { } of vrrp_sync_group VG_1"));
        assertThat(notice.column()).isEqualTo(9);
    }

    @Test
    void externIsAnIpv4V2BackupWithDefaultPriorityAndTheIpv6VipExcluded() throws Exception {
        VrrpInstance extern = model().instance("EXTERN").orElseThrow();

        assertThat(extern.family()).isEqualTo(AddressFamily.IPV4);
        assertThat(extern.initialState()).isEqualTo(VrrpState.BACKUP);
        assertThat(extern.priority()).isEqualTo(100);
        assertThat(extern.version()).isEqualTo(2);
        assertThat(extern.advertIntervalCentis()).isEqualTo(100);
        assertThat(extern.advertInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(extern.vips()).extracting(v -> v.cidr()).containsExactly("1.2.3.4/32");
        assertThat(extern.excludedVips()).extracting(v -> v.cidr(), v -> v.source())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2a02:123:45:67bb::1/32", VipSource.OTHER_FAMILY));
        assertThat(extern.authentication()).hasValueSatisfying(a -> {
            assertThat(a.type()).isEqualTo(AuthType.PASS);
            assertThat(a.password()).isEqualTo("hunter2");
        });
        assertThat(extern.notifyScripts().generic()).hasValueSatisfying(
                c -> assertThat(c.argv()).containsExactly("/usr/local/bin/keepalived-extern.sh"));
        assertThat(extern.smtpAlert()).isTrue();
        assertThat(extern.preemption().preempt()).isTrue();
        assertThat(extern.accept()).isTrue();
        assertThat(extern.syncGroup()).contains("VG_1");
    }

    @Test
    void garpDefaultsAreFoldedIntoEachInstance() throws Exception {
        VrrpInstance intern = model().instance("INTERN").orElseThrow();

        assertThat(intern.garp().masterDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(intern.garp().masterRepeat()).isEqualTo(5);
        assertThat(intern.garp().masterRefresh()).isEqualTo(Duration.ZERO);
    }

    @Test
    void syncGroupMembersAreResolvedToTheInstances() throws Exception {
        KeepalivedConfig config = model();

        assertThat(config.syncGroup("VG_1").orElseThrow().members())
                .containsExactly(config.instance("EXTERN").orElseThrow(), config.instance("INTERN").orElseThrow());
    }

    @Test
    void globalDefsCarryTheMailSettings() throws Exception {
        KeepalivedConfig config = model();

        assertThat(config.global().routerId()).contains("LB1");
        assertThat(config.global().notificationEmails()).containsExactly("ops@example.com");
        assertThat(config.global().smtpServer()).hasValueSatisfying(s -> {
            assertThat(s.host()).isEqualTo("127.0.0.1");
            assertThat(s.port()).isEqualTo(25);
        });
        assertThat(config.global().smtpConnectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.global().canSendMail()).isTrue();
    }

    private static KeepalivedConfig model() throws URISyntaxException {
        return read(FakeHost.articleNode()).model().orElseThrow();
    }

    private static ParseResult<KeepalivedConfig> read(FakeHost host) throws URISyntaxException {
        Path seed = Path.of(SeedConfigTest.class.getResource("/keepalived/seed/keepalived.conf").toURI());
        return KeepalivedConfigReader.read(seed, host, "lb1");
    }

    private static String render(Diagnostic d) {
        return d.line() + " " + d.severity() + " " + d.message();
    }
}
