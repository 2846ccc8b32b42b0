package dev.tandem.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.keepalived.model.Vip;
import dev.tandem.config.keepalived.model.VipSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One virtual_ipaddress line: input -> VIP (as cidr) or diagnostic (keepalived vrrp_ipaddress.c wording). */
class VipParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "192.0.2.10                          | 192.0.2.10/32     | ",
            "192.0.2.10/24                       | 192.0.2.10/24     | ",
            "2001:DB8::0:10                      | 2001:db8::10/128  | ",
            "2001:db8::10/64 dev eth1            | 2001:db8::10/64   | ",
            "192.0.2.10/24 label eth0:averyveryverylonglabel | -     | ERROR Address label eth0:averyveryverylonglabel is longer than maximum length 15 - removing address",
            "2001:db8::10 scope link             | 2001:db8::10/128  | WARNING Cannot specify scope for IPv6 addresses (2001:db8::10) - ignoring scope",
            "2001:db8::10 brd 192.0.2.255        | 2001:db8::10/128  | WARNING VRRP is trying to assign a broadcast 192.0.2.255 to the IPv6 address 2001:db8::10 - ignoring broadcast",
            "192.0.2.10 scope galaxy             | 192.0.2.10/32     | WARNING Invalid scope 'galaxy' specified for 192.0.2.10 - ignoring",
            "192.0.2.10 peer 2001:db8::1         | -                 | ERROR Peer address 2001:db8::1 does not match address family",
            "192.0.2.10 dev                      | -                 | ERROR No dev parameter specified for 192.0.2.10",
            "192.0.2.10 bogus                    | 192.0.2.10/32     | WARNING Unknown configuration entry 'bogus' for ip address - ignoring",
            "192.0.2.10/-1                       | -                 | ERROR Invalid address prefix len -1 for address 192.0.2.10",
            "192.0.2.10/                         | -                 | ERROR Invalid address prefix len  for address 192.0.2.10",
            "vip.example.com                     | -                 | ERROR VRRP parsed invalid IP vip.example.com. skipping IP...",
    })
    void vipLine(String line, String cidr, String diagnostic) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Diagnostics report = new Diagnostics();
        MemorySources files = new MemorySources().put("/k/k.conf", line);
        List<Statement> statements = StatementReader.read(
                new KeepalivedLexer(files, "lb1", diagnostics::add).read(Path.of("/k/k.conf"), "k.conf"), diagnostics::add);

        Vip vip = VipParser.parse(statements.getFirst(), VipSource.VIRTUAL_IPADDRESS, report);

        assertThat(vip == null ? "-" : vip.cidr()).isEqualTo(cidr);
        assertThat(report.inFileOrder(List.of("k.conf"))).extracting(d -> d.severity() + " " + d.message())
                .containsExactlyElementsOf(diagnostic == null ? List.of() : List.of(diagnostic));
    }
}
