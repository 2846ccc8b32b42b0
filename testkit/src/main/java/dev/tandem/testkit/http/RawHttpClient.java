package dev.tandem.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw-socket client for malformed and abusive requests: writes exact bytes and reads whatever
 * comes back until the peer closes or the read timeout strikes.
 */
public final class RawHttpClient implements AutoCloseable {

    private final Socket socket;

    private RawHttpClient(Socket socket) {
        this.socket = socket;
    }

    public static RawHttpClient connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 5000);
        s.setSoTimeout(10_000);
        return new RawHttpClient(s);
    }

    public RawHttpClient send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    public RawHttpClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads until EOF (or the read timeout); returns everything read. */
    public String readAll() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) != -1) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // return what we have
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one response (head and Content-Length or chunked body) without waiting for EOF. */
    public String readResponse() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int contentLength = 0;
        boolean chunked = false;
        String line;
        while ((line = readLine(in, out)) != null && !line.isEmpty()) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (line == null) {
            return out.toString(StandardCharsets.ISO_8859_1);
        }
        if (chunked) {
            while (true) {
                String size = readLine(in, out);
                if (size == null) {
                    break;
                }
                int n = Integer.parseInt(size.strip(), 16);
                if (n == 0) {
                    readLine(in, out);
                    break;
                }
                out.write(in.readNBytes(n));
                readLine(in, out);
            }
        } else {
            out.write(in.readNBytes(contentLength));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            copy.write(b);
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return null;
    }

    /** True when the peer has closed: a read returns EOF within the socket timeout. */
    public boolean isClosedByPeer() throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
