package dev.tandem.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.ParseResult;
import dev.tandem.config.Severity;
import dev.tandem.config.keepalived.model.AddressFamily;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import dev.tandem.config.keepalived.model.ParamMatch;
import dev.tandem.config.keepalived.model.VipSource;
import dev.tandem.config.keepalived.model.VrrpInstance;
import dev.tandem.config.keepalived.model.VrrpState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One rule per test: the vrrp_instance keywords as keepalived 2.2.7 completes them (vrrp.c, keepalived.conf(5)). */
class InstanceKeywordTest {

    @Test
    void stateMasterWithoutPriorityIsTheAddressOwnerWithANotice() {
        ParseResult<KeepalivedConfig> result = read(instance("state MASTER"));

        assertThat(only(result).priority()).isEqualTo(255);
        assertThat(only(result).initialState()).isEqualTo(VrrpState.MASTER);
        assertThat(result.diagnostics()).extracting(Diagnostic::severity).containsExactly(Severity.NOTICE);
    }

    @Test
    void noStateAndNoPriorityIsBackupWithPriority100() {
        VrrpInstance instance = only(read(instance("")));

        assertThat(instance.priority()).isEqualTo(100);
        assertThat(instance.initialState()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void priority255WithoutStateStartsAsMaster() {
        assertThat(only(read(instance("priority 255"))).initialState()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void equalStateDefaultsToBackupWithWarning() {
        ParseResult<KeepalivedConfig> result = read(instance("state EQUAL"));

        assertThat(only(result).initialState()).isEqualTo(VrrpState.BACKUP);
        assertThat(messages(result)).containsExactly("(VI_1) unknown state 'EQUAL', defaulting to BACKUP");
    }

    @Test
    void v2AdvertIntervalFractionIsRoundedToWholeSecondsWithWarning() {
        ParseResult<KeepalivedConfig> result = read(instance("advert_int 1.5"));

        assertThat(only(result).advertIntervalCentis()).isEqualTo(200);
        assertThat(messages(result)).containsExactly("(VI_1) VRRPv2 advertisement interval 1.500000s must be an integer. rounding");
    }

    @Test
    void v3AdvertIntervalIsKeptInCentiseconds() {
        ParseResult<KeepalivedConfig> result = read(instance("version 3\nadvert_int 0.35"));

        assertThat(only(result).advertIntervalCentis()).isEqualTo(35);
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void v3AdvertIntervalAbove4095CentisecondsIsClamped() {
        ParseResult<KeepalivedConfig> result = read(instance("version 3\nadvert_int 50"));

        assertThat(only(result).advertIntervalCentis()).isEqualTo(4095);
        assertThat(messages(result)).containsExactly(
                "(VI_1) VRRPv3 advertisement interval 50.00s is out of range. Must be less than 40.96s. Setting to 40.95s");
    }

    @Test
    void v3AdvertIntervalBelowCentisecondsIsRounded() {
        ParseResult<KeepalivedConfig> result = read(instance("version 3\nadvert_int 0.015"));

        assertThat(only(result).advertIntervalCentis()).isEqualTo(2);
        assertThat(messages(result)).containsExactly(
                "(VI_1) VRRPv3 advertisement interval 0.015000s must be in units of 10ms - rounding");
    }

    @Test
    void ipv6InstanceIsVersion3WithHostPrefix128ByDefault() {
        VrrpInstance instance = only(read(instance("", "2001:db8::10")));

        assertThat(instance.family()).isEqualTo(AddressFamily.IPV6);
        assertThat(instance.version()).isEqualTo(3);
        assertThat(instance.vips()).extracting(v -> v.cidr()).containsExactly("2001:db8::10/128");
    }

    @Test
    void explicitVersion2OnIpv6IsKeptWithAWarning() {
        ParseResult<KeepalivedConfig> result = read(instance("version 2", "2001:db8::10/64"));

        assertThat(only(result).version()).isEqualTo(2);
        assertThat(messages(result)).containsExactly("(VI_1) VRRP version 2 is defined for IPv4 only (RFC 3768);"
                + " keepalived sends version 2 adverts over IPv6 anyway, which RFC 5798 peers drop");
    }

    @Test
    void strictModeForcesVersion3OnIpv6AndDropsAuthentication() {
        ParseResult<KeepalivedConfig> result = read(instance("strict_mode\nversion 2\nauthentication {\n auth_type PASS\n"
                + " auth_pass x\n}", "2001:db8::10/64"));

        assertThat(only(result).version()).isEqualTo(3);
        assertThat(only(result).authentication()).isEmpty();
        assertThat(only(result).accept()).isFalse();
        assertThat(messages(result)).containsExactly("(VI_1) cannot use IPv6 with VRRP version 2; setting version 3",
                "(VI_1) the first IPv6 VIP address must be link local",
                "(VI_1) Strict mode does not support authentication. Ignoring.");
    }

    @Test
    void strictIpv6InstanceWithALinkLocalFirstVipIsClean() {
        ParseResult<KeepalivedConfig> result = read(instance("strict_mode", "fe80::1/64", "2001:db8::10/64"));

        assertThat(result.diagnostics()).isEmpty();
        assertThat(only(result).vips()).hasSize(2);
    }

    @Test
    void globalVrrpVersion3AppliesToIpv4Instances() {
        KeepalivedConfig config = read("global_defs {\n vrrp_version 3\n}\n" + instance("")).model().orElseThrow();

        assertThat(config.instances().getFirst().version()).isEqualTo(3);
    }

    @Test
    void ipv4VipWithoutPrefixIsAHostAddressAndOptionsAreKept() {
        VrrpInstance instance = only(read(instance("", "192.0.2.10 dev eth1 brd 192.0.2.255 scope link label eth1:vip no_track")));

        assertThat(instance.vips()).singleElement().satisfies(vip -> {
            assertThat(vip.cidr()).isEqualTo("192.0.2.10/32");
            assertThat(vip.device()).contains("eth1");
            assertThat(vip.broadcast().map(b -> b.getHostAddress())).contains("192.0.2.255");
            assertThat(vip.scope()).contains("link");
            assertThat(vip.label()).contains("eth1:vip");
            assertThat(vip.noTrack()).isTrue();
        });
    }

    @Test
    void excludedVipsOfAnyFamilyAreManagedButNotAdvertised() {
        VrrpInstance instance = only(read(instance("virtual_ipaddress_excluded {\n 2001:db8::1/64\n 192.0.2.99\n}")));

        assertThat(instance.vips()).extracting(v -> v.cidr()).containsExactly("192.0.2.10/24");
        assertThat(instance.excludedVips()).extracting(v -> v.cidr(), v -> v.source()).containsExactly(
                tuple("2001:db8::1/64", VipSource.VIRTUAL_IPADDRESS_EXCLUDED),
                tuple("192.0.2.99/32", VipSource.VIRTUAL_IPADDRESS_EXCLUDED));
        assertThat(instance.allVips()).hasSize(3);
    }

    @Test
    void ipv4VipInAnIpv6InstanceSuggestsAnIpv4SiblingInANewSyncGroup() {
        ParseResult<KeepalivedConfig> result = read(instance("", "2001:db8::10/64", "192.0.2.10/24"));
        String nl = System.lineSeparator();

        assertThat(only(result).excludedVips()).extracting(v -> v.source()).containsExactly(VipSource.OTHER_FAMILY);
        assertThat(result.diagnostics()).singleElement().extracting(Diagnostic::hint).isEqualTo(String.join(nl,
                "keepalived 2.x needs an IPv4 instance with the same virtual_router_id, synced with this one:",
                "      vrrp_instance VI_1_4 {",
                "          interface eth0",
                "          virtual_router_id 51",
                "          virtual_ipaddress {",
                "              192.0.2.10/24",
                "          }",
                "      }",
                "      vrrp_sync_group VI_1_G {",
                "          group {",
                "              VI_1",
                "              VI_1_4",
                "          }",
                "      }"));
    }

    @Test
    void authPassIsTruncatedToEightCharacters() {
        VrrpInstance instance = only(read(instance("authentication {\n auth_type PASS\n auth_pass 0123456789\n}")));

        assertThat(instance.authentication()).hasValueSatisfying(a -> assertThat(a.password()).isEqualTo("01234567"));
    }

    @Test
    void version3DropsAuthentication() {
        assertThat(only(read(instance("version 3\nauthentication {\n auth_type PASS\n auth_pass x\n}"))).authentication())
                .isEmpty();
    }

    @Test
    void nopreemptAndPreemptDelayOnBackup() {
        VrrpInstance nopreempt = only(read(instance("state BACKUP\nnopreempt")));
        VrrpInstance delayed = only(read(instance("preempt_delay 30")));

        assertThat(nopreempt.preemption().preempt()).isFalse();
        assertThat(delayed.preemption().preempt()).isTrue();
        assertThat(delayed.preemption().delay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nopreemptIsClearedForTheAddressOwner() {
        ParseResult<KeepalivedConfig> result = read(instance("priority 255\nnopreempt"));

        assertThat(only(result).preemption().preempt()).isTrue();
        assertThat(messages(result)).containsExactly("(VI_1) nopreempt is incompatible with priority 255. resetting nopreempt");
    }

    @Test
    void unicastPeersKeepTheirTtlWindow() {
        VrrpInstance instance = only(read(instance("unicast_src_ip 192.0.2.1\nunicast_ttl 10\n"
                + "unicast_peer {\n 192.0.2.2 min_ttl 250 max_ttl 255\n 192.0.2.3\n}")));

        assertThat(instance.unicast().enabled()).isTrue();
        assertThat(instance.unicast().ttl()).isEqualTo(10);
        assertThat(instance.unicast().peers()).extracting(p -> p.address().getHostAddress(), p -> p.minTtl(), p -> p.maxTtl())
                .containsExactly(tuple("192.0.2.2", 250, 255), tuple("192.0.2.3", 0, 255));
    }

    @Test
    void unicastKeywordWithoutPeersFallsBackToMulticastWithDeprecationWarning() {
        ParseResult<KeepalivedConfig> result = read(instance("unicast_ttl 10"));

        assertThat(only(result).unicast().enabled()).isFalse();
        assertThat(messages(result)).singleElement().asString().startsWith("(VI_1) A unicast keyword has been specified");
    }

    @Test
    void trackScriptTakesTheScriptWeightUnlessTheReferenceSetsOne() {
        KeepalivedConfig config = read("""
                global_defs {
                    enable_script_security
                }
                vrrp_script chk_haproxy {
                    script "/usr/bin/killall -0 haproxy"
                    interval 2
                    weight -20
                    fall 3
                }
                """ + instance("track_script {\n chk_haproxy\n}\ntrack_interface {\n eth1 weight 10\n}"))
                .model().orElseThrow();
        VrrpInstance instance = config.instances().getFirst();

        assertThat(instance.tracking().scripts()).singleElement().satisfies(t -> {
            assertThat(t.script()).isSameAs(config.scripts().getFirst());
            assertThat(t.weight()).isEqualTo(-20);
        });
        assertThat(config.scripts().getFirst().command().argv()).containsExactly("/usr/bin/killall", "-0", "haproxy");
        assertThat(config.scripts().getFirst().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.scripts().getFirst().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.scripts().getFirst().fall()).isEqualTo(3);
        assertThat(instance.tracking().interfaces()).extracting(i -> i.name(), i -> i.weight()).containsExactly(tuple("eth1", 10));
    }

    @Test
    void quotedNotifyCommandIsSplitIntoArgvWithUserAndGroup() {
        VrrpInstance instance = only(read("global_defs {\n enable_script_security\n}\n"
                + instance("notify_master \"/etc/keepalived/master.sh lb1 'two words'\" keepalived_script users")));

        assertThat(instance.notifyScripts().master()).hasValueSatisfying(c -> {
            assertThat(c.argv()).containsExactly("/etc/keepalived/master.sh", "lb1", "two words");
            assertThat(c.user()).contains("keepalived_script");
            assertThat(c.group()).contains("users");
        });
    }

    @Test
    void globalGarpSettingsAreFoldedUnderInstanceOnes() {
        VrrpInstance instance = only(read("global_defs {\n vrrp_garp_master_delay 10\n vrrp_garp_interval 0.001\n}\n"
                + instance("garp_master_repeat 3")));

        assertThat(instance.garp().masterDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(instance.garp().masterRepeat()).isEqualTo(3);
        assertThat(instance.garp().garpInterval()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void smtpAlertWithoutMailSettingsWarnsThatNoMailIsSent() {
        ParseResult<KeepalivedConfig> result = read(instance("smtp_alert"));

        assertThat(only(result).smtpAlert()).isTrue();
        assertThat(messages(result)).containsExactly(
                "(VI_1) smtp_alert is set but global_defs has no notification_email - no mail will be sent");
    }

    @Test
    void virtualRoutesAreKeptOpaqueWithANotice() {
        ParseResult<KeepalivedConfig> result = read(instance("virtual_routes {\n 0.0.0.0/0 via 192.0.2.1\n}"));

        assertThat(only(result).virtualRoutes()).extracting(l -> l.text()).containsExactly("0.0.0.0/0 via 192.0.2.1");
        assertThat(result.diagnostics()).extracting(Diagnostic::severity, Diagnostic::message).containsExactly(tuple(
                Severity.NOTICE, "(VI_1) virtual_routes are parsed but not managed by Tandem yet - 1 line(s) ignored"));
    }

    @Test
    void useVmacAndChecksumOptionsAreModelled() {
        VrrpInstance instance = only(read(instance("use_vmac vrrp.51\nvmac_xmit_base\nv3_checksum_as_v2\naccept")));

        assertThat(instance.vmac()).hasValueSatisfying(v -> {
            assertThat(v.interfaceName()).contains("vrrp.51");
            assertThat(v.xmitBase()).isTrue();
        });
        assertThat(instance.v3ChecksumAsV2()).isTrue();
        assertThat(instance.accept()).isTrue();
    }

    @Test
    void unsupportedKeepalivedKeywordIsAWarningNotAnError() {
        ParseResult<KeepalivedConfig> result = read(instance("use_ipvlan"));

        assertThat(result.model()).isPresent();
        assertThat(messages(result)).containsExactly(
                "(VI_1) 'use_ipvlan' is accepted by keepalived but not supported by Tandem yet - ignored");
    }

    @Test
    void sameVridOnAnotherInterfaceIsNoConflict() {
        String second = instance("", "192.0.2.20/24").replace("VI_1", "VI_2").replace("eth0", "eth1");

        assertThat(read(instance("") + second).diagnostics()).isEmpty();
    }

    @Test
    void vipManagedByTwoInstancesIsAWarning() {
        String second = instance("", "192.0.2.10/32", "192.0.2.11").replace("VI_1", "VI_2").replace("eth0", "eth1");

        ParseResult<KeepalivedConfig> result = read(instance("") + second);

        assertThat(result.diagnostics()).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
                tuple(12, "(VI_2) VIP 192.0.2.10 is also managed by vrrp_instance VI_1 (line 5)"));
    }

    @Test
    void syncGroupTrackingAndTrackFilesAndProcessesResolve() {
        KeepalivedConfig config = read("""
                vrrp_track_file maintenance {
                    file /var/run/lb-maintenance
                    weight -50
                    init_file 0 overwrite
                }
                vrrp_track_process haproxy {
                    process haproxy
                    param_match partial
                    weight 10
                    quorum 1
                    delay 0.5
                }
                vrrp_sync_group VG {
                    group {
                        VI_1 VI_2
                    }
                    track_file {
                        maintenance
                    }
                    track_process {
                        haproxy weight 20
                    }
                    sync_group_tracking_weight
                }
                """ + instance("") + instance("", "192.0.2.20/24").replace("VI_1", "VI_2").replace("eth0", "eth1"))
                .model().orElseThrow();

        var group = config.syncGroups().getFirst();
        assertThat(group.memberNames()).containsExactly("VI_1", "VI_2");
        assertThat(group.trackingWeight()).isTrue();
        assertThat(group.tracking().files()).singleElement().satisfies(f -> {
            assertThat(f.file().file()).isEqualTo(Path.of("/var/run/lb-maintenance"));
            assertThat(f.weight()).isEqualTo(-50);
            assertThat(f.file().initFile()).hasValueSatisfying(i -> assertThat(i.overwrite()).isTrue());
        });
        assertThat(group.tracking().processes()).singleElement().satisfies(p -> {
            assertThat(p.weight()).isEqualTo(20);
            assertThat(p.process().paramMatch()).isEqualTo(ParamMatch.PARTIAL);
            assertThat(p.process().delay()).isEqualTo(Duration.ofMillis(500));
            assertThat(p.process().terminateDelay()).isEqualTo(Duration.ofMillis(500));
        });
    }

    @Test
    void nativeIpv6MakesAnIpv6InstanceEvenBeforeItsVips() {
        VrrpInstance instance = only(read(instance("native_ipv6", "2001:db8::10/64")));

        assertThat(instance.nativeIpv6()).isTrue();
        assertThat(instance.family()).isEqualTo(AddressFamily.IPV6);
    }

    @Test
    void weightedTrackingOfASyncGroupMemberIsDroppedOrZeroedWithWarnings() {
        ParseResult<KeepalivedConfig> result = read("""
                global_defs {
                    enable_script_security
                }
                vrrp_script chk {
                    script "/bin/true"
                    weight -20
                }
                vrrp_sync_group VG {
                    group {
                        VI_1
                        VI_2
                    }
                }
                """ + instance("track_script {\n chk\n}\ntrack_interface {\n eth1 weight 10\n}")
                + instance("", "192.0.2.20/24").replace("VI_1", "VI_2").replace("eth0", "eth1"));

        VrrpInstance instance = only(result);
        assertThat(instance.tracking().scripts()).isEmpty();
        assertThat(instance.tracking().interfaces()).extracting(i -> i.weight()).containsExactly(0);
        assertThat(result.diagnostics()).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
                tuple(18, "(VI_1) ignoring tracked script chk with weights due to SYNC group"),
                tuple(21, "(VI_1) ignoring eth1 tracked interface weight due to SYNC group"));
        assertThat(result.diagnostics().getFirst().hint())
                .isEqualTo("add sync_group_tracking_weight to vrrp_sync_group VG, or move the tracking to the sync group");
    }

    @Test
    void syncGroupTrackingWeightKeepsMemberWeights() {
        ParseResult<KeepalivedConfig> result = read("""
                global_defs {
                    enable_script_security
                }
                vrrp_script chk {
                    script "/bin/true"
                    weight -20
                }
                vrrp_sync_group VG {
                    group {
                        VI_1 VI_2
                    }
                    sync_group_tracking_weight
                }
                """ + instance("track_script {\n chk\n}")
                + instance("", "192.0.2.20/24").replace("VI_1", "VI_2").replace("eth0", "eth1"));

        assertThat(result.diagnostics()).isEmpty();
        assertThat(only(result).tracking().scripts()).extracting(t -> t.weight()).containsExactly(-20);
    }

    private static String instance(String extra, String... vips) {
        List<String> addresses = vips.length == 0 ? List.of("192.0.2.10/24") : List.of(vips);
        return "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n" + extra.indent(4)
                + "    virtual_ipaddress {\n" + String.join("\n", addresses).indent(8) + "    }\n}\n";
    }

    private static ParseResult<KeepalivedConfig> read(String text) {
        MemorySources files = new MemorySources().put("/k/keepalived.conf", text);
        return KeepalivedConfigReader.read(Path.of("/k/keepalived.conf"), "keepalived.conf", files,
                FakeHost.everything(), "lb1");
    }

    private static VrrpInstance only(ParseResult<KeepalivedConfig> result) {
        assertThat(result.diagnostics()).noneMatch(Diagnostic::isError);
        return result.model().orElseThrow().instances().getFirst();
    }

    private static List<String> messages(ParseResult<KeepalivedConfig> result) {
        return result.diagnostics().stream().map(Diagnostic::message).toList();
    }
}
