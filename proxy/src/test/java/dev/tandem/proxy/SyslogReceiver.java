package dev.tandem.proxy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A UDP syslog listener on 127.0.0.1 for log-line tests. */
public final class SyslogReceiver implements AutoCloseable {

    private final DatagramSocket socket;

    public SyslogReceiver() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(5000);
    }

    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** The next datagram, or fails after 5 s. */
    public String next() throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    /** Every datagram arriving within {@code millis}. */
    public List<String> drain(int millis) throws IOException {
        List<String> out = new ArrayList<>();
        socket.setSoTimeout(millis);
        try {
            while (true) {
                out.add(next());
            }
        } catch (SocketTimeoutException e) {
            return out;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
