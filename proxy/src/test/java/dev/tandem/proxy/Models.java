package dev.tandem.proxy;

import dev.tandem.proxy.model.Backend;
import dev.tandem.proxy.model.Bind;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.model.LogTarget;
import dev.tandem.proxy.model.Logging;
import dev.tandem.proxy.model.Mode;
import dev.tandem.proxy.model.Server;
import dev.tandem.proxy.model.Timeouts;
import dev.tandem.proxy.rules.HttpRule;
import dev.tandem.proxy.rules.RuleParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small builders for test models: loopback binds on ephemeral ports, literal IPs only. */
public final class Models {

    private Models() {
    }

    public static final Timeouts TIMEOUTS = new Timeouts(5000, 30000, 30000, 0, 0, 0, 0);

    public static Bind v4() {
        return Bind.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
    }

    public static Bind v6() {
        return Bind.of(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0));
    }

    public static Backend backend(String name, InetSocketAddress... servers) {
        List<Server> list = new ArrayList<>();
        for (int i = 0; i < servers.length; i++) {
            list.add(Server.of("s" + (i + 1), servers[i]));
        }
        return Backend.of(name, Mode.HTTP, list, TIMEOUTS);
    }

    public static Frontend frontend(String name, String defaultBackend, Bind... binds) {
        return Frontend.of(name, Mode.HTTP, Arrays.asList(binds), TIMEOUTS, defaultBackend);
    }

    public static Logging httplog(String udp) {
        return new Logging(List.of(new LogTarget(udp, LogTarget.LOCAL0, LogTarget.Format.RFC3164)), Logging.HTTPLOG,
                false);
    }

    /** Parses haproxy rule lines ("http-request ..." words after the keyword), no named ACLs. */
    public static List<HttpRule> rules(String... lines) {
        RuleParser p = new RuleParser(Map.of(), null);
        List<HttpRule> out = new ArrayList<>();
        for (String l : lines) {
            out.add(p.parse(Words.split(l), false));
        }
        return out;
    }

    public static ProxyServer start(Frontend f, Backend... backends) throws ProxyStartException {
        return ProxyServer.start(dev.tandem.proxy.model.ProxyModel.of(List.of(f), List.of(backends)),
                ProxyOptions.defaults().withThreads(2));
    }
}
