package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinuxExceptionTest {
    @Test
    void epermNamesTheCapabilityThatIsMissing() {
        LinuxException e = new LinuxException("socket(AF_INET, SOCK_RAW, 112)", Errno.EPERM, "Operation not permitted",
                Capability.CAP_NET_RAW);

        assertThat(e.getMessage()).isEqualTo("socket(AF_INET, SOCK_RAW, 112) failed: EPERM (Operation not permitted);"
                + " this needs CAP_NET_RAW: run as root or grant it, e.g. systemd AmbientCapabilities=CAP_NET_RAW");
        assertThat(e.missingCapability()).isEqualTo(Capability.CAP_NET_RAW);
    }

    @Test
    void otherErrnosDoNotBlameCapabilities() {
        LinuxException e = new LinuxException("rtnetlink RTM_NEWADDR 192.0.2.100/24 dev 2", Errno.EEXIST,
                "File exists", Capability.CAP_NET_ADMIN);

        assertThat(e.getMessage()).isEqualTo("rtnetlink RTM_NEWADDR 192.0.2.100/24 dev 2 failed: EEXIST (File exists)");
        assertThat(e.missingCapability()).isEqualTo(Capability.NONE);
        assertThat(e.is(Errno.EEXIST)).isTrue();
    }

    @Test
    void strerrorComesFromLibc() {
        LinuxException e = Syscalls.error("setsockopt(IP_ADD_MEMBERSHIP)", Errno.ENODEV, Capability.NONE);

        assertThat(e.strerror()).isNotBlank().isNotEqualTo("ENODEV").doesNotStartWith("Unknown error");
        assertThat(e.getMessage()).isEqualTo("setsockopt(IP_ADD_MEMBERSHIP) failed: ENODEV (" + e.strerror() + ")");
    }

    @Test
    void unknownErrnoIsShownByNumber() {
        assertThat(Errno.name(200)).isEqualTo("errno 200");
    }
}
