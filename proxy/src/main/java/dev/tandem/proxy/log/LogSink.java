package dev.tandem.proxy.log;

/** Where framed log lines go. {@link #send} never blocks the caller (an event loop); it may drop. */
public interface LogSink extends AutoCloseable {

    void send(String framed);

    @Override
    void close();
}
