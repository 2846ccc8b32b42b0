package dev.tandem.proxy.tls;

import dev.tandem.config.Diagnostic;
import dev.tandem.config.haproxy.model.Bind;
import dev.tandem.config.haproxy.model.HaproxyConfig;
import dev.tandem.config.haproxy.model.Mode;
import dev.tandem.config.haproxy.model.Origin;
import dev.tandem.config.haproxy.model.Proxy;
import dev.tandem.config.haproxy.model.Server;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code haproxy -c} finds by loading every certificate (a key that does not match, a file
 * that is not PEM, an expired certificate, a server with verify and no CA file): the TLS layer
 * built once and dropped, its problems moved onto the bind or server line that asked for it.
 * The config reader only checks that a crt exists and looks like PEM.
 */
public final class TlsConfigCheck {

    private TlsConfigCheck() {
    }

    /** The diagnostics of every {@code ssl} bind and server of a config that read without errors. */
    public static List<Diagnostic> run(HaproxyConfig config, Clock clock) {
        List<Diagnostic> out = new ArrayList<>();
        TlsEngine engine = null;
        for (Proxy p : config.proxies()) {
            for (Bind b : p.binds()) {
                if (b.tls().isEmpty()) {
                    continue;
                }
                engine = engine == null ? TlsEngine.detect() : engine;
                List<String> served = p.mode() == Mode.HTTP
                        ? dev.tandem.proxy.model.Bind.Proto.of(b, p.options().disableH2Upgrade()).served()
                        : b.tls().get().alpn();
                TlsBind.Prepared prepared = TlsBind.prepare(b.tls().get(), config.global().sslDefaults(), engine, served,
                        Duration.ofSeconds(10), clock);
                prepared.bind().ifPresent(TlsBind::close);
                prepared.diagnostics().forEach(d -> out.add(at(b.origin(), d)));
            }
            for (Server s : p.servers()) {
                if (s.tls().isPresent()) {
                    engine = engine == null ? TlsEngine.detect() : engine;
                    out.addAll(ServerTlsContext.prepare(s.name(), s.tls().get(), engine, s.origin().file(),
                            s.origin().line()).diagnostics());
                }
            }
        }
        return out;
    }

    /** A certificate diagnostic told at the bind line, keeping the crt-list line it came from. */
    static Diagnostic at(Origin bind, Diagnostic d) {
        String message = d.line() > 0 ? d.message() + " (" + d.file() + ":" + d.line() + ")" : d.message();
        return new Diagnostic(bind.file(), bind.line(), 0, d.severity(), message, d.hint());
    }
}
