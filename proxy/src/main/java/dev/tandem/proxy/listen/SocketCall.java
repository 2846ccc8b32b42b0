package dev.tandem.proxy.listen;

import io.netty.channel.ChannelException;
import java.io.IOException;

/** One socket call of a channel config; its IOException becomes Netty's ChannelException, as Netty's configs do. */
@FunctionalInterface
interface SocketCall<T> {

    T call() throws IOException;

    static <T> T run(SocketCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new ChannelException(e);
        }
    }
}
