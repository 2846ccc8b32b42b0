package dev.tandem.vrrp.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.vrrp.InstanceSettings;
import dev.tandem.vrrp.Track;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCopyTest {
    private final InstanceSettings settings = InstanceSettings.builder("VI_1", 51, InetAddress.ofLiteral("192.0.2.11"))
            .priority(150).vip(InetAddress.ofLiteral("192.0.2.100")).build();

    @Test
    void replacesOneComponentAndKeepsEveryOther() {
        InstanceSettings copy = RecordCopy.with(settings, "tracks", List.of(Track.tracker("vip-deleted:VI_1", 0)));
        assertThat(copy.tracks()).containsExactly(Track.tracker("vip-deleted:VI_1", 0));
        assertThat(RecordCopy.with(copy, "tracks", List.of())).isEqualTo(settings);
    }

    @Test
    void theCopyIsValidatedAgainByTheCanonicalConstructor() {
        assertThatThrownBy(() -> RecordCopy.with(settings, "priority", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priority must be between 1 and 255");
    }

    @Test
    void anUnknownComponentIsAProgrammingError() {
        assertThatThrownBy(() -> RecordCopy.with(settings, "trackz", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no component trackz");
    }
}
