package dev.tandem.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.proxy.Models;
import dev.tandem.proxy.ProxyServer;
import dev.tandem.proxy.Words;
import dev.tandem.proxy.model.Backend;
import dev.tandem.proxy.model.Frontend;
import dev.tandem.proxy.rules.Acl;
import dev.tandem.proxy.rules.HttpRule;
import dev.tandem.proxy.rules.RuleParser;
import dev.tandem.testkit.http.HttpBackend;
import dev.tandem.testkit.http.RawHttpClient;
import dev.tandem.testkit.http.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** use_backend with ACLs, deny, return, redirect and http-response rules on a running proxy. */
class RulesThroughProxyTest {

    private HttpBackend web;
    private HttpBackend api;
    private ProxyServer proxy;

    @BeforeEach
    void start() throws Exception {
        web = HttpBackend.start();
        api = HttpBackend.start();
        Map<String, List<Acl>> acls = Map.of("is_api", List.of(Acl.parse("is_api", Words.split("path_beg /api"), null)));
        RuleParser p = new RuleParser(acls, null);
        List<HttpRule> req = List.of(
                p.parse(Words.split("deny deny_status 429 if { hdr(x-abuse) -m found }"), false),
                p.parse(Words.split("return status 200 content-type text/plain string pong if { path /ping }"), false),
                p.parse(Words.split("redirect scheme https code 301 if { path_beg /secure }"), false),
                p.parse(Words.split("set-header X-Route api if is_api"), false));
        List<HttpRule> resp = List.of(
                p.parse(Words.split("set-header X-Served-By %[be_name]/%[srv_name]"), true),
                p.parse(Words.split("del-header Content-Type"), true));
        Frontend fe = Models.frontend("fe", "web", Models.v4()).withRules(req, resp)
                .withUseBackends(List.of(p.useBackend(Words.split("api if is_api"))));
        Backend b1 = Models.backend("web", web.address());
        Backend b2 = Models.backend("api", api.address());
        proxy = Models.start(fe, b1, b2);
    }

    @AfterEach
    void stop() {
        proxy.close();
        web.close();
        api.close();
    }

    private String get(String path, String extra) throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(proxy.boundAddresses().getFirst())) {
            c.send("GET " + path + " HTTP/1.1\r\nHost: h.example\r\n" + extra + "\r\n");
            return c.readResponse();
        }
    }

    @Test
    void useBackendRoutesByPathAndResponseRulesRewriteHeaders() throws Exception {
        assertThat(get("/api/x", "")).contains("X-Served-By: api/s1").doesNotContainIgnoringCase("content-type");
        RecordedRequest r = api.take();
        assertThat(r.header("X-Route")).isEqualTo("api");
        assertThat(get("/index", "")).contains("X-Served-By: web/s1");
        assertThat(web.take().uri()).isEqualTo("/index");
    }

    @Test
    void denyAnswersWithTheChosenStatusAndHaproxysPage() throws Exception {
        assertThat(get("/", "X-Abuse: 1\r\n")).startsWith("HTTP/1.1 429 Too Many Requests")
                .contains("<h1>429 Too Many Requests</h1>");
        assertThat(web.pending()).isZero();
    }

    @Test
    void deniedRequestsAreLoggedProxyRequestAndLocalAnswersLocal() throws Exception {
        proxy.close();
        try (dev.tandem.proxy.SyslogReceiver syslog = new dev.tandem.proxy.SyslogReceiver()) {
            RuleParser p = new RuleParser(Map.of(), null);
            Frontend fe = Models.frontend("fe", "web", Models.v4()).withLogging(Models.httplog(syslog.address()))
                    .withRules(List.of(p.parse(Words.split("deny if { path /no }"), false),
                            p.parse(Words.split("return status 204 if { path /local }"), false)), List.of());
            proxy = Models.start(fe, Models.backend("web", web.address()));
            get("/no", "");
            assertThat(syslog.next()).contains(" fe fe/<NOSRV> ").contains(" 403 ").contains(" PR-- ");
            get("/local", "");
            assertThat(syslog.next()).contains(" 204 ").contains(" LR-- ");
        }
    }

    @Test
    void returnAndRedirectAreAnsweredByTheProxy() throws Exception {
        assertThat(get("/ping", "")).startsWith("HTTP/1.1 200").contains("text/plain").endsWith("pong");
        assertThat(get("/secure/x", "")).startsWith("HTTP/1.1 301")
                .contains("location: https://h.example/secure/x");
    }
}
