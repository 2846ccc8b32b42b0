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
        // Rendering never throws: a converter that cannot convert yields no sample.
        f.renderLog(new FakeTransaction());
    }
}
