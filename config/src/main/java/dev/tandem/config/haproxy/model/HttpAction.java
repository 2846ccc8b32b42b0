package dev.tandem.config.haproxy.model;

import java.util.Optional;

/** What an http rule does (configuration.txt §4.4 "http-request", "http-response"). */
public sealed interface HttpAction {

    record AddHeader(String name, LogFormat value) implements HttpAction {}

    /** Computes the value first, then removes every occurrence, then adds one. */
    record SetHeader(String name, LogFormat value) implements HttpAction {}

    /** {@code del-header <name> [-m str|beg|end|sub|reg]}. */
    record DelHeader(String name, MatchMethod method) implements HttpAction {}

    /** {@code replace-header} (whole value) or {@code replace-value} (each comma-separated value). */
    record ReplaceHeader(String name, String regex, LogFormat replacement, boolean eachValue) implements HttpAction {}

    record ReplacePath(String regex, LogFormat replacement) implements HttpAction {}

    record SetPath(LogFormat path) implements HttpAction {}

    record SetUri(LogFormat uri) implements HttpAction {}

    record SetMethod(LogFormat method) implements HttpAction {}

    /** {@code set-var(scope.name) <expr>}; scope is proc, sess, txn, req or res. */
    record SetVar(String scope, String name, SampleExpr value) implements HttpAction {}

    record Allow() implements HttpAction {}

    /** {@code deny [deny_status N]}; 403 by default on requests, 502 on responses. */
    record Deny(int status) implements HttpAction {}

    /** {@code return [status N] [content-type T] [string S | lf-string F | file P]}. */
    record Return(int status, Optional<String> contentType, Optional<ReturnBody> body) implements HttpAction {}

    /** {@code redirect location|prefix|scheme <target> [code N] [drop-query] [append-slash]}. */
    record Redirect(RedirectType type, LogFormat target, int code, boolean dropQuery, boolean appendSlash)
            implements HttpAction {}

    record SetStatus(int status, Optional<String> reason) implements HttpAction {}

    enum RedirectType {
        LOCATION,
        PREFIX,
        SCHEME
    }

    /** Body of a {@code return}. */
    sealed interface ReturnBody {
        record Text(String text) implements ReturnBody {}

        record Format(LogFormat format) implements ReturnBody {}

        /** {@code file <path>}, read at parse time. */
        record File(String path, String content) implements ReturnBody {}
    }
}
