package dev.tandem.config.keepalived;

import dev.tandem.config.keepalived.model.InitFile;
import dev.tandem.config.keepalived.model.SourcePosition;
import dev.tandem.config.keepalived.model.TrackFile;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** {@code vrrp_track_file NAME { file PATH; weight W [reverse]; init_file [VALUE] [overwrite] }}. */
final class TrackFileParser {

    static final Set<String> KEYWORDS = Set.of("file", "weight", "init_file");

    private TrackFileParser() {}

    static TrackFile parse(Statement section, Diagnostics report) {
        String name = section.arg(0);
        Path file = null;
        int weight = 1;
        boolean reverse = false;
        Optional<InitFile> initFile = Optional.empty();
        for (Statement at : section.block()) {
            if (!KEYWORDS.contains(at.name())) {
                Keywords.unknown(at, "vrrp_track_file", KEYWORDS, report);
                continue;
            }
            Keywords.noBlock(at, "", report);
            switch (at.name()) {
                case "file" -> {
                    if (Keywords.needArgs(at, 1, "(" + name + ")", report)) {
                        file = Path.of(at.arg(0));
                    }
                }
                case "weight" -> {
                    if (!Keywords.needArgs(at, 1, "(" + name + ")", report)) {
                        continue;
                    }
                    OptionalInt parsed = Values.integer(at.arg(0), -254, 254);
                    if (parsed.isEmpty()) {
                        report.error(at, "Weight for " + name + " must be between [-254..254] inclusive. Ignoring...", null);
                    } else {
                        weight = parsed.getAsInt();
                    }
                    reverse = at.argCount() > 1 && at.arg(1).equals("reverse");
                    if (at.argCount() > 1 && !reverse) {
                        report.error(at, "track file " + name + " unknown weight option " + at.arg(1), "write weight W [reverse]");
                    }
                }
                default -> {
                    long value = 0;
                    boolean overwrite = false;
                    for (Word word : at.args()) {
                        if (word.text().equals("overwrite")) {
                            overwrite = true;
                        } else {
                            OptionalInt parsed = Values.integer(word.text(), -254, 254);
                            if (parsed.isEmpty()) {
                                report.error(at, "track file " + name + " init_file value '" + word.text() + "' is invalid",
                                        "write init_file [VALUE] [overwrite]");
                            } else {
                                value = parsed.getAsInt();
                            }
                        }
                    }
                    initFile = Optional.of(new InitFile(value, overwrite));
                }
            }
        }
        if (file == null) {
            report.error(section, "No file set for track_file " + name + " - removing", "add file /path/to/file to the block");
            return null;
        }
        return new TrackFile(name, file, weight, reverse, initFile, new SourcePosition(section.file(), section.line()));
    }
}
