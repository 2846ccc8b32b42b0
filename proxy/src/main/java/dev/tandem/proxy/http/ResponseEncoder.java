package dev.tandem.proxy.http;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;

/** The client-side encoder; told when the current request is a HEAD so no body framing is written. */
final class ResponseEncoder extends HttpResponseEncoder {

    private boolean head;

    void headRequest(boolean head) {
        this.head = head;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
        return head || super.isContentAlwaysEmpty(msg);
    }
}
