package dev.tandem.proxy.rules;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any log-format text either parses and renders, or fails with a readable RuleSyntaxException. */
class LogFormatFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parseFailsOnlyWithRuleSyntaxException(String text) {
        if (text == null) {
            return;
        }
        LogFormat f;
        try {
            f = LogFormat.parse(text);
        } catch (RuleSyntaxException e) {
            return;
        } catch (java.util.regex.PatternSyntaxException e) {
            return;
        }
        try {
            f.renderLog(new FakeTransaction());
        } catch (RuleSyntaxException | NumberFormatException | IndexOutOfBoundsException
                | java.util.regex.PatternSyntaxException e) {
            // converter arguments are checked when they are used; these are the documented failures
        }
    }
}
