package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.LogTarget;
import dev.tandem.config.haproxy.model.StatsSocket;
import dev.tandem.config.haproxy.model.UnixPermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The global sections while they are read; several sections merge into this one draft. */
final class GlobalDraft {
    final List<LogTarget> logs = new ArrayList<>();
    Integer maxconn;
    Integer nbthread;
    boolean daemon;
    String user;
    String group;
    String chroot;
    String pidfile;
    final List<StatsSocket> statsSockets = new ArrayList<>();
    int bufsize = 16384;
    int maxrewrite = 1024;
    int httpMaxHdr = 101;
    Line bufsizeLine;
    String sslCiphers;
    String sslCiphersuites;
    List<String> sslOptions = List.of();
    String sslCurves;
    boolean h1KeepOnInsecureTe;
    int spreadChecks;
    Duration maxSpreadChecks;
    /** {@code unix-bind prefix}: put before the path of every UNIX socket bind read after it. */
    String unixBindPrefix = "";
    /** {@code unix-bind mode/uid/user/gid/group}: what UNIX socket binds read after it start from. */
    UnixPermissions unixBindPermissions = UnixPermissions.NONE;
}
