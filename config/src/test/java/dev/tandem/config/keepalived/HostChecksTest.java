package dev.tandem.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.HostFacts;
import dev.tandem.config.ParseResult;
import dev.tandem.config.Severity;
import dev.tandem.config.keepalived.model.KeepalivedConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Machine-dependent facts give warnings only (configs are often checked on another host), in
 * keepalived's words where it has them.
 */
class HostChecksTest {

    private static final String CONFIG = """
            global_defs {
                enable_script_security
            }
            vrrp_script chk_haproxy {
                script "/usr/local/bin/chk_haproxy.sh --quiet"
            }
            vrrp_script chk_pidof {
                script "pidof haproxy"
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                track_interface {
                    bond1
                }
                track_script {
                    chk_haproxy
                    chk_pidof
                }
                notify_master "/etc/keepalived/master.sh up"
                notify_backup /etc/keepalived/backup.sh
                virtual_ipaddress {
                    192.0.2.10/24 dev eth9
                }
            }
            """;

    @Test
    void everythingPresentGivesNoDiagnostic() {
        assertThat(read(host(Set.of("eth0", "eth9", "bond1"), Set.of("/usr/local/bin/chk_haproxy.sh",
                "/etc/keepalived/master.sh", "/etc/keepalived/backup.sh"), Set.of())).diagnostics()).isEmpty();
    }

    @Test
    void missingInterfacesAndScriptsAreWarningsAtTheirLines() {
        ParseResult<KeepalivedConfig> result = read(host(Set.of(), Set.of(), Set.of("/etc/keepalived/backup.sh")));

        assertThat(result.model()).isPresent();
        assertThat(result.diagnostics()).extracting(Diagnostic::severity).containsOnly(Severity.WARNING);
        assertThat(result.diagnostics()).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
                tuple(5, "Script /usr/local/bin/chk_haproxy.sh cannot be accessed - No such file or directory"
                        + " - vrrp_script chk_haproxy will be disabled (and the instances tracking it go to FAULT)"),
                tuple(11, "WARNING - interface eth0 for vrrp_instance VI_1 doesn't exist"),
                tuple(14, "(VI_1) tracked interface bond1 doesn't exist"),
                tuple(20, "Script /etc/keepalived/master.sh cannot be accessed - No such file or directory"
                        + " - notify_master of VI_1 will be disabled"),
                tuple(21, "Script /etc/keepalived/backup.sh is not executable - notify_backup of VI_1 will be disabled"),
                tuple(23, "WARNING - interface eth9 for ip address 192.0.2.10/24 doesn't exist"));
        assertThat(result.diagnostics().get(4).hint()).isEqualTo("chmod +x /etc/keepalived/backup.sh (checked on this"
                + " machine; ignore it if the file is meant for another host)");
    }

    private static ParseResult<KeepalivedConfig> read(HostFacts host) {
        MemorySources files = new MemorySources().put("/k/keepalived.conf", CONFIG);
        return KeepalivedConfigReader.read(Path.of("/k/keepalived.conf"), "keepalived.conf", files, host, "lb1");
    }

    /** Interfaces that exist, executables, and files that exist but are not executable. */
    private static HostFacts host(Set<String> interfaces, Set<String> executables, Set<String> plainFiles) {
        return new HostFacts() {
            @Override
            public Optional<String> env(String name) {
                return Optional.empty();
            }

            @Override
            public boolean interfaceExists(String name) {
                return interfaces.contains(name);
            }

            @Override
            public boolean isReadableFile(Path path) {
                return executables.contains(path.toString()) || plainFiles.contains(path.toString());
            }

            @Override
            public boolean isExecutable(Path path) {
                return executables.contains(path.toString());
            }
        };
    }
}
