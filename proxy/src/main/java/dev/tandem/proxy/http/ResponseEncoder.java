package dev.tandem.proxy.http;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;

/** The client-side encoder; told when the current request is a HEAD so no body framing is written. */
final class ResponseEncoder extends HttpResponseEncoder {

    /** Never shared; said here so Netty need not look it up per connection (a thread-local WeakHashMap). */
    @Override
    public boolean isSharable() {
        return false;
    }

    private boolean head;

    void headRequest(boolean head) {
        this.head = head;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
        return head || super.isContentAlwaysEmpty(msg);
    }
}
