package dev.tandem.config.haproxy;

import java.util.ArrayList;
import java.util.List;

/** The {@code default-server} lines in force: their options apply before each server's own. */
record ServerDefaults(List<Line> lines) {
    static final ServerDefaults NONE = new ServerDefaults(List.of());

    ServerDefaults plus(Line line) {
        List<Line> l = new ArrayList<>(lines);
        l.add(line);
        return new ServerDefaults(l);
    }
}
