package dev.tandem.config.haproxy.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The owner and mode a UNIX socket bind gives its socket file (configuration.txt §5.1 "mode",
 * "uid", "user", "gid", "group"; defaults from the global {@code unix-bind}, §3.1). Empty values
 * leave the file as bind(2) created it. A user or group name is looked up when the socket is
 * created, on the machine that runs it; when both a name and a number were written, the last one
 * written is the one kept, as in haproxy.
 *
 * @param mode the permission bits, e.g. 0600
 */
public record UnixPermissions(OptionalInt mode, OptionalInt uid, Optional<String> user, OptionalInt gid,
        Optional<String> group) {

    public static final UnixPermissions NONE = new UnixPermissions(OptionalInt.empty(), OptionalInt.empty(),
            Optional.empty(), OptionalInt.empty(), Optional.empty());

    public boolean changesOwner() {
        return uid.isPresent() || user.isPresent() || gid.isPresent() || group.isPresent();
    }

    public UnixPermissions withMode(int m) {
        return new UnixPermissions(OptionalInt.of(m), uid, user, gid, group);
    }

    public UnixPermissions withUid(int id) {
        return new UnixPermissions(mode, OptionalInt.of(id), Optional.empty(), gid, group);
    }

    public UnixPermissions withUser(String name) {
        return new UnixPermissions(mode, OptionalInt.empty(), Optional.of(name), gid, group);
    }

    public UnixPermissions withGid(int id) {
        return new UnixPermissions(mode, uid, user, OptionalInt.of(id), Optional.empty());
    }

    public UnixPermissions withGroup(String name) {
        return new UnixPermissions(mode, uid, user, OptionalInt.empty(), Optional.of(name));
    }
}
