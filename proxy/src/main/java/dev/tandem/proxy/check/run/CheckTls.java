package dev.tandem.proxy.check.run;

import dev.tandem.config.haproxy.model.Server;
import dev.tandem.config.haproxy.model.TlsVerify;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The TLS client context of a server's checks: the server line's {@code verify} and
 * {@code ca-file} (configuration.txt §5.2 "check-ssl": checks use the server's SSL settings);
 * {@code verify none} trusts any certificate, otherwise the CA file or the system's trust store.
 */
final class CheckTls {

    private CheckTls() {}

    /** @throws IllegalArgumentException when the CA file cannot be loaded */
    static SslContext context(String backend, Server server) {
        Optional<Server.ServerTls> tls = server.tls();
        SslContextBuilder b = SslContextBuilder.forClient();
        if (tls.isPresent() && tls.get().verify() == TlsVerify.NONE) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (tls.isPresent() && tls.get().caFile().isPresent()) {
            b.trustManager(new File(tls.get().caFile().get()));
        }
        try {
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("server " + backend + "/" + server.name()
                    + ": cannot set up TLS for its checks: " + e.getMessage()
                    + "; check 'ca-file' or write 'verify none'", e);
        }
    }
}
