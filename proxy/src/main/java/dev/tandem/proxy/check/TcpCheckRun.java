package dev.tandem.proxy.check;

import dev.tandem.config.haproxy.model.CheckRule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One run of a {@code tcp-check} script (configuration.txt "tcp-check connect", "tcp-check send",
 * "tcp-check expect") as a step machine: the IO shell performs each {@link Step} and reports back
 * with {@link #connected}, {@link #sent}, {@link #received}, {@link #closed} or the failures, so
 * the script never touches a socket. A script that does not start with {@code connect} gets
 * haproxy's implicit connect first; messages still number the written rules from 1.
 */
public final class TcpCheckRun {

    /** What the IO shell must do next. */
    public sealed interface Step {
        record Connect(OptionalInt port, boolean ssl, boolean sendProxy) implements Step {}

        record Send(byte[] data) implements Step {}

        /** Wait for more bytes (or the close, or the timeout). */
        record Receive() implements Step {}

        record Done(CheckResult result) implements Step {}
    }

    private final List<CheckRule> rules;
    private final boolean implicitConnect;
    private final ByteArrayOutputStream input = new ByteArrayOutputStream();
    private int next;
    private int current = -1;
    private Step.Done done;

    public TcpCheckRun(List<CheckRule> rules) {
        List<CheckRule> own = new ArrayList<>();
        for (CheckRule r : rules) {
            if (r instanceof CheckRule.TcpConnect || r instanceof CheckRule.TcpSend || r instanceof CheckRule.Expect) {
                own.add(r);
            }
        }
        this.implicitConnect = own.isEmpty() || !(own.getFirst() instanceof CheckRule.TcpConnect);
        this.rules = List.copyOf(own);
    }

    /** The first step: always a connect. */
    public Step start() {
        if (implicitConnect) {
            return new Step.Connect(OptionalInt.empty(), false, false);
        }
        return advance(0);
    }

    public Step connected(long durationMillis) {
        return advance(durationMillis);
    }

    /** The connection could not be made; {@code info} is the system's words ("Connection refused"). */
    public Step connectFailed(String info, long durationMillis) {
        return finish(CheckResult.of(CheckStatus.L4CON, info, durationMillis));
    }

    /** Connect or read took longer than {@code timeout check} (or inter). */
    public Step timedOut(long durationMillis) {
        boolean connecting = current < 0 || rules.get(current) instanceof CheckRule.TcpConnect;
        return finish(CheckResult.of(connecting ? CheckStatus.L4TOUT : CheckStatus.L7TOUT, "", durationMillis));
    }

    public Step sent(long durationMillis) {
        return advance(durationMillis);
    }

    public Step received(byte[] chunk, long durationMillis) {
        input.writeBytes(chunk);
        return evaluateExpect(false, durationMillis);
    }

    /** The server closed its side. */
    public Step closed(long durationMillis) {
        if (current >= 0 && rules.get(current) instanceof CheckRule.Expect) {
            return evaluateExpect(true, durationMillis);
        }
        return advance(durationMillis);
    }

    /** The implicit connect does not count: the first written rule is step 1 (measured on 2.6.12). */
    private static int stepNumber(int ruleIndex) {
        return ruleIndex + 1;
    }

    private Step advance(long durationMillis) {
        if (done != null) {
            return done;
        }
        if (next >= rules.size()) {
            return finish(success(durationMillis));
        }
        current = next++;
        CheckRule rule = rules.get(current);
        return switch (rule) {
            case CheckRule.TcpConnect c -> new Step.Connect(c.port(), c.ssl(), c.sendProxy());
            case CheckRule.TcpSend s -> new Step.Send(s.binary() ? HexFormat.of().parseHex(s.data())
                    : s.data().getBytes(StandardCharsets.ISO_8859_1));
            case CheckRule.Expect e -> {
                input.reset();
                yield new Step.Receive();
            }
            default -> throw new IllegalStateException("not a tcp-check rule: " + rule);
        };
    }

    private CheckResult success(long durationMillis) {
        if (current >= 0 && rules.get(current) instanceof CheckRule.Expect) {
            return new CheckResult(CheckStatus.L7OK, 0, "(tcp-check)", durationMillis);
        }
        // a script that only connected: the implicit connect says nothing more than "Layer4 check passed"
        return CheckResult.of(CheckStatus.L4OK, rules.isEmpty() ? "" : "(tcp-check)", durationMillis);
    }

    private Step evaluateExpect(boolean closed, long durationMillis) {
        if (done != null) {
            return done;
        }
        CheckRule.Expect e = (CheckRule.Expect) rules.get(current);
        byte[] data = input.toByteArray();
        if (data.length == 0) {
            return closed ? finish(CheckResult.of(CheckStatus.L7RSP,
                    "TCPCHK got an empty response at step " + stepNumber(current), durationMillis)) : new Step.Receive();
        }
        boolean match;
        String what;
        switch (e.matcher()) {
            case "string" -> {
                match = HttpCheckResponse.indexOf(data, e.pattern().getBytes(StandardCharsets.ISO_8859_1)) >= 0;
                what = " '" + e.pattern() + "'";
            }
            case "rstring" -> {
                match = Pattern.compile(e.pattern(), Pattern.DOTALL).matcher(new String(data, StandardCharsets.ISO_8859_1)).find();
                what = " (regex)";
            }
            case "binary" -> {
                match = HttpCheckResponse.indexOf(data, HexFormat.of().parseHex(e.pattern())) >= 0;
                what = " (binary)";
            }
            default -> {
                return finish(CheckResult.of(CheckStatus.L7RSP, "tcp-check expect " + e.matcher() + " is not supported",
                        durationMillis));
            }
        }
        if (!match && !closed) {
            return new Step.Receive(); // a match may still arrive
        }
        if (match == e.negated()) {
            return finish(CheckResult.of(CheckStatus.L7RSP, (match ? "TCPCHK matched unwanted content"
                    : "TCPCHK did not match content") + what + " at step " + stepNumber(current), durationMillis));
        }
        return advance(durationMillis);
    }

    private Step finish(CheckResult result) {
        done = new Step.Done(result);
        return done;
    }
}
