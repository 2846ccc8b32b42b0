package dev.tandem.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.ParseResult;
import dev.tandem.config.haproxy.model.AddressFamily;
import dev.tandem.config.haproxy.model.Bind;
import dev.tandem.config.haproxy.model.BindAddress;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.Server;
import dev.tandem.config.haproxy.model.UnixAddress;
import dev.tandem.config.haproxy.model.UnixPermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * UNIX socket addresses on bind and server lines (configuration.txt §2.9.1: a path starting with
 * '/', {@code unix@}, {@code abns@}), the UNIX bind options (§5.1 "mode", "uid", "user", "gid",
 * "group") and their global defaults ({@code unix-bind}, §3.1), and the listener {@code id} (§5.1).
 */
class UnixSocketKeywordsTest {

    private static final String DEFAULTS = ProxyKeywordsTest.DEFAULTS;

    private static ParseResult<HaproxyConfig> parse(String cfg) {
        return HaproxyConfigReader.readText("t.cfg", cfg, Fixtures.host(Map.of()));
    }

    private static List<String> errors(String cfg) {
        return Fixtures.briefs(parse(cfg).diagnostics());
    }

    private static Bind bind(String bindLine) {
        return ProxyKeywordsTest.clean(DEFAULTS + "frontend fe\n    " + bindLine + "\n    default_backend be\n"
                + "backend be\n    server s1 127.0.0.1:8081\n").proxies().get(0).binds().get(0);
    }

    private static Bind bind(String global, String bindLine) {
        return ProxyKeywordsTest.clean(global + DEFAULTS + "frontend fe\n    " + bindLine + "\n    default_backend be\n"
                + "backend be\n    server s1 127.0.0.1:8081\n").proxies().get(0).binds().get(0);
    }

    private static Server server(String serverLine) {
        return ProxyKeywordsTest.backend("    " + serverLine).servers().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "/run/haproxy/web.sock => /run/haproxy/web.sock false",
        "unix@/run/haproxy/web.sock => /run/haproxy/web.sock false",
        "unix@relative.sock => relative.sock false",
        "uxst@/run/web.sock => /run/web.sock false",
        "abns@web-front => web-front true"})
    void unixAddressFormsOfBind(String spec, String expected) throws Addresses.Invalid {
        String[] e = expected.split(" ");
        assertThat(Addresses.bind(spec)).containsExactly(
                new BindAddress.Unix(new UnixAddress(e[0], Boolean.parseBoolean(e[1]))));
    }

    /** tools.c str2sa_range: 107 bytes of sun_path less ".<pid>.tmp"; an abstract name has all 107. */
    @Test
    void aSocketPathOver97BytesIsRefusedWithHaproxysMessage() {
        String ok = "/" + "p".repeat(96);
        String tooLong = "/" + "p".repeat(97);
        assertThat(bind("bind " + ok).addresses()).containsExactly(new BindAddress.Unix(ok));
        assertThat(errors(DEFAULTS + "frontend fe\n    bind unix@" + tooLong + "\n"))
                .contains("7: error: 'bind' : socket path 'unix@" + tooLong + "' too long (max 97)");
        assertThat(bind("bind abns@" + "a".repeat(107)).addresses()).hasSize(1);
        assertThat(errors(DEFAULTS + "frontend fe\n    bind abns@" + "a".repeat(108) + "\n"))
                .contains("7: error: 'bind' : socket path 'abns@" + "a".repeat(108) + "' too long (max 107)");
    }

    @Test
    void sockpairIsRefusedClearly() {
        assertThat(errors(DEFAULTS + "frontend fe\n    bind sockpair@3\n"))
                .contains("7: error: 'bind' : sockpair@ addresses are not available in this build in 'sockpair@3'");
    }

    @Test
    void modeUidGidUserGroupAreTheSocketFilesOwnerAndMode() {
        Bind b = bind("bind /run/web.sock mode 660 uid 101 group www-data");
        assertThat(b.unix()).isEqualTo(new UnixPermissions(OptionalInt.of(0660), OptionalInt.of(101), Optional.empty(),
                OptionalInt.empty(), Optional.of("www-data")));
        // the last of user and uid wins, as both set the same owner in haproxy
        assertThat(bind("bind /run/web.sock uid 7 user haproxy").unix().user()).contains("haproxy");
        assertThat(bind("bind /run/web.sock user haproxy uid 7").unix().uid()).hasValue(7);
    }

    @Test
    void badModeAndUidAreErrorsNamingTheValue() {
        assertThat(errors(DEFAULTS + "frontend fe\n    bind /run/web.sock mode 0xff\n"))
                .contains("7: error: 'mode' : missing or invalid mode '0xff' (octal integer expected)");
        assertThat(errors(DEFAULTS + "frontend fe\n    bind /run/web.sock mode 890\n"))
                .contains("7: error: 'mode' : missing or invalid mode '890' (octal integer expected)");
        assertThat(errors(DEFAULTS + "frontend fe\n    bind /run/web.sock uid haproxy\n"))
                .contains("7: error: invalid uid 'haproxy': expected an integer");
    }

    @Test
    void unixBindGivesPrefixAndDefaultsToTheBindsThatFollow() {
        Bind b = bind("global\n    unix-bind prefix /run/haproxy/ mode 600 user haproxy\n",
                "bind unix@web.sock gid 33");
        assertThat(b.addresses()).containsExactly(new BindAddress.Unix("/run/haproxy/web.sock"));
        assertThat(b.unix().mode()).hasValue(0600);
        assertThat(b.unix().user()).contains("haproxy");
        assertThat(b.unix().gid()).hasValue(33);
        // the prefix is not put before an abstract name
        assertThat(bind("global\n    unix-bind prefix /run/haproxy/\n", "bind abns@front").addresses())
                .containsExactly(new BindAddress.Unix(new UnixAddress("front", true)));
    }

    @Test
    void unixBindPrefixCountsInThePathLimit() {
        assertThat(errors("global\n    unix-bind prefix /run/haproxy/\n" + DEFAULTS + "frontend fe\n    bind unix@"
                + "p".repeat(90) + "\n"))
                .contains("9: error: 'bind' : socket path 'unix@" + "p".repeat(90) + "' too long (max 84)");
    }

    @Test
    void unixBindRefusesOtherOptions() {
        assertThat(errors("global\n    unix-bind level admin\n"))
                .contains("2: error: 'unix-bind' only supports the 'prefix', 'mode', 'uid', 'gid', 'user' and 'group' "
                        + "options.");
    }

    @Test
    void bindIdNumbersTheListener() {
        assertThat(bind("bind 127.0.0.1:8080 id 7").id()).hasValue(7);
        assertThat(errors(DEFAULTS + "frontend fe\n    bind 127.0.0.1:8080-8081 id 7\n"))
                .contains("7: error: 'bind 127.0.0.1:8080-8081' : 'id' can only be used with a single socket");
        assertThat(errors(DEFAULTS + "frontend fe\n    bind 127.0.0.1:8080 id 0\n"))
                .contains("7: error: 'bind 127.0.0.1:8080' : 'id' '0' is out of range; it must be between 1 and "
                        + Integer.MAX_VALUE);
        assertThat(errors(DEFAULTS + "frontend fe\n    bind 127.0.0.1:8080 id 3\n    bind 127.0.0.1:8081 id 3\n"))
                .contains("8: error: 'bind 127.0.0.1:8081' : 'id' : custom id 3 already used at t.cfg:7");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "/run/app.sock => /run/app.sock false",
        "unix@/run/app.sock => /run/app.sock false",
        "abns@app => app true"})
    void serverOnAUnixSocket(String spec, String expected) {
        String[] e = expected.split(" ");
        Server s = server("server s1 " + spec + " check");
        assertThat(s.unix()).contains(new UnixAddress(e[0], Boolean.parseBoolean(e[1])));
        assertThat(s.port()).isEmpty();
        assertThat(s.check().enabled()).isTrue();
    }

    @Test
    void serverFamilyPrefixes() {
        Server v4 = server("server s1 ipv4@127.0.0.1:8080");
        assertThat(v4.host()).isEqualTo("127.0.0.1");
        assertThat(v4.port()).hasValue(8080);
        assertThat(server("server s1 ipv6@[::1]:8080").host()).isEqualTo("::1");
        assertThat(errors(DEFAULTS + "backend be\n    server s1 ipv4@[::1]:8080\n"))
                .contains("7: error: server 's1': address '::1' does not match the ipv4@ prefix in 'ipv4@[::1]:8080'");
        assertThat(errors(DEFAULTS + "backend be\n    server s1 sockpair@4\n"))
                .contains("7: error: server 's1': sockpair@ addresses are not available in this build in 'sockpair@4'");
        assertThat(errors(DEFAULTS + "backend be\n    server s1 fd@4\n"))
                .contains("7: error: server 's1': a file descriptor is not acceptable here in 'fd@4'");
        assertThat(errors(DEFAULTS + "backend be\n    server s1 unix@/" + "p".repeat(97) + "\n"))
                .contains("7: error: server 's1': socket path 'unix@/" + "p".repeat(97) + "' too long (max 97)");
    }

    @Test
    void anIpv4PrefixedBindKeepsItsFamily() throws Addresses.Invalid {
        assertThat(Addresses.bind("ipv4@:80")).containsExactly(new BindAddress.Inet(AddressFamily.IPV4, "", 80, 80));
    }
}
