package dev.tandem.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.ParseResult;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broken-config corpus (src/test/resources/keepalived/broken): each file with every diagnostic
 * it must produce, as {@code line severity message}, in file order. keepalived 2.2.7's wording is
 * kept where it has one (vrrp_parser.c, vrrp.c, vrrp_sync.c, lib/parser.c).
 */
class BrokenConfigTest {

    static Stream<Arguments> corpus() {
        return Stream.of(
                broken("vrid-0.conf", "3 ERROR (VI_1): VRID '0' not valid - must be between 1 & 255"),
                broken("vrid-256.conf", "3 ERROR (VI_1): VRID '256' not valid - must be between 1 & 255"),
                broken("vrid-abc.conf", "3 ERROR (VI_1): VRID 'abc' not valid - must be between 1 & 255"),
                broken("priority-300.conf", "4 ERROR (VI_1) Priority '300' not valid! must be between 1 & 255"),
                broken("unknown-keyword.conf", "4 ERROR Unknown keyword 'priorty'"),
                broken("misspelt-section.conf", "1 ERROR Unknown keyword 'vrrp_instanse'"),
                broken("unterminated-block.conf", "1 ERROR block 'vrrp_instance VI_1' opened here is never closed"),
                broken("unterminated-quote.conf",
                        "4 ERROR Unterminated quote 'notify \"/usr/local/bin/notify.sh VI_1'"),
                broken("stray-close-brace.conf", "8 ERROR Extra '}' found"),
                broken("include-cycle.conf", "broken/include-cycle-back.inc 1 ERROR include cycle: 'include-cycle.conf'"
                        + " is already being read (broken/include-cycle.conf -> broken/include-cycle-back.inc ->"
                        + " broken/include-cycle.conf) - ignoring this include"),
                broken("include-missing.conf", "1 ERROR include file 'conf.d/missing.conf' does not exist"
                        + " (looked for broken/conf.d/missing.conf)"),
                broken("auth-pass-too-long.conf", "6 WARNING Truncating auth_pass to 8 characters"),
                broken("v3-with-auth.conf", "5 WARNING (VI_1) VRRP version 3 does not support authentication. Ignoring."),
                broken("advert-int-out-of-range.conf",
                        "4 ERROR (VI_1) Advert interval (300) not valid! must be between 0.01 and 255 seconds"),
                broken("bad-vip-address.conf",
                        "1 WARNING (VI_1) No VIP specified; at least one is sensible",
                        "5 ERROR VRRP parsed invalid IP 192.0.2.300/24. skipping IP..."),
                broken("bad-vip-prefix.conf",
                        "1 WARNING (VI_1) No VIP specified; at least one is sensible",
                        "5 ERROR Invalid address prefix len 33 for address 192.0.2.10",
                        "6 ERROR Invalid address prefix len 129 for address 2001:db8::10"),
                broken("unicast-peer-wrong-family.conf", "7 ERROR Configuration error: VRRP instance[VI_1] and unicast"
                        + " peer address[2001:db8::2] MUST be of the same family !!! Skipping..."),
                broken("unknown-track-script.conf",
                        "6 WARNING Warning - script chk_haprox is not used",
                        "15 ERROR (VI_1) track script chk_haproxy not found, ignoring..."),
                broken("duplicate-instance.conf", "9 ERROR vrrp instance VI_1 already defined"),
                broken("duplicate-vrid-on-interface.conf",
                        "11 ERROR VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0"),
                broken("nopreempt-state-master.conf",
                        "6 WARNING (VI_1) Warning - nopreempt will not work with initial state MASTER - clearing"),
                broken("preempt-delay-1001.conf", "4 ERROR (VI_1) Preempt_delay not valid! must be between 0-1000"),
                broken("absurd-numbers.conf",
                        "3 ERROR (VI_1): VRID '-1' not valid - must be between 1 & 255",
                        "4 ERROR (VI_1) Priority '99999999999999999999' not valid! must be between 1 & 255",
                        "5 ERROR (VI_1) Advert interval (1e9) not valid! must be between 0.01 and 255 seconds",
                        "6 ERROR (VI_1): garp_master_repeat '1000000' invalid - ignoring",
                        "7 ERROR (VI_1) Preempt_delay not valid! must be between 0-1000",
                        "8 ERROR (VI_1): TTL '256' not valid - must be between 0 & 255"),
                broken("sync-group-missing-member.conf",
                        "1 WARNING Sync group VG_1 has only 1 virtual router(s) - this probably isn't what you want",
                        "4 WARNING Virtual router INTERN specified in sync group VG_1 doesn't exist - ignoring"),
                broken("state-master-without-priority.conf", "4 NOTICE (VI_1) state MASTER without priority: the priority"
                        + " is 255 (address owner); this node takes over at once and can never be preempted"),
                broken("v3-without-vip.conf", "1 ERROR (VI_1) No VIP specified; at least one is required"),
                broken("missing-interface-and-vrid.conf",
                        "1 ERROR (VI_1) the virtual router id must be set",
                        "1 ERROR (VI_1) Unknown interface!"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void brokenConfigGivesExactlyItsDiagnostics(String file, List<String> expected) throws Exception {
        ParseResult<KeepalivedConfig> result = read(file);

        assertThat(result.diagnostics()).extracting(d -> render(file, d)).containsExactlyElementsOf(expected);
        assertThat(result.model().isPresent()).isEqualTo(expected.stream().noneMatch(e -> e.contains(" ERROR ")));
    }

    @Test
    void corpusHasAnEntryForEveryBrokenFile() throws Exception {
        List<String> entries = corpus().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> files = Files.list(dir())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")))
                    .containsExactlyInAnyOrderElementsOf(entries)
                    .hasSizeGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void unknownKeywordNamesTheClosestKnownKeyword() throws Exception {
        assertThat(read("unknown-keyword.conf").diagnostics().getFirst().hint())
                .isEqualTo("did you mean 'priority'? (closest vrrp_instance keyword)");
        assertThat(read("misspelt-section.conf").diagnostics().getFirst().hint())
                .isEqualTo("did you mean 'vrrp_instance'? (closest top-level keyword)");
    }

    @Test
    void unknownTrackScriptSuggestsTheDefinedScript() throws Exception {
        assertThat(read("unknown-track-script.conf").diagnostics().get(1).hint()).isEqualTo("did you mean 'chk_haprox'?");
    }

    @Test
    void missingSyncGroupMemberSuggestsTheExistingInstance() throws Exception {
        assertThat(read("sync-group-missing-member.conf").diagnostics().get(1).hint()).isEqualTo("did you mean 'EXTERN'?");
    }

    @Test
    void unterminatedQuotePointsAtTheOpeningQuote() throws Exception {
        assertThat(read("unterminated-quote.conf").diagnostics().getFirst().column()).isEqualTo(12);
    }

    private static ParseResult<KeepalivedConfig> read(String file) throws URISyntaxException {
        return KeepalivedConfigReader.read(dir().resolve(file), "broken/" + file, new FileSystemSources(),
                FakeHost.everything(), "lb1");
    }

    private static String render(String file, Diagnostic d) {
        String prefix = d.file().equals("broken/" + file) ? "" : d.file() + " ";
        return prefix + d.line() + " " + d.severity() + " " + d.message();
    }

    private static Path dir() throws URISyntaxException {
        return Path.of(BrokenConfigTest.class.getResource("/keepalived/broken").toURI());
    }

    private static Arguments broken(String file, String... expected) {
        return Arguments.of(file, List.of(expected));
    }
}
