package dev.tandem.proxy.check.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** haproxy logs a failed connect's info as the system's words only ("Connection refused"). */
class ConnectFailureTest {

    private static final InetSocketAddress TO = new InetSocketAddress("127.0.0.1", 8080);

    @Test
    void nativeEpollMessageLosesSyscallErrnoAndAddress() {
        var e = new ConnectException("finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:8080");
        assertThat(ConnectFailure.info(e, TO)).isEqualTo("Connection refused");
    }

    @Test
    void olderNativeMessageFormLosesItsSyscall() {
        var e = new ConnectException("connect(..) failed: Network is unreachable: /127.0.0.1:8080");
        assertThat(ConnectFailure.info(e, TO)).isEqualTo("Network is unreachable");
    }

    @Test
    void nioMessageLosesTheAddress() {
        assertThat(ConnectFailure.info(new ConnectException("Connection refused: /127.0.0.1:8080"), TO))
                .isEqualTo("Connection refused");
    }

    @Test
    void wrappedFailureSpeaksWithItsCauseAndAMessageLessOneWithItsType() {
        assertThat(ConnectFailure.info(new IOException(new ConnectException("No route to host")), TO))
                .isEqualTo("No route to host");
        assertThat(ConnectFailure.info(new IOException((String) null), TO)).isEqualTo("IOException");
    }
}
