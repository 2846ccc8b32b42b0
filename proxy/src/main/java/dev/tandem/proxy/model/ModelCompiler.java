package dev.tandem.proxy.model;

import dev.tandem.config.haproxy.model.AclTest;
import dev.tandem.config.haproxy.model.AddressFamily;
import dev.tandem.config.haproxy.model.BindAddress;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.HttpAction;
import dev.tandem.config.haproxy.model.LogSink;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.proxy.rules.Acl;
import dev.tandem.proxy.rules.BackendSwitch;
import dev.tandem.proxy.rules.Condition;
import dev.tandem.proxy.rules.HttpRule;
import dev.tandem.proxy.rules.LogFormat;
import dev.tandem.proxy.rules.RuleSyntaxException;
import dev.tandem.proxy.rules.SampleExpr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the config module's validated {@link HaproxyConfig} into the {@link ProxyModel} the data
 * plane runs. Anything the first cut cannot run (server host names, port mapping) is
 * reported as an error line rather than silently dropped.
 */
public final class ModelCompiler {

    private final List<String> errors = new ArrayList<>();

    /** The compiled model, or the list of problems that prevent running this config. */
    public sealed interface Result {
        record Ok(ProxyModel model, int nbthread) implements Result {}

        record Failed(List<String> errors) implements Result {}
    }

    public static Result compile(HaproxyConfig config) {
        return new ModelCompiler().run(config);
    }

    private Result run(HaproxyConfig config) {
        List<Frontend> frontends = new ArrayList<>();
        Map<String, Backend> backends = new LinkedHashMap<>();
        for (Proxy p : config.backends()) {
            try {
                backends.put(p.name(), backend(p));
            } catch (IllegalArgumentException e) {
                errors.add("Proxy '" + p.name() + "' (" + p.origin() + "): " + e.getMessage());
            }
        }
        for (Proxy p : config.frontends()) {
            try {
                frontends.add(frontend(p));
            } catch (IllegalArgumentException e) {
                errors.add("Proxy '" + p.name() + "' (" + p.origin() + "): " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            return new Result.Failed(errors);
        }
        return new Result.Ok(new ProxyModel(frontends, backends, config.global().maxconn().orElse(0),
                config.global().spreadChecks(), config.global().maxSpreadChecks().orElse(Duration.ZERO),
                config.global().sslDefaults()), config.global().nbthread().orElse(0));
    }

    private Frontend frontend(Proxy p) {
        List<Bind> binds = new ArrayList<>();
        for (dev.tandem.config.haproxy.model.Bind b : p.binds()) {
            String source = b.origin().toString();
            Bind.V6Only v6 = b.v6only() ? Bind.V6Only.V6ONLY : b.v4v6() ? Bind.V6Only.V4V6 : Bind.V6Only.SYSTEM_DEFAULT;
            Bind.Proto proto = Bind.Proto.of(b, p.options().disableH2Upgrade());
            int id = b.id().orElse(0); // numbered by Frontend when 0
            for (BindAddress a : b.addresses()) {
                switch (a) {
                    case BindAddress.InheritedFd fd -> binds.add(new Bind(source, new InheritedFd(fd.fd()), b.transparent(),
                            v6, b.acceptProxy(), b.tls(), b.name(), proto, id, b.unix()));
                    case BindAddress.Unix unix -> binds.add(new Bind(source, new UnixSocketAddress(unix.address()),
                            b.transparent(), v6, b.acceptProxy(), b.tls(), b.name(), proto, id, b.unix()));
                    case BindAddress.Inet inet -> {
                        InetAddress host = inet.isWildcard()
                                ? InetAddress.ofLiteral(inet.family() == AddressFamily.IPV6 ? "::" : "0.0.0.0")
                                : InetAddress.ofLiteral(inet.host());
                        for (int port = inet.portFrom(); port <= inet.portTo(); port++) {
                            binds.add(new Bind(source, new InetSocketAddress(host, port), b.transparent(), v6,
                                    b.acceptProxy(), b.tls(), b.name(), proto, id, b.unix()));
                        }
                    }
                }
            }
        }
        Map<String, List<Acl>> acls = acls(p);
        List<HttpRule> request = new ArrayList<>(rules(p.httpRequestRules(), acls, false));
        request.addAll(rules(p.redirectRules(), acls, false));
        List<BackendSwitch> switches = new ArrayList<>();
        for (var u : p.useBackends()) {
            switches.add(new BackendSwitch(LogFormat.parse(u.backend()), condition(u.condition(), acls)));
        }
        Map<Integer, byte[]> errorFiles = new HashMap<>();
        p.errorFiles().forEach((k, v) -> errorFiles.put(k, v.rawResponse().getBytes(StandardCharsets.ISO_8859_1)));
        return new Frontend(p.name(), mode(p), binds, timeouts(p.timeouts()), connectionMode(p),
                p.forwardFor().map(ModelCompiler::forwardFor).orElse(null), p.originalTo().isPresent(), logging(p),
                request, rules(p.httpResponseRules(), acls, true), switches, defaultBackend(p), p.maxconn().orElse(0),
                errorFiles);
    }

    /**
     * A listen section is its own default backend unless it names another (configuration.txt 4
     * "Proxies": a listen "defines a complete proxy with its frontend and backend parts"; haproxy's
     * cfgparse sets {@code defbe.be} to the proxy itself when it has the backend capability).
     */
    private static String defaultBackend(Proxy p) {
        return p.defaultBackend().orElse(p.isBackend() ? p.name() : null);
    }

    private Backend backend(Proxy p) {
        List<Server> servers = new ArrayList<>();
        // every server line, backup and disabled ones too: the balancer's state is indexed by position
        for (var s : p.servers()) {
            SocketAddress address;
            if (s.unix().isPresent()) {
                address = new UnixSocketAddress(s.unix().get());
            } else if (!dev.tandem.proxy.rules.Acl.isIpLiteral(s.host())) {
                throw new IllegalArgumentException("server '" + s.name() + "' (" + s.origin() + ") has host name '"
                        + s.host() + "'; this build only connects to IP literals");
            } else if (s.port().isEmpty()) {
                throw new IllegalArgumentException("server '" + s.name() + "' (" + s.origin()
                        + ") has no port; port mapping from the client's port is not supported yet");
            } else {
                address = new InetSocketAddress(InetAddress.ofLiteral(s.host()), s.port().getAsInt());
            }
            Server server = new Server(s.name(), address, s.weight());
            if (s.tls().isPresent()) {
                server = server.withTls(new ServerTls(s.tls().get(), s.tls().get().sni().map(ModelCompiler::sample),
                        s.origin().file(), s.origin().line()));
            }
            servers.add(server);
        }
        Map<String, List<Acl>> acls = acls(p);
        List<HttpRule> request = rules(p.httpRequestRules(), acls, false);
        List<HttpRule> response = rules(p.httpResponseRules(), acls, true);
        return new Backend(p.name(), mode(p), servers, timeouts(p.timeouts()), connectionMode(p),
                p.forwardFor().map(ModelCompiler::forwardFor).orElse(null), p.originalTo().isPresent(), p.retries(),
                request, response, logging(p), p);
    }

    private static Mode mode(Proxy p) {
        return p.mode() == dev.tandem.config.haproxy.model.Mode.HTTP ? Mode.HTTP : Mode.TCP;
    }

    private static ConnectionMode connectionMode(Proxy p) {
        return switch (p.connectionMode().mode()) {
            case KEEP_ALIVE -> ConnectionMode.KEEP_ALIVE;
            case SERVER_CLOSE -> ConnectionMode.SERVER_CLOSE;
            case CLOSE -> ConnectionMode.CLOSE;
        };
    }

    private static ForwardFor forwardFor(dev.tandem.config.haproxy.model.ForwardFor f) {
        return new ForwardFor(f.except().map(n -> n.address() + "/" + n.prefixLength()).orElse(null), f.header(),
                f.ifNone());
    }

    private static long ms(Optional<Duration> d) {
        return d.map(Duration::toMillis).orElse(0L);
    }

    private static Timeouts timeouts(dev.tandem.config.haproxy.model.Timeouts t) {
        return new Timeouts(ms(t.connect()), ms(t.client()), ms(t.server()), ms(t.httpRequest()),
                ms(t.httpKeepAlive()), ms(t.queue()), ms(t.tunnel()));
    }

    private static Logging logging(Proxy p) {
        List<LogTarget> targets = new ArrayList<>();
        for (var t : p.log().targets()) {
            String address = switch (t.sink()) {
                case LogSink.Stdout s -> "stdout";
                case LogSink.Stderr s -> "stderr";
                case LogSink.UnixSocket u -> u.path();
                case LogSink.Udp u -> (u.family() == AddressFamily.IPV6 ? "[" + u.host() + "]" : u.host()) + ":"
                        + u.port();
            };
            LogTarget.Format format = switch (t.format()) {
                case RFC5424 -> LogTarget.Format.RFC5424;
                case RAW -> LogTarget.Format.RAW;
                case SHORT -> LogTarget.Format.SHORT;
                default -> LogTarget.Format.RFC3164;
            };
            targets.add(new LogTarget(address, t.facility().code(), format, t.level().map(l -> l.code()).orElse(7),
                    t.minLevel().map(l -> l.code()).orElse(0)));
        }
        String format = p.log().format().map(dev.tandem.config.haproxy.model.LogFormat::source).orElse(null);
        return new Logging(targets, format, p.log().dontLogNull());
    }

    private static Map<String, List<Acl>> acls(Proxy p) {
        Map<String, List<Acl>> out = new HashMap<>();
        for (var a : p.acls()) {
            List<Acl> list = out.computeIfAbsent(a.name(), k -> new ArrayList<>());
            for (AclTest t : a.tests()) {
                list.add(acl(a.name(), t));
            }
        }
        return out;
    }

    private static Acl acl(String name, AclTest t) {
        List<String> patterns = new ArrayList<>(t.patterns());
        for (String file : t.patternFiles()) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    String s = line.strip();
                    if (!s.isEmpty() && !s.startsWith("#")) {
                        patterns.add(s);
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("failed to open pattern file <" + file + "> (" + t.origin() + ")");
            }
        }
        Acl.Match match = switch (t.method()) {
            case BOOL -> Acl.Match.BOOL;
            case FOUND -> Acl.Match.FOUND;
            case INT -> Acl.Match.INT;
            case IP -> Acl.Match.IP;
            case LEN -> Acl.Match.LEN;
            case STR, BIN -> Acl.Match.STR;
            case SUB -> Acl.Match.SUB;
            case REG -> Acl.Match.REG;
            case BEG -> Acl.Match.BEG;
            case END -> Acl.Match.END;
            case DIR -> Acl.Match.DIR;
            case DOM -> Acl.Match.DOM;
        };
        if (match == Acl.Match.INT && patterns.size() == 2 && patterns.getFirst().matches("eq|ge|gt|le|lt")) {
            patterns = List.of(patterns.get(0) + " " + patterns.get(1));
        }
        return new Acl(name, sample(t.sample()), match, t.ignoreCase(), patterns);
    }

    private static SampleExpr sample(dev.tandem.config.haproxy.model.SampleExpr e) {
        return new SampleExpr(new SampleExpr.Call(e.fetch().name(), e.fetch().args()),
                e.converters().stream().map(c -> new SampleExpr.Call(c.name(), c.args())).toList());
    }

    private static Condition condition(Optional<dev.tandem.config.haproxy.model.Condition> c,
            Map<String, List<Acl>> acls) {
        if (c.isEmpty()) {
            return Condition.ALWAYS;
        }
        List<List<Condition.Term>> groups = new ArrayList<>();
        for (var and : c.get().anyOf()) {
            List<Condition.Term> terms = new ArrayList<>();
            for (var term : and) {
                List<Acl> list = term.isAnonymous()
                        ? term.inline().stream().map(t -> acl("anonymous", t)).toList()
                        : acls.get(term.name());
                if (list == null) {
                    throw new RuleSyntaxException("no such ACL : '" + term.name() + "'");
                }
                terms.add(new Condition.Term(term.negated(), list));
            }
            groups.add(terms);
        }
        return new Condition(c.get().unless(), groups);
    }

    private static LogFormat fmt(dev.tandem.config.haproxy.model.LogFormat f) {
        return LogFormat.parse(f.source());
    }

    private List<HttpRule> rules(List<dev.tandem.config.haproxy.model.HttpRule> rules, Map<String, List<Acl>> acls,
            boolean response) {
        List<HttpRule> out = new ArrayList<>();
        for (var r : rules) {
            Condition c = condition(r.condition(), acls);
            HttpRule rule = switch (r.action()) {
                case HttpAction.AddHeader a -> new HttpRule.AddHeader(a.name(), fmt(a.value()), c);
                case HttpAction.SetHeader a -> new HttpRule.SetHeader(a.name(), fmt(a.value()), c);
                case HttpAction.DelHeader a -> new HttpRule.DelHeader(a.name(), c);
                case HttpAction.ReplaceHeader a -> new HttpRule.ReplaceHeader(a.name(), Pattern.compile(a.regex()),
                        fmt(a.replacement()), a.eachValue(), c);
                case HttpAction.ReplacePath a -> new HttpRule.ReplacePath(Pattern.compile(a.regex()),
                        fmt(a.replacement()), false, c);
                case HttpAction.SetPath a -> new HttpRule.SetPath(fmt(a.path()), c);
                case HttpAction.SetUri a -> new HttpRule.SetUri(fmt(a.uri()), c);
                case HttpAction.SetMethod a -> new HttpRule.SetMethod(fmt(a.method()), c);
                case HttpAction.SetVar a -> new HttpRule.SetVar(a.scope() + "." + a.name(), sample(a.value()), c);
                case HttpAction.Deny a -> new HttpRule.Deny(a.status(), c);
                case HttpAction.Return a -> new HttpRule.Return(a.status(), a.contentType().orElse(null),
                        a.body().map(b -> switch (b) {
                            case HttpAction.ReturnBody.Text t -> LogFormat.literal(t.text());
                            case HttpAction.ReturnBody.Format f -> fmt(f.format());
                            case HttpAction.ReturnBody.File f -> LogFormat.literal(f.content());
                        }).orElse(null), c);
                case HttpAction.Redirect a -> new HttpRule.Redirect(switch (a.type()) {
                    case LOCATION -> HttpRule.Redirect.Kind.LOCATION;
                    case PREFIX -> HttpRule.Redirect.Kind.PREFIX;
                    case SCHEME -> HttpRule.Redirect.Kind.SCHEME;
                }, fmt(a.target()), a.code(), c);
                case HttpAction.Allow a -> null;
                case HttpAction.SetStatus a -> {
                    errors.add("http-response set-status (" + r.origin() + ") is not supported by this build yet");
                    yield null;
                }
            };
            if (rule != null) {
                out.add(rule);
            }
        }
        return out;
    }
}
