package dev.tandem.proxy.rules;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A hand-written transaction for pure rule tests. */
final class FakeTransaction implements TransactionView, MessageEditor {

    InetSocketAddress source = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.10"), 40000);
    InetSocketAddress destination = new InetSocketAddress(InetAddress.ofLiteral("198.51.100.1"), 80);
    String method = "GET";
    String uri = "/api/v1/items?id=7&x=y";
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    final Map<String, String> vars = new HashMap<>();
    final Map<String, String> aliases = new HashMap<>();
    int status;

    FakeTransaction header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    @Override
    public InetSocketAddress source() {
        return source;
    }

    @Override
    public InetSocketAddress destination() {
        return destination;
    }

    @Override
    public String frontend() {
        return "fe";
    }

    @Override
    public String backend() {
        return "be";
    }

    @Override
    public String server() {
        return "s1";
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String version() {
        return "1.1";
    }

    @Override
    public List<Map.Entry<String, String>> requestHeaders() {
        return headers;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public List<Map.Entry<String, String>> responseHeaders() {
        return List.of();
    }

    @Override
    public Map<String, String> vars() {
        return vars;
    }

    @Override
    public String logAlias(String alias) {
        return aliases.get(alias);
    }

    @Override
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    @Override
    public void addHeader(String name, String value) {
        headers.add(Map.entry(name, value));
    }

    @Override
    public void removeHeader(String name) {
        headers.removeIf(e -> e.getKey().equalsIgnoreCase(name));
    }

    @Override
    public void replaceHeaders(List<Map.Entry<String, String>> h) {
        headers = new ArrayList<>(h);
    }

    @Override
    public void setUri(String uri) {
        this.uri = uri;
    }

    @Override
    public void setMethod(String method) {
        this.method = method;
    }
}
