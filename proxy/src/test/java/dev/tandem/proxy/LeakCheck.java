package dev.tandem.proxy;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which Netty's paranoid leak detector reports a leaked buffer. Registered for
 * every test of this module through JUnit's extension auto-detection: without an SLF4J binding the
 * detector's log lines would vanish, so it listens to the detector directly.
 */
public final class LeakCheck implements BeforeAllCallback, AfterEachCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        detector().setLeakListener((type, records) -> LEAKS.add(type + ": " + records));
    }

    private static ResourceLeakDetector<?> detector() throws ReflectiveOperationException {
        Field f = AbstractByteBuf.class.getDeclaredField("leakDetector");
        f.setAccessible(true);
        return (ResourceLeakDetector<?>) f.get(null);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.gc();
        // leaks are reported when the detector next tracks a buffer
        for (int i = 0; i < 64; i++) {
            ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            b.release();
        }
        if (!LEAKS.isEmpty()) {
            List<String> found = List.copyOf(LEAKS);
            LEAKS.clear();
            // the test's name last too: CI shows the tail of a long report
            throw new AssertionError("Netty reported leaked buffers: " + found + "\n(reported after "
                    + context.getDisplayName() + " in " + context.getRequiredTestClass().getSimpleName()
                    + "; the leak may come from an earlier test of the same JVM)");
        }
    }
}
