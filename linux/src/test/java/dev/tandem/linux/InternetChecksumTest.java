package dev.tandem.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InternetChecksumTest {
    @Test
    void vrrpV2AdvertFromKeepalivedChecksumsToZero() {
        // keepalived.md §4.3: VRRPv2 VRID 12 prio 150 PASS hunter2, checksum 1730 over 20 bytes, no pseudo-header.
        byte[] advert = FrameVectors.hex("210c 9601 0101 1730 c000 0264 6875 6e74 6572 3200");

        assertThat(InternetChecksum.of(advert, 0, advert.length)).isZero();
    }

    @Test
    void oddLengthPadsWithAZeroByte() {
        // RFC 1071 §4.1: an odd trailing byte is summed as the high byte of a 16-bit word.
        byte[] odd = {0x01, 0x02, 0x03};

        assertThat(InternetChecksum.of(odd, 0, 3)).isEqualTo(~(0x0102 + 0x0300) & 0xffff);
    }
}
