package dev.tandem.config.haproxy;

import dev.tandem.config.haproxy.model.AclTest;
import dev.tandem.config.haproxy.model.Balance;
import dev.tandem.config.haproxy.model.Bind;
import dev.tandem.config.haproxy.model.Capture;
import dev.tandem.config.haproxy.model.CheckRule;
import dev.tandem.config.haproxy.model.ConnectionMode;
import dev.tandem.config.haproxy.model.ErrorFile;
import dev.tandem.config.haproxy.model.ForwardFor;
import dev.tandem.config.haproxy.model.HashFunction;
import dev.tandem.config.haproxy.model.HashType;
import dev.tandem.config.haproxy.model.HealthCheck;
import dev.tandem.config.haproxy.model.HttpReuse;
import dev.tandem.config.haproxy.model.HttpRule;
import dev.tandem.config.haproxy.model.LogFormat;
import dev.tandem.config.haproxy.model.LogTarget;
import dev.tandem.config.haproxy.model.Mode;
import dev.tandem.config.haproxy.model.OriginalTo;
import dev.tandem.config.haproxy.model.ProxyKind;
import dev.tandem.config.haproxy.model.ProxyLog;
import dev.tandem.config.haproxy.model.Server;
import dev.tandem.config.haproxy.model.Stats;
import dev.tandem.config.haproxy.model.UseBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A proxy (or defaults section) while its lines are read. Mutable on purpose and never leaves
 * the parser: {@link ProxySeal} turns it into the immutable {@code Proxy}.
 */
final class ProxyDraft {

    /** A name used somewhere, with the line and word that used it (for "not found" diagnostics). */
    record Reference(String name, Line line, int word) {}

    final String name;
    final ProxyKind kind; // null for a defaults section
    final Line declaration;
    Line fromDefaults; // "from NAME" or the defaults line that applied

    Mode mode = Mode.TCP;
    Line modeLine;
    final List<Bind> binds = new ArrayList<>();
    int bindLines;
    /** Every {@code proto} of a bind line, checked against the mode once the section is read. */
    final List<ProtoUse> protoUses = new ArrayList<>();
    final Map<String, Duration> timeouts = new LinkedHashMap<>();
    Integer maxconn;
    // logging
    boolean logGlobal;
    Line logGlobalLine;
    final List<LogTarget> logTargets = new ArrayList<>();
    ProxyLog.LogFormatKind formatKind = ProxyLog.LogFormatKind.NONE;
    LogFormat format;
    Line formatLine;
    boolean dontLogNull;
    // http
    ForwardFor forwardFor;
    OriginalTo originalTo;
    ConnectionMode connectionMode = ConnectionMode.DEFAULT;
    Line connectionModeLine;
    ConnectionMode.HttpConnectionMode overriddenMode; // the explicit mode the last one replaced
    Line overriddenLine;
    boolean redispatch;
    int redispatchInterval = -1;
    boolean disableOn404;
    boolean logHealthChecks;
    boolean allBackups;
    boolean httpBufferRequest;
    boolean httpIgnoreProbes;
    boolean disableH2Upgrade;
    int retries = 3;
    List<String> retryOn = List.of();
    Balance balance = new Balance.RoundRobin();
    HashType hashType = HashType.MAP_BASED;
    HashFunction hashFunction = HashFunction.DEFAULT;
    HttpReuse httpReuse = HttpReuse.SAFE;
    HealthCheck.Kind checkKind;
    HealthCheck.HttpCheckRequest httpCheckRequest;
    List<CheckRule> checkRules = new ArrayList<>();
    List<CheckRule> httpCheckRules = new ArrayList<>(); // the http-check ones among checkRules
    ServerDefaults defaultServer = ServerDefaults.NONE;
    final List<Server> servers = new ArrayList<>();
    final Map<String, Line> serverLines = new LinkedHashMap<>();
    final Map<String, List<AclTest>> acls = new LinkedHashMap<>();
    final List<Reference> aclReferences = new ArrayList<>();
    final List<HttpRule> httpRequestRules = new ArrayList<>();
    final List<HttpRule> httpResponseRules = new ArrayList<>();
    final List<HttpRule> redirectRules = new ArrayList<>();
    final List<UseBackend> useBackends = new ArrayList<>();
    final List<Reference> useBackendRefs = new ArrayList<>();
    Reference defaultBackend;
    Map<Integer, ErrorFile> errorFiles = new LinkedHashMap<>();
    List<Reference> errorfilesRefs = new ArrayList<>();
    final List<Capture> captures = new ArrayList<>();
    LogFormat uniqueIdFormat;
    // stats
    boolean statsEnabled;
    String statsUri;
    final List<Stats.Credentials> statsAuth = new ArrayList<>();
    Duration statsRefresh;
    HttpRule statsAdmin;

    ProxyDraft(String name, ProxyKind kind, Line declaration) {
        this.name = name;
        this.kind = kind;
        this.declaration = declaration;
    }

    boolean isDefaults() {
        return kind == null;
    }

    String sectionKeyword() {
        return kind == null ? "defaults" : kind.keyword();
    }

    /** What a defaults section passes on (configuration.txt §4: "defaults" sets default parameters). */
    void inheritFrom(ProxyDraft d) {
        mode = d.mode;
        modeLine = d.modeLine;
        timeouts.putAll(d.timeouts);
        maxconn = d.maxconn;
        logGlobal = d.logGlobal;
        logGlobalLine = d.logGlobalLine;
        logTargets.addAll(d.logTargets);
        formatKind = d.formatKind;
        format = d.format;
        formatLine = d.formatLine;
        dontLogNull = d.dontLogNull;
        forwardFor = d.forwardFor;
        originalTo = d.originalTo;
        connectionMode = d.connectionMode;
        connectionModeLine = d.connectionModeLine;
        redispatch = d.redispatch;
        redispatchInterval = d.redispatchInterval;
        disableOn404 = d.disableOn404;
        logHealthChecks = d.logHealthChecks;
        allBackups = d.allBackups;
        httpBufferRequest = d.httpBufferRequest;
        httpIgnoreProbes = d.httpIgnoreProbes;
        disableH2Upgrade = d.disableH2Upgrade;
        retries = d.retries;
        retryOn = d.retryOn;
        balance = d.balance;
        hashType = d.hashType;
        hashFunction = d.hashFunction;
        httpReuse = d.httpReuse;
        checkKind = d.checkKind;
        httpCheckRequest = d.httpCheckRequest;
        checkRules = new ArrayList<>(d.checkRules);
        httpCheckRules = new ArrayList<>(d.httpCheckRules);
        defaultServer = d.defaultServer;
        defaultBackend = d.defaultBackend;
        errorFiles = new LinkedHashMap<>(d.errorFiles);
        errorfilesRefs = new ArrayList<>(d.errorfilesRefs);
        uniqueIdFormat = d.uniqueIdFormat;
        statsEnabled = d.statsEnabled;
        statsUri = d.statsUri;
        statsAuth.addAll(d.statsAuth);
        statsRefresh = d.statsRefresh;
    }

    /** A {@code proto <name>} word of a bind line. */
    record ProtoUse(Line line, int word, String proto) {}
}
