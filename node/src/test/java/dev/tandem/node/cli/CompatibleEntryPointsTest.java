package dev.tandem.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tandem haproxy ...} and {@code tandem keepalived ...}: the original programs' flags and exits. */
class CompatibleEntryPointsTest {

    @Test
    void haproxyCheckPrintsHaproxysLayoutAndValidity(@TempDir Path dir) throws Exception {
        Cli.seedInto(dir);
        String h = dir.resolve("haproxy.cfg").toString();
        Cli r = Cli.run("haproxy", "-c", "-f", h);
        assertThat(r.exit()).isZero();
        assertThat(r.err()).containsPattern("\\[WARNING\\]  \\(\\d+\\) : config : parsing \\[" + java.util.regex.Pattern.quote(h)
                + ":26\\] : 'reqadd' is not supported anymore");
        assertThat(r.out()).isEqualTo("Configuration file is valid\n");
    }

    @Test
    void haproxyCheckOfABrokenFileIsFatal(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "frontend f\n    bind 127.0.0.1\n");
        Cli r = Cli.run("haproxy", "-c", "-f", cfg.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("[ALERT]").contains(":2] : ").contains("missing port specification in '127.0.0.1'")
                .contains("Fatal errors found in configuration.");
    }

    /** management.txt §2: -cc exits 0 when the condition is true, 1 when false, 2 on error. */
    @Test
    void haproxyConditionExitCodes() {
        assertThat(Cli.run("haproxy", "-cc", "version_atleast(2.5-dev0)").exit()).isZero();
        assertThat(Cli.run("haproxy", "-cc", "version_atleast(3.1)").exit()).isEqualTo(1);
        assertThat(Cli.run("haproxy", "-cc", "feature(OPENSSL)").exit()).isZero();
        Cli bad = Cli.run("haproxy", "-cc", "version_atleast(");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("failed to evaluate condition");
    }

    @Test
    void haproxyVersionLinesMatchWhatScriptsGrep() {
        Cli r = Cli.run("haproxy", "-vv");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("HAProxy version 2.6.0 ").contains("IP_TRANSPARENT IPV6_TRANSPARENT IP_FREEBIND");
    }

    @Test
    void haproxyUsageErrorExitsOne() {
        Cli r = Cli.run("haproxy", "-d");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("No configuration file specified");
    }

    /** keepalived 2.2.7 core/main.c: -t exits 5 when the config has errors it would still run with. */
    @Test
    void keepalivedConfigTestOfTheArticleConfigExitsFive(@TempDir Path dir) throws Exception {
        Cli.seedInto(dir);
        Cli r = Cli.run("keepalived", "-t", "-f", dir.resolve("keepalived.conf").toString());
        assertThat(r.exit()).isEqualTo(KeepalivedCommand.EXIT_CONFIG_ERRORS);
        assertThat(r.err()).contains("unknown state 'EQUAL', defaulting to BACKUP");
    }

    @Test
    void keepalivedConfigTestOfAFatalConfigExitsFour(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("k.conf");
        Files.writeString(cfg, "vrrp_instance X {\n  interface lo\n  virtual_router_id 256\n  virtual_ipaddress {\n    192.0.2.1\n  }\n}\n");
        Cli r = Cli.run("keepalived", "--config-test", "--use-file=" + cfg);
        assertThat(r.exit()).isEqualTo(KeepalivedCommand.EXIT_CONFIG_FATAL);
        assertThat(r.err()).contains(cfg + ":3: error: (X): VRID '256' not valid - must be between 1 & 255");
    }

    @Test
    void keepalivedConfigTestOfACleanConfigExitsZero(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("k.conf");
        Files.writeString(cfg, "vrrp_instance X {\n  interface lo\n  state BACKUP\n  priority 100\n  virtual_router_id 51\n"
                + "  virtual_ipaddress {\n    192.0.2.1/24\n  }\n}\n");
        Cli r = Cli.run("keepalived", "-t", "-f", cfg.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    /** keepalived(8) -i: only the @id lines of that config id apply. */
    @Test
    void keepalivedConfigIdSelectsConditionalLines(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("k.conf");
        Files.writeString(cfg, "vrrp_instance X {\n  interface lo\n  state BACKUP\n  @lb1 priority 150\n  @lb2 priority 999\n"
                + "  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.1/24\n  }\n}\n");
        assertThat(Cli.run("keepalived", "-t", "-i", "lb1", "-f", cfg.toString()).exit()).isZero();
        Cli lb2 = Cli.run("keepalived", "-t", "-i", "lb2", "-f", cfg.toString());
        assertThat(lb2.exit()).isEqualTo(KeepalivedCommand.EXIT_CONFIG_FATAL);
        assertThat(lb2.err()).contains(cfg + ":5: error:");
    }

    @Test
    void keepalivedVersion() {
        Cli r = Cli.run("keepalived", "-v");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Keepalived v2.2.7 ");
    }

    @Test
    void runWithoutConfigurationIsAUsageError() {
        Cli r = Cli.run("run");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nothing to run");
    }

    @Test
    void runWithABrokenConfigDoesNotStart(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "frontend f\n    bind 127.0.0.1:1 nosuchoption\n");
        Cli r = Cli.run("run", "-f", cfg.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("fatal errors found in configuration; not starting.");
    }

    @Test
    void vrrpAloneOnAMissingInterfaceFailsWithOneClearError(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("k.conf");
        Files.writeString(cfg, "vrrp_instance X {\n  interface tdmnosuch0\n  state BACKUP\n  priority 100\n"
                + "  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.1/24\n  }\n}\n");
        Cli r = Cli.run("run", "-k", cfg.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("tandem: VRRP interface tdmnosuch0 does not exist")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }
}
