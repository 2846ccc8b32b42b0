package dev.tandem.proxy.log;

import java.io.PrintStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * stdout/stderr: a bounded queue drained by one writer thread, so a slow terminal never stalls
 * an event loop; when the queue is full the line is dropped and counted, as haproxy drops logs.
 */
public final class StreamSink implements LogSink {

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(65536);
    private final AtomicLong dropped = new AtomicLong();
    private final PrintStream out;
    private final Thread writer;
    private volatile boolean open = true;

    public StreamSink(PrintStream out, String name) {
        this.out = out;
        this.writer = Thread.ofPlatform().daemon().name("log-" + name).start(this::drain);
    }

    @Override
    public void send(String framed) {
        if (!queue.offer(framed)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        try {
            while (open || !queue.isEmpty()) {
                String line = queue.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    out.println(line);
                    if (queue.isEmpty()) {
                        out.flush();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
    }

    @Override
    public void close() {
        open = false;
        try {
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
