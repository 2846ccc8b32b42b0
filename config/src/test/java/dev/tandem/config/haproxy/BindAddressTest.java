package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.config.haproxy.model.AddressFamily;
import dev.tandem.config.haproxy.model.BindAddress;
import dev.tandem.config.haproxy.model.BindAddress.Inet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Address forms of "bind" (configuration.txt §2.9 and "bind"; haproxy str2sa_range(); reference haproxy.md §1.3). */
class BindAddressTest {

    private static BindAddress one(String spec) throws Addresses.Invalid {
        List<BindAddress> all = Addresses.bind(spec);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "1.2.3.4:80 => IPV4 1.2.3.4 80",
        "*:80 => IPV4 '' 80",
        ":80 => IPV4 '' 80",
        "0.0.0.0:80 => IPV4 0.0.0.0 80",
        ":::80 => IPV6 '' 80",
        "[::]:443 => IPV6 '' 443",
        "[2001:db8::1]:80 => IPV6 2001:db8::1 80",
        "2a02:123:45:67bb::1:80 => IPV6 2a02:123:45:67bb::1 80",
        "ipv6@:8080 => IPV6 '' 8080",
        "ipv4@127.0.0.1:8080 => IPV4 127.0.0.1 8080"})
    void bindWithoutBracketsTakesLastColonAsPort(String spec, String expected) throws Addresses.Invalid {
        Inet inet = (Inet) one(spec);
        String[] e = expected.split(" ");
        assertThat(inet.family()).isEqualTo(AddressFamily.valueOf(e[0]));
        assertThat(inet.host()).isEqualTo(e[1].equals("''") ? "" : e[1]);
        assertThat(inet.portFrom()).isEqualTo(Integer.parseInt(e[2]));
        assertThat(inet.portTo()).isEqualTo(Integer.parseInt(e[2]));
    }

    @Test
    void portRangeIsKeptAsARange() throws Addresses.Invalid {
        assertThat(one("127.0.0.1:27090-27092")).isEqualTo(new Inet(AddressFamily.IPV4, "127.0.0.1", 27090, 27092));
    }

    @Test
    void commaListGivesOneAddressEach() throws Addresses.Invalid {
        assertThat(Addresses.bind("127.0.0.1:27094,[::1]:27095")).containsExactly(
                new Inet(AddressFamily.IPV4, "127.0.0.1", 27094, 27094), new Inet(AddressFamily.IPV6, "::1", 27095, 27095));
    }

    @Test
    void fdPrefixIsAnInheritedSocket() throws Addresses.Invalid {
        assertThat(one("fd@3")).isEqualTo(new BindAddress.InheritedFd(3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "127.0.0.1 => missing port specification in '127.0.0.1'",
        "[::1] => missing port specification in '[::1]'",
        "::1 => invalid address: ':' in '::1'",
        "127.0.0.1:70000 => invalid port '70000'",
        "127.0.0.1:0 => invalid port '0'",
        "0.0.0.0:$PORT => missing port specification in '0.0.0.0:$PORT'",
        "127.0.0.1:90-80 => invalid port range '90-80' in '127.0.0.1:90-80': the first port is above the last",
        "www.example.com:80 => invalid address: 'www.example.com' in 'www.example.com:80'",
        "300.1.1.1:80 => invalid address: '300.1.1.1' in '300.1.1.1:80'",
        "sockpair@3 => sockpair@ addresses are not available in this build in 'sockpair@3'",
        "ipv4@[::1]:80 => address '::1' does not match the ipv4@ prefix in 'ipv4@[::1]:80'"})
    void badBindAddressesGiveHaproxysMessages(String spec, String message) {
        assertThatThrownBy(() -> Addresses.bind(spec)).isInstanceOf(Addresses.Invalid.class).hasMessage(message);
    }
}
