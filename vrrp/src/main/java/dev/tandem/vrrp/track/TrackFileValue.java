package dev.tandem.vrrp.track;

import dev.tandem.vrrp.TrackStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a track_file: its content is a decimal number that the instance multiplies by the weight
 * (keepalived.conf(5) vrrp_track_file). A missing file reads as 0, as keepalived creates it with 0;
 * anything that is not a number reads as 0 with the reason logged by the caller.
 */
public final class TrackFileValue {
    private TrackFileValue() {
    }

    public static long parse(String content) {
        String t = content.strip();
        int end = 0;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || (end == 0 && (t.charAt(0) == '-'
                || t.charAt(0) == '+')))) {
            end++;
        }
        try {
            return Long.parseLong(t.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static TrackStatus read(Path file) throws IOException {
        try {
            return TrackStatus.value(parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return TrackStatus.value(0);
        }
    }
}
