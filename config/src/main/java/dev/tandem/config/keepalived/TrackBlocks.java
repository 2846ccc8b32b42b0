package dev.tandem.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The {@code track_interface}, {@code track_script}, {@code track_file} and {@code track_process}
 * blocks of instances and sync groups: one {@code name [weight W] [reverse]} per line.
 */
final class TrackBlocks {

    final List<TrackRef> interfaces = new ArrayList<>();
    final List<TrackRef> scripts = new ArrayList<>();
    final List<TrackRef> files = new ArrayList<>();
    final List<TrackRef> processes = new ArrayList<>();

    static boolean isTrackKeyword(String keyword) {
        return switch (keyword) {
            case "track_interface", "track_script", "track_file", "track_process" -> true;
            default -> false;
        };
    }

    void parse(Statement at, String owner, Diagnostics report) {
        if (!at.hasBlock()) {
            report.error(at, owner + " " + at.name() + " needs a block",
                    "write " + at.name() + " { name [weight W] [reverse] }");
            return;
        }
        int limit = at.name().equals("track_file") || at.name().equals("track_process") ? 254 : 253;
        List<TrackRef> target = switch (at.name()) {
            case "track_interface" -> interfaces;
            case "track_script" -> scripts;
            case "track_file" -> files;
            default -> processes;
        };
        for (Statement entry : at.block()) {
            TrackRef ref = entry(entry, at.name(), owner, limit, report);
            if (ref != null) {
                target.add(ref);
            }
        }
    }

    private static TrackRef entry(Statement entry, String keyword, String owner, int limit, Diagnostics report) {
        if (entry.hasBlock()) {
            report.error(entry, owner + " unexpected block after '" + entry.name() + "' in " + keyword, null);
            return null;
        }
        OptionalInt weight = OptionalInt.empty();
        boolean reverse = false;
        List<Word> args = entry.args();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i).text();
            if (option.equals("weight") && i + 1 < args.size()) {
                weight = Values.integer(args.get(i + 1).text(), -limit, limit);
                if (weight.isEmpty()) {
                    report.error(entry, owner + " " + keyword + " " + entry.name() + " weight '" + args.get(i + 1).text()
                            + "' must be between [-" + limit + ".." + limit + "] inclusive", null);
                    return null;
                }
                i++;
            } else if (option.equals("reverse")) {
                reverse = true;
            } else if (option.equals("weight")) {
                report.error(entry, owner + " " + keyword + " " + entry.name() + " weight needs a value", null);
                return null;
            } else {
                report.error(entry, owner + " " + keyword + " " + entry.name() + ": unknown option '" + option + "'",
                        "write " + entry.name() + " [weight W] [reverse]");
                return null;
            }
        }
        return new TrackRef(entry.name(), weight, reverse, entry);
    }
}
